package policy

// Tables returns tnl's policy tables, one per area; New merges them.
func Tables() []Table {
	return []Table{publicTable(), accountTable(), candidatureTable(), campagneTable(), staffTable()}
}

// Actions of the routes and services. Lifecycle events are actions too,
// named by Event (« candidature.deposer »); their rules are in the table of
// their lifecycle's area.
const (
	// Pages anybody may open: home, sign-in, sign-up, links sent by email.
	PublicPage Action = "public.page"

	// The person's own account and session.
	AccountUse Action = "account.use"

	CollectiviteSearch  Action = "collectivite.search"
	CandidatureList     Action = "candidature.list"
	CandidatureCreate   Action = "candidature.create"
	CandidatureRead     Action = "candidature.read"
	CandidatureEdit     Action = "candidature.edit"
	CandidatureAttest   Action = "candidature.attest"
	CandidatureSubmit   Action = "candidature.submit"
	CandidatureMembers  Action = "candidature.members"
	CandidatureReview   Action = "candidature.review"
	CandidatureDocument Action = "candidature.document"

	CampagneList   Action = "campagne.list"
	CampagneRead   Action = "campagne.read"
	CampagneManage Action = "campagne.manage"

	OutboxRead Action = "staff.outbox"
)

// FireEvent and ReadSubject stand, in a route table, for the action of the
// event the route names ({event}) and for reading the subject it names:
// the guard turns them into Event(type, event) and Read(type).
const (
	FireEvent   Action = "*event"
	ReadSubject Action = "*read"
)

func publicTable() Table {
	return Table{
		PublicPage: To(Public),
	}
}

func accountTable() Table {
	return Table{
		AccountUse: To(SignedIn),
	}
}

func candidatureTable() Table {
	return Table{
		CollectiviteSearch:  To(SignedIn),
		CandidatureList:     To(SignedIn),
		CandidatureCreate:   To(SignedIn),
		CandidatureRead:     To(Elu, Accompagnateur, Staff, Jury, President, Juror).Refusing("Vous ne participez pas à cette candidature."),
		CandidatureDocument: To(Elu, Accompagnateur, Staff, Jury, President, Juror).Refusing("Vous ne participez pas à cette candidature."),
		CandidatureEdit:     To(Elu, Accompagnateur).Refusing("Seuls l’élu référent et les personnes qu’il a invitées peuvent modifier les réponses et les pièces."),
		CandidatureAttest:   To(Elu).Refusing("Seul l’élu référent remplit l’attestation, au moment du dépôt."),
		CandidatureSubmit:   To(Elu).Refusing("Seul l’élu référent dépose la candidature."),
		CandidatureMembers:  To(Elu).Refusing("Seul l’élu référent invite ou retire des personnes."),
		CandidatureReview:   To(Staff, Jury, President, Juror).Refusing("Réservé au jury et à l’équipe ADULLACT."),

		Event("candidature", "deposer"):              To(Elu),
		Event("candidature", "corriger"):             To(Elu),
		Event("candidature", "declarer_recevable"):   To(Staff),
		Event("candidature", "declarer_irrecevable"): To(Staff),
		Event("candidature", "instruire"):            To(Staff),
		Event("candidature", "demander_complement"):  To(Jury, Staff),
		Event("candidature", "repondre_complement"):  To(Elu),
		Event("candidature", "evaluer"):              To(Jury),
		Event("candidature", "deliberer"):            To(Staff),
		Event("candidature", "publier"):              To(System),
		Event("candidature", "retirer"):              To(Elu),
	}
}

func campagneTable() Table {
	return Table{
		CampagneList:   To(SignedIn),
		CampagneRead:   To(Staff),
		CampagneManage: To(Staff),

		Event("campagne", "ouvrir"):    To(Staff, System),
		Event("campagne", "clore"):     To(Staff, System),
		Event("campagne", "instruire"): To(Staff),
		Event("campagne", "deliberer"): To(Staff),
		Event("campagne", "publier"):   To(Staff),
		Event("campagne", "archiver"):  To(Staff),
	}
}

func staffTable() Table {
	return Table{
		OutboxRead: To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
	}
}
