package policy

// Actions of the public side of the label: the palmarès, the collectivités'
// histories, the badges, the open data, and staff's matching of imported
// rows.
const (
	// The public pages, badges, feed and open data: anybody, no account.
	PalmaresPublic Action = "palmares.public"
	// Staff pick the collectivité of an imported row that matched none.
	PalmaresMatch Action = "palmares.match"
)

func palmaresTable() Table {
	return Table{
		PalmaresPublic: To(Public),
		PalmaresMatch:  To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
	}
}
