package policy

func candidatureTable() Table {
	return Table{
		CollectiviteSearch:  To(SignedIn),
		CandidatureList:     To(SignedIn),
		CandidatureCreate:   To(SignedIn),
		CandidatureAsk:      To(SignedIn),
		CandidatureRead:     To(Elu, Accompagnateur, Staff, Jury, President, Juror).Refusing("Vous ne participez pas à cette candidature."),
		CandidatureDocument: To(Elu, Accompagnateur, Staff, Jury, President, Juror).Refusing("Vous ne participez pas à cette candidature."),
		CandidatureMessage:  To(Elu, Accompagnateur, Staff, Jury, President, Juror).Refusing("Vous ne participez pas à cette candidature."),
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
		Event("candidature", "evaluer"):              To(Jury, Staff),
		Event("candidature", "expirer_complement"):   To(System),
		Event("candidature", "deliberer"):            To(Staff),
		Event("candidature", "publier"):              To(System),
		Event("candidature", "retirer"):              To(Elu),
		Event("candidature", "rouvrir"):              To(Staff),
	}
}
