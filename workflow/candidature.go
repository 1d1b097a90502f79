package workflow

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// Candidature states.
const (
	Brouillon         = "brouillon"
	Deposee           = "deposee"
	Recevable         = "recevable"
	Irrecevable       = "irrecevable"
	EnInstruction     = "en_instruction"
	ComplementDemande = "complement_demande"
	Evaluee           = "evaluee"
	Deliberee         = "deliberee"
	Publiee           = "publiee"
	Retiree           = "retiree"
)

// EditableStates are the candidature states in which answers may change:
// the draft, and while the jury waits for a complement.
var EditableStates = []string{Brouillon, ComplementDemande}

var candidatureStates = []State{
	{Brouillon, "Brouillon"},
	{Deposee, "Déposée"},
	{Recevable, "Recevable"},
	{Irrecevable, "Irrecevable"},
	{EnInstruction, "En instruction"},
	{ComplementDemande, "Complément demandé"},
	{Evaluee, "Évaluée"},
	{Deliberee, "Délibérée"},
	{Publiee, "Publiée"},
	{Retiree, "Retirée"},
}

// Candidature is the lifecycle of a collectivité's candidature.
func Candidature() *Definition {
	return &Definition{
		Name:    "candidature",
		Label:   "Candidature",
		Initial: Brouillon,
		States:  candidatureStates,
		Events: []Event{
			{
				Name: "deposer", Label: "Déposer la candidature",
				From: []string{Brouillon}, To: Deposee,
				Roles:  []Role{RoleElu},
				Guards: []Guard{beforeDeadline, questionnaireComplete, attestation},
				Apply:  applySubmission,
				Notify: notifySubmission,
			},
			{
				Name: "corriger", Label: "Reprendre pour corriger",
				From: []string{Deposee}, To: Brouillon,
				Roles:  []Role{RoleElu},
				Guards: []Guard{beforeDeadline},
				Apply: func(ctx context.Context, tx *store.Tx, s *Subject, _ *Actor, _ Input) error {
					return tx.ClearSubmission(ctx, s.ID)
				},
				Notify: notifyMembers("corriger"),
			},
			{
				Name: "declarer_recevable", Label: "Déclarer recevable",
				From: []string{Deposee}, To: Recevable,
				Roles:  []Role{RoleStaff},
				Notify: notifyElu("recevable"),
			},
			{
				Name: "declarer_irrecevable", Label: "Déclarer irrecevable",
				From: []string{Deposee}, To: Irrecevable,
				Roles:  []Role{RoleStaff},
				Guards: []Guard{commentRequired("le motif d’irrecevabilité")},
				Apply:  applyReason,
				Notify: notifyElu("irrecevable"),
			},
			{
				Name: "instruire", Label: "Mettre en instruction",
				From: []string{Recevable}, To: EnInstruction,
				Roles: []Role{RoleStaff},
			},
			{
				Name: "demander_complement", Label: "Demander un complément",
				From: []string{EnInstruction}, To: ComplementDemande,
				Roles:  []Role{RoleJury, RoleStaff},
				Guards: []Guard{commentRequired("la question posée à la collectivité")},
				Notify: notifyMembers("complement"),
			},
			{
				Name: "repondre_complement", Label: "Répondre au complément",
				From: []string{ComplementDemande}, To: EnInstruction,
				Roles:  []Role{RoleElu},
				Guards: []Guard{commentRequired("votre réponse au jury"), questionnaireComplete},
				Apply: func(ctx context.Context, tx *store.Tx, s *Subject, _ *Actor, _ Input) error {
					_, err := pruneHidden(ctx, tx, s)
					return err
				},
			},
			{
				Name: "evaluer", Label: "Terminer l’évaluation",
				From: []string{EnInstruction}, To: Evaluee,
				Roles: []Role{RoleJury},
			},
			{
				Name: "deliberer", Label: "Enregistrer la délibération",
				From: []string{Evaluee}, To: Deliberee,
				Roles:  []Role{RoleStaff},
				Guards: []Guard{decision},
				Apply: func(ctx context.Context, tx *store.Tx, s *Subject, _ *Actor, in Input) error {
					return tx.SetDecision(ctx, s.ID, *in.Level, strings.TrimSpace(in.Motivation), cleanMentions(in.Mentions))
				},
			},
			{
				Name: "publier", Label: "Publier le résultat",
				From: []string{Deliberee}, To: Publiee,
				Roles: []Role{RoleSystem},
				Guards: []Guard{{
					Name: "resultats_publies",
					Check: func(_ context.Context, s *Subject, _ *Actor, _ Input) string {
						if s.Campaign.State != CampagneResultatsPublies {
							return "Le résultat est publié avec le palmarès de la campagne, par l’équipe ADULLACT."
						}
						return ""
					},
				}},
				Notify: notifyPublication,
			},
			{
				Name: "retirer", Label: "Retirer la candidature",
				From:   []string{Brouillon, Deposee, Recevable, EnInstruction, ComplementDemande, Evaluee},
				To:     Retiree,
				Roles:  []Role{RoleElu},
				Apply:  applyReason,
				Notify: notifyMembers("retrait"),
			},
		},
		Load:    loadCandidature,
		RolesOf: candidatureRoles,
	}
}

