package policy

// Actions of the ambassadeurs du libre: the public site, the GULLs, the
// mairies' visit requests and the mailing campaigns.
const (
	// The public site: counts, map, directory of GULLs, GeoJSON feed, the
	// short links of letters.
	AmbassadeursSite Action = "ambassadeurs.site"
	// A mairie asks for a visit (no account needed).
	VisiteAsk Action = "visite.ask"
	// A script forwards a mairie's request through the API (a partner
	// collecting them); its contact still confirms it.
	VisiteForward Action = "visite.forward"
	// Pages opened through a personal link mailed to a mairie's contact:
	// the link's token is the credential, checked by the service.
	VisiteFollow Action = "visite.follow"

	// Registering a GULL (staff validate it).
	GullRegister Action = "gull.register"
	// The person's ambassadeur space: their GULLs, requests and visits.
	AmbassadeurSpace Action = "ambassadeurs.space"
	// The ambassadeurs' tools, decided by the service with the person's
	// membership of any validated GULL: the reports feed, the kit, the
	// template letters.
	AmbassadeurTools Action = "ambassadeurs.tools"

	// A GULL's settings: description, zone, members, invitations.
	GullManage Action = "gull.manage"
	// A GULL's dashboard and its exports.
	GullDashboard Action = "gull.dashboard"

	// The visit report, written on a page of its own.
	VisiteReport Action = "visite.report"

	// Mailing campaigns: listing and creating them, editing one (letter,
	// recipients) and downloading its letters and progress.
	CourrierList      Action = "courrier.list"
	CourrierEdit      Action = "courrier.edit"
	CourrierDocuments Action = "courrier.documents"

	// Staff's view of the whole network: dashboards per département and
	// région, GULLs to validate, requests left unclaimed.
	StaffAmbassadeurs Action = "staff.ambassadeurs"
)

func ambassadeursTable() Table {
	ambassadeurs := "Réservé aux ambassadeurs des GULL concernés et à l’équipe ADULLACT."
	return Table{
		AmbassadeursSite: To(Public),
		VisiteAsk:        To(Public),
		VisiteFollow:     To(Public),
		VisiteForward:    To(SignedIn),
		GullRegister:     To(SignedIn),
		AmbassadeurSpace: To(SignedIn),
		AmbassadeurTools: To(Ambassadeur, Staff).Refusing("Réservé aux ambassadeurs des GULL validés et à l’équipe ADULLACT."),

		GullManage:    To(Coordinator, Staff).Refusing("Réservé à la coordination du GULL et à l’équipe ADULLACT."),
		GullDashboard: To(Ambassadeur, Staff).Refusing("Réservé aux membres du GULL et à l’équipe ADULLACT."),
		Read("gull"):  To(Ambassadeur, Coordinator, Staff).Refusing("Réservé aux membres du GULL et à l’équipe ADULLACT."),

		Event("gull", "valider"):   To(Staff),
		Event("gull", "refuser"):   To(Staff),
		Event("gull", "suspendre"): To(Coordinator, Staff),
		Event("gull", "reactiver"): To(Coordinator, Staff),

		Read("visite"): To(Ambassadeur, InCharge, Coordinator, Contact, Staff).Refusing(ambassadeurs),
		VisiteReport:   To(InCharge).Refusing("Seul l’ambassadeur en charge de la visite en rédige le compte rendu."),

		Event("visite", "confirmer"):         To(Contact),
		Event("visite", "prendre"):           To(Ambassadeur),
		Event("visite", "decliner"):          To(Ambassadeur),
		Event("visite", "liberer"):           To(InCharge, Coordinator, Staff),
		Event("visite", "fixer_rendez_vous"): To(InCharge, Staff),
		Event("visite", "rendre_compte"):     To(InCharge),
		Event("visite", "accompagner"):       To(InCharge, Staff),
		Event("visite", "candidater"):        To(System, Staff),
		Event("visite", "clore_sans_suite"):  To(InCharge, Contact, Staff),
		Event("visite", "relancer"):          To(System),
		Event("visite", "elargir"):           To(System, Staff),
		Event("visite", "alerter"):           To(System),
		Event("visite", "expirer"):           To(System),

		CourrierList:      To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
		Read("courrier"):  To(Partner, Staff).Refusing("Réservé au partenaire de la campagne et à l’équipe ADULLACT."),
		CourrierEdit:      To(Partner, Staff).Refusing("Réservé au partenaire de la campagne et à l’équipe ADULLACT."),
		CourrierDocuments: To(Partner, Staff).Refusing("Réservé au partenaire de la campagne et à l’équipe ADULLACT."),

		Event("courrier", "envoyer"):  To(Partner, Staff),
		Event("courrier", "relancer"): To(Partner, Staff, System),
		Event("courrier", "clore"):    To(Partner, Staff),

		StaffAmbassadeurs: To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
	}
}
