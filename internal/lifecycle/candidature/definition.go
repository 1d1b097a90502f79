// Package candidature defines the lifecycle of a collectivité's candidature
// to a campaign: from the draft to the deposit, admissibility, the jury's
// instruction, deliberation and publication. It registers with the engine
// (workflow); who fires each event is in the policy (internal/policy).
package candidature

import (
	"fmt"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// Name is the lifecycle's name, its subjects' type in the audit trail.
const Name = "candidature"

// Deps is what the definition needs besides the store.
type Deps struct {
	Mail           *mail.Mailer
	Questionnaires *questionnaire.Cache
	// CampaignState labels a campaign's state in messages (the campaign
	// lifecycle's labels; lifecycles do not import each other).
	CampaignState func(string) string
}

// Records of the history that are not transitions.
const (
	// RecordInvitationAccepted: who accepted an invitation sent to which
	// address.
	RecordInvitationAccepted = "invitation_acceptee"
	// RecordStaffRead: a staff member opened a draft (for support), once
	// a day.
	RecordStaffRead = "consultation_equipe"
	// RecordRequest and RecordRequestDecided: a request to join the
	// candidature or an error reported, and staff's decision.
	RecordRequest        = "demande"
	RecordRequestDecided = "demande_traitee"
)

// Field names of the events' inputs, in forms and in the API.
const (
	FieldAttest     = "attest"
	FieldEluName    = "elu_name"
	FieldEluMandate = "elu_mandate"
	FieldLevel      = "level"
	FieldMotivation = "motivation"
	FieldMentions   = "mentions" // a decision's special mentions (several values)
	// FieldMandateChecked and FieldMandateConfirmed are staff's check of
	// the élu's mandate at admissibility.
	FieldMandateChecked   = "mandat"
	FieldMandateConfirmed = "mandat_verifie"
	// FieldReplyDays is the number of days the collectivité has to answer
	// a complement request (DefaultReplyDays when not given).
	FieldReplyDays = "delai"
)

// DefaultReplyDays is the reply deadline of a complement request, in days,
// when the jury gives none.
const DefaultReplyDays = 15

// States returns the candidature's states with their labels.
func States() []workflow.State {
	return []workflow.State{
		{Name: domain.Brouillon, Label: "Brouillon"},
		{Name: domain.Deposee, Label: "Déposée"},
		{Name: domain.Recevable, Label: "Recevable"},
		{Name: domain.Irrecevable, Label: "Irrecevable"},
		{Name: domain.EnInstruction, Label: "En instruction"},
		{Name: domain.ComplementDemande, Label: "Complément demandé"},
		{Name: domain.Evaluee, Label: "Évaluée"},
		{Name: domain.Deliberee, Label: "Délibérée"},
		{Name: domain.Publiee, Label: "Publiée"},
		{Name: domain.Retiree, Label: "Retirée"},
	}
}

// Definition returns the candidature's lifecycle.
func Definition(deps Deps) *workflow.Definition[Payload] {
	n := notifier{mail: deps.Mail}
	return &workflow.Definition[Payload]{
		Name:    Name,
		Label:   "Candidature",
		Table:   "candidatures",
		Initial: domain.Brouillon,
		States:  States(),
		Records: map[string]string{workflow.RecordCreate: "Création", workflow.RecordDelete: "Suppression des données",
			RecordInvitationAccepted: "Invitation acceptée", RecordStaffRead: "Consultation du brouillon par l’équipe",
			RecordRequest: "Demande reçue", RecordRequestDecided: "Demande traitée"},
		URL: func(id int64) string { return fmt.Sprintf("/candidatures/%d", id) },
		Events: []workflow.Event[Payload]{
			{
				Name: "deposer", Label: "Déposer la candidature",
				From: []string{domain.Brouillon}, To: domain.Deposee,
				Guards: []workflow.Guard[Payload]{beforeDeadline(deps.campaignState), questionnaireComplete},
				Apply:  applySubmission,
				Notify: n.submission,
				Show: workflow.Presentation{
					Page: "/candidatures/%d/depot",
					Fields: []workflow.Field{
						{Name: FieldEluName, Label: "Nom de l’élu référent", Kind: workflow.FieldText, Required: true, Autocomplete: "name",
							Missing: "Indiquez le nom de l’élu référent."},
						{Name: FieldEluMandate, Label: "Mandat", Help: "Par exemple : maire, adjointe au numérique.", Kind: workflow.FieldText, Required: true,
							Missing: "Indiquez son mandat (par exemple : maire, adjointe au numérique)."},
						{Name: FieldAttest, Label: "J’atteste sur l’honneur l’exactitude des réponses", Kind: workflow.FieldCheckbox, Required: true,
							Missing: "Cochez l’attestation sur l’honneur."},
					},
					Done: "La candidature est déposée. L’accusé de réception vous est envoyé par courriel ; vous pouvez aussi le télécharger ci-dessous.",
				},
			},
			{
				Name: "corriger", Label: "Reprendre pour corriger",
				From: []string{domain.Deposee}, To: domain.Brouillon,
				Guards: []workflow.Guard[Payload]{beforeDeadline(deps.campaignState)},
				Apply:  applyTakeBack,
				Notify: n.members("corriger"),
				Show: workflow.Presentation{
					Confirm: "La candidature ne sera plus déposée : vous pourrez modifier les réponses, puis il faudra la déposer à nouveau avant la date limite.",
					Undo:    "Déposez-la à nouveau depuis sa page, avant la date limite.",
					Done:    "La candidature n’est plus déposée : corrigez les réponses, puis déposez-la à nouveau avant la date limite.",
				},
			},
			{
				Name: "declarer_recevable", Label: "Déclarer recevable",
				From: []string{domain.Deposee}, To: domain.Recevable,
				Notify: n.elu("recevable"),
				// The élu's mandate is part of admissibility: staff say
				// what they checked, and the history keeps it.
				Record: func(in workflow.Input) string {
					return "Mandat de l’élu vérifié : " + in.Value(FieldMandateChecked)
				},
				Show: workflow.Presentation{
					Fields: []workflow.Field{
						{Name: FieldMandateChecked, Label: "Mandat vérifié", Kind: workflow.FieldText, Required: true,
							Help:    "Le mandat de l’élu référent tel que vous l’avez vérifié, et où (par exemple « Maire depuis 2020, Répertoire national des élus »).",
							Missing: "Indiquez le mandat de l’élu que vous avez vérifié : la recevabilité en dépend."},
						{Name: FieldMandateConfirmed, Label: "J’ai vérifié que l’élu référent exerce ce mandat dans cette collectivité", Kind: workflow.FieldCheckbox, Required: true,
							Missing: "Confirmez avoir vérifié le mandat de l’élu."},
					},
					Comment: &workflow.Field{Label: "Commentaire", Kind: workflow.FieldTextArea},
				},
			},
			{
				Name: "declarer_irrecevable", Label: "Déclarer irrecevable",
				From: []string{domain.Deposee}, To: domain.Irrecevable,
				Apply:  applyReason,
				Notify: n.elu("irrecevable"),
				Show: workflow.Presentation{
					Destructive: true,
					Confirm:     "La collectivité est prévenue par courriel, avec le motif.",
					Comment: &workflow.Field{Label: "Motif d’irrecevabilité", Kind: workflow.FieldTextArea, Required: true,
						Missing: "Indiquez le motif d’irrecevabilité."},
				},
			},
			{
				Name: "instruire", Label: "Mettre en instruction",
				From: []string{domain.Recevable}, To: domain.EnInstruction,
			},
			{
				Name: "demander_complement", Label: "Demander un complément",
				From: []string{domain.EnInstruction}, To: domain.ComplementDemande,
				Guards:  []workflow.Guard[Payload]{replyDays},
				Apply:   both(applyComplementRequest, threadMessage(domain.MessageQuestion)),
				Notify:  n.members("complement"),
				Choices: replyChoices,
				Show: workflow.Presentation{
					Comment: &workflow.Field{Label: "Question posée à la collectivité", Kind: workflow.FieldTextArea, Required: true,
						Missing: "Indiquez la question posée à la collectivité."},
					Fields: []workflow.Field{{Name: FieldReplyDays, Label: "Délai de réponse", Kind: workflow.FieldChoice,
						Help: "Sans réponse dans ce délai, la candidature revient en instruction d’elle-même."}},
				},
			},
			{
				Name: "repondre_complement", Label: "Répondre au complément",
				From: []string{domain.ComplementDemande}, To: domain.EnInstruction,
				Guards: []workflow.Guard[Payload]{questionnaireComplete},
				Apply:  both(applyComplement, threadMessage(domain.MessageAnswer)),
				Show: workflow.Presentation{Comment: &workflow.Field{Label: "Votre réponse au jury", Kind: workflow.FieldTextArea, Required: true,
					Missing: "Indiquez votre réponse au jury."}},
			},
			{
				Name: "expirer_complement", Label: "Retour en instruction (délai de réponse dépassé)",
				From: []string{domain.ComplementDemande}, To: domain.EnInstruction,
				Guards: []workflow.Guard[Payload]{replyDeadlinePassed},
				Apply:  applyComplementExpired,
				Notify: n.members("complement_expire"),
			},
			{
				Name: "evaluer", Label: "Terminer l’évaluation",
				From: []string{domain.EnInstruction}, To: domain.Evaluee,
				Guards: []workflow.Guard[Payload]{evaluationsSubmitted, overrideReason},
				Show: workflow.Presentation{Comment: &workflow.Field{Label: "Motif de la dérogation", Kind: workflow.FieldTextArea,
					Help: "Pour l’équipe ADULLACT seulement, quand des évaluations assignées ne sont pas remises. Il figure dans l’historique de la candidature."}},
			},
			{
				Name: "deliberer", Label: "Enregistrer la décision",
				From: []string{domain.Evaluee, domain.Deliberee}, To: domain.Deliberee,
				Guards:   []workflow.Guard[Payload]{deliberating, decisionValid},
				Apply:    applyDecision,
				Choices:  decisionChoices,
				Defaults: decisionDefaults,
				Summary:  decisionSummary,
				Show: workflow.Presentation{Fields: decisionFields(true),
					Done: "Décision enregistrée. Elle sera publique avec le palmarès."},
			},
			{
				Name: "publier", Label: "Publier le résultat",
				From: []string{domain.Deliberee}, To: domain.Publiee,
				Guards: []workflow.Guard[Payload]{resultsPublished},
				Notify: n.publication,
			},
			{
				Name: "rectifier", Label: "Rectifier la décision publiée",
				From: []string{domain.Publiee}, To: domain.Publiee,
				Guards:   []workflow.Guard[Payload]{decisionValid},
				Apply:    applyRectification,
				Choices:  decisionChoices,
				Defaults: decisionDefaults,
				Summary:  decisionSummary,
				Notify:   n.rectification,
				Show: workflow.Presentation{Secondary: true, Fields: decisionFields(false),
					Comment: &workflow.Field{Label: "Motif de la rectification", Kind: workflow.FieldTextArea, Required: true,
						Help:    "Affiché sur la page publique de la collectivité et envoyé à la collectivité avec la décision rectifiée.",
						Missing: "Indiquez le motif de la rectification : il est public."},
					Confirm: "La décision publiée sera remplacée sur le palmarès, avec le motif ; la collectivité en est informée par courriel.",
					Done:    "Décision rectifiée : le palmarès public et la page de la collectivité la montrent avec son motif."},
			},
			{
				Name: "passer_au_label", Label: "Passer au questionnaire complet du label",
				From: []string{domain.Brouillon}, To: domain.Brouillon,
				Apply: applyLabelTrack,
				Show: workflow.Presentation{Secondary: true,
					Confirm: "Toutes les questions du label vous seront posées ; vos réponses déjà saisies sont conservées. On ne revient pas ensuite au Badge.",
					Done:    "La candidature vise maintenant le label : les questions du questionnaire complet sont ouvertes."},
			},
			{
				Name: "retirer", Label: "Retirer la candidature",
				From:   []string{domain.Brouillon, domain.Deposee, domain.Recevable, domain.EnInstruction, domain.ComplementDemande, domain.Evaluee},
				To:     domain.Retiree,
				Apply:  applyReason,
				Notify: n.members("retrait"),
				Show: workflow.Presentation{
					Secondary: true, Destructive: true, Irreversible: true,
					Confirm: "La candidature sera retirée : elle ne sera pas examinée par le jury et ne pourra plus être modifiée.",
					Undo:    "Un retrait ne s’annule pas depuis la plateforme : écrivez à l’équipe ADULLACT, qui peut rouvrir la candidature.",
					Comment: &workflow.Field{Label: "Motif du retrait", Kind: workflow.FieldTextArea},
				},
			},
			{
				// Staff reopen a withdrawn candidature (a withdrawal by
				// mistake): it is a draft again, to be deposited again.
				Name: "rouvrir", Label: "Rouvrir la candidature",
				From:   []string{domain.Retiree},
				To:     domain.Brouillon,
				Apply:  applyReopen,
				Notify: n.members("reouverture"),
				Show: workflow.Presentation{
					Confirm: "La candidature redevient un brouillon : l’élu référent devra la déposer de nouveau avant la date limite.",
					Comment: &workflow.Field{Label: "Motif de la réouverture", Kind: workflow.FieldTextArea, Required: true,
						Missing: "Indiquez pourquoi la candidature est rouverte."},
				},
			},
		},
		Load:     deps.load,
		LoadMany: deps.loadMany,
		Timers:   []workflow.Timer{{Event: "expirer_complement", Due: complementsDue}},
	}
}

// replyChoices are the reply deadlines a complement request offers.
func replyChoices(*workflow.Subject[Payload]) map[string][]workflow.Choice {
	var out []workflow.Choice
	for _, d := range []int{DefaultReplyDays, 7, 30} {
		out = append(out, workflow.Choice{Value: fmt.Sprint(d), Label: fmt.Sprintf("%d jours", d)})
	}
	return map[string][]workflow.Choice{FieldReplyDays: out}
}

// StateLabel returns the French label of a candidature state.
func StateLabel(state string) string {
	for _, s := range States() {
		if s.Name == state {
			return s.Label
		}
	}
	return state
}

func (d Deps) campaignState(state string) string {
	if d.CampaignState == nil {
		return state
	}
	return d.CampaignState(state)
}
