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
		Event("candidature", "deliberer"):            To(Staff, President),
		Event("candidature", "rectifier"):            To(Staff),
		Event("candidature", "passer_au_label"): {Grants: []Grant{{Who: Of(Elu), When: func(f Facts) bool { return f.Badge },
			Unless: "la candidature vise déjà le label"}}, Refusal: "Seul l’élu référent choisit ce que vise la candidature."},
		Event("candidature", "publier"): To(System),
		Event("candidature", "retirer"): To(Elu),
		Event("candidature", "rouvrir"): To(Staff),
	}
}
