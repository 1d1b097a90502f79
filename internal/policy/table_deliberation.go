package policy

// The deliberation and the publication (issue 13), on a campaign.
const (
	// DeliberationRead: the deliberation table of a campaign (the jury's
	// aggregates, the suggested levels, the decisions): staff and the
	// jury's president; its members read-only when the campaign says so.
	DeliberationRead Action = "deliberation.read"
	// DeliberationDecide: bulk decisions on a selection (each candidature's
	// « deliberer » event is then decided on its own).
	DeliberationDecide Action = "deliberation.decide"
	// PublicationSchedule: scheduling (or unscheduling) a campaign's
	// publication at the ceremony's instant.
	PublicationSchedule Action = "publication.schedule"
)

func deliberationTable() Table {
	return Table{
		DeliberationRead: {Grants: []Grant{
			{Who: Of(Staff, President)},
			{Who: Of(Jury), When: func(f Facts) bool { return f.JuryReadsDeliberation },
				Unless: "la campagne n’ouvre pas la délibération aux membres du jury"},
		}, Refusal: "Réservé à l’équipe ADULLACT et à la présidence du jury."},
		DeliberationDecide:  To(Staff, President).Refusing("Réservé à l’équipe ADULLACT et à la présidence du jury."),
		PublicationSchedule: To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
	}
}
