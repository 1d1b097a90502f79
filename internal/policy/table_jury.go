package policy

// The jury's actions (issue 12): the jury of a campaign, conflicts of
// interest, assignments, evaluations, their aggregation.
const (
	// JuryManage: staff run the jury of a campaign (members, invitations,
	// settings, conflicts, assignments).
	JuryManage Action = "jury.manage"
	// JuryRanking: the aggregated ranking of a campaign's candidatures and
	// its exports, for staff and the jury's president (campaign subject).
	JuryRanking Action = "jury.ranking"
	// JuryGrid: the blank evaluation grid of a campaign (campaign subject).
	JuryGrid Action = "jury.grid"
	// JuryJoin: accepting an invitation and the jury's charter, one's
	// evaluations and preferences; the services check the seat.
	JuryJoin Action = "jury.join"
	// JuryRecuse: a jury member declares a conflict of interest with a
	// candidature (« je me déporte »).
	JuryRecuse Action = "candidature.recuse"
	// CandidatureEvaluations: the evaluations of a candidature and their
	// aggregate, as far as the person may see them (OthersEvaluationsVisible).
	CandidatureEvaluations Action = "candidature.evaluations"
	// EvaluationEdit: saving one's evaluation draft.
	EvaluationEdit Action = "evaluation.edit"
	// EvaluationKeepRemark: the jury keeps (or not) an evaluation's remark
	// for the collectivité.
	EvaluationKeepRemark Action = "evaluation.keep_remark"
)

func juryTable() Table {
	reviewers := Rule{Grants: []Grant{{Who: Of(Staff, Jury, President, Juror)}}, Refusal: "Réservé au jury et à l’équipe ADULLACT."}
	return Table{
		JuryManage:             To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
		JuryRanking:            To(Staff, President).Refusing("Réservé à l’équipe ADULLACT et à la présidence du jury."),
		JuryGrid:               To(Staff, Jury),
		JuryJoin:               To(SignedIn),
		JuryRecuse:             To(Jury).Refusing("Seuls les membres du jury de la campagne se déportent."),
		CandidatureEvaluations: reviewers,
		EvaluationEdit:         To(Evaluator).Refusing("Seul le juré auteur de l’évaluation la modifie."),
		EvaluationKeepRemark:   To(President, Staff).Refusing("Réservé à la présidence du jury et à l’équipe ADULLACT."),

		Read("evaluation"):               To(Evaluator, President, Staff).Refusing("Réservé au juré auteur de l’évaluation, à la présidence du jury et à l’équipe ADULLACT."),
		Event("evaluation", "commencer"): To(Evaluator),
		Event("evaluation", "remettre"):  To(Evaluator),
		Event("evaluation", "rouvrir"):   To(President, Staff),
	}
}