func loadCandidature(ctx context.Context, tx *store.Tx, id int64, env *Env) (*Subject, error) {
	c, err := tx.Candidature(ctx, id)
	if err != nil {
		return nil, err
	}
	cp, err := tx.CampaignShared(ctx, c.CampaignID)
	if err != nil {
		return nil, err
	}
	coll, err := tx.Collectivite(ctx, c.CollectiviteID)
	if err != nil {
		return nil, err
	}
	members, err := tx.Members(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := tx.Answers(ctx, id)
	if err != nil {
		return nil, err
	}
	answers := make(questionnaire.Answers, len(rows))
	for _, a := range rows {
		answers[a.QuestionKey] = json.RawMessage(a.Value)
	}
	q, err := env.Questionnaire(cp)
	if err != nil {
		return nil, err
	}
	return &Subject{
		Type: "candidature", ID: id, State: c.State, Version: c.Version, Now: env.Now().UTC(),
		Campaign: cp, Candidature: c, Collectivite: coll, Members: members, Answers: answers, Questionnaire: q,
	}, nil
}

func candidatureRoles(s *Subject, a *Actor) []Role {
	if a.System {
		return []Role{RoleSystem}
	}
	var roles []Role
	for _, m := range s.Members {
		if m.UserID != a.UserID {
			continue
		}
		if s.Candidature.EluUserID == a.UserID {
			roles = append(roles, RoleElu)
		} else {
			roles = append(roles, RoleAccompagnateur)
		}
	}
	switch a.AccountRole {
	case domain.RoleStaff:
		roles = append(roles, RoleStaff)
	case domain.RoleJury:
		roles = append(roles, RoleJury)
	}
	return roles
}

// applySubmission drops the answers hidden by their display condition, with
// the files attached to them, and records the submission and attestation.
func applySubmission(ctx context.Context, tx *store.Tx, s *Subject, _ *Actor, in Input) error {
	kept, err := pruneHidden(ctx, tx, s)
	if err != nil {
		return err
	}
	fp := s.Questionnaire.Fingerprint(kept)
	return tx.MarkSubmitted(ctx, s.ID, store.Submission{At: s.Now, EluName: strings.TrimSpace(in.EluName), Mandate: strings.TrimSpace(in.EluMandate),
		Answers: fp.Answers, Files: fp.Files, SHA256: fp.SHA256})
}

// pruneHidden drops the answers hidden by their display condition, with the
// files attached to them, and returns those kept: what the jury reads is
// what the questionnaire shows (on deposit, and again when a complement
// was answered).
func pruneHidden(ctx context.Context, tx *store.Tx, s *Subject) (questionnaire.Answers, error) {
	kept := s.Questionnaire.Prune(s.Answers)
	var hidden []string
	for key := range s.Answers {
		if _, ok := kept[key]; !ok {
			hidden = append(hidden, key)
		}
	}
	if err := tx.DeleteAnswers(ctx, s.ID, hidden); err != nil {
		return nil, err
	}
	return kept, tx.DeleteQuestionsEvidence(ctx, s.ID, hidden)
}

func applyReason(ctx context.Context, tx *store.Tx, s *Subject, _ *Actor, in Input) error {
	return tx.SetReason(ctx, s.ID, strings.TrimSpace(in.Comment))
}

func cleanMentions(ms []string) []string {
	out := []string{}
	for _, m := range ms {
		if m = strings.TrimSpace(m); m != "" {
			out = append(out, m)
		}
	}
	return out
}
