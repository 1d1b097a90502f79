// Package evaluation defines the lifecycle of a juror's evaluation of a
// candidature: assigned, in progress (from the first saved draft),
// submitted — then locked —, reopened by the jury's president. It also
// validates an evaluation against the campaign's grid (validate.go). It
// registers with the engine (workflow); who fires each event is in the
// policy.
package evaluation

import (
	"context"
	"fmt"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// Name is the lifecycle's name.
const Name = "evaluation"

// Records of the evaluation's audit trail that are not transitions.
const (
	RecordAssign   = workflow.RecordCreate // a juror is assigned (by staff or an assignment run)
	RecordUnassign = "retirer_affectation" // a juror is taken off the candidature
	RecordKeep     = "garder_remarque"     // the jury keeps the remark for the collectivité, or not
)

// Deps is what the definition needs besides the store.
type Deps struct {
	Mail           *mail.Mailer
	Questionnaires *questionnaire.Cache
}

// Payload is an evaluation as its events need it.
type Payload struct {
	E            *domain.Evaluation
	AuthorEmail  string
	AuthorName   string
	Candidature  *domain.Candidature
	Campaign     *domain.Campaign
	Collectivite *domain.Collectivite
	// Grid is the campaign's evaluation grid (nil when its questionnaire
	// has none).
	Grid *questionnaire.Grid
}

type (
	subject = workflow.Subject[Payload]
	guard   = workflow.Guard[Payload]
)

// States returns the evaluation's states with their labels.
func States() []workflow.State {
	return []workflow.State{
		{Name: domain.EvalAssignee, Label: "Assignée"},
		{Name: domain.EvalEnCours, Label: "En cours"},
		{Name: domain.EvalRemise, Label: "Remise"},
	}
}

// StateLabel returns the French label of an evaluation state.
func StateLabel(state string) string {
	for _, s := range States() {
		if s.Name == state {
			return s.Label
		}
	}
	return state
}

// URL is the address of an evaluation's page.
func URL(id int64) string { return fmt.Sprintf("/evaluations/%d", id) }

// Definition returns the evaluation's lifecycle.
func Definition(deps Deps) *workflow.Definition[Payload] {
	checker := NewChecker()
	return &workflow.Definition[Payload]{
		Name:    Name,
		Label:   "Évaluation",
		Table:   "evaluations",
		Initial: domain.EvalAssignee,
		States:  States(),
		Records: map[string]string{RecordAssign: "Affectation du juré", RecordUnassign: "Retrait de l’affectation",
			RecordKeep: "Remarque pour la collectivité"},
		URL: URL,
		Events: []workflow.Event[Payload]{
			{
				Name: "commencer", Label: "Commencer l’évaluation",
				From: []string{domain.EvalAssignee}, To: domain.EvalEnCours,
				Guards: []guard{underEvaluation},
				Show:   workflow.Presentation{Done: "L’évaluation est commencée : votre brouillon est enregistré à chaque modification."},
			},
			{
				Name: "remettre", Label: "Remettre l’évaluation",
				From: []string{domain.EvalEnCours}, To: domain.EvalRemise,
				Guards: []guard{underEvaluation, gridComplete(checker)},
				Apply:  applySubmit,
				Show: workflow.Presentation{
					Confirm: "Une fois remise, votre évaluation ne peut plus être modifiée ; seule la présidence du jury peut la rouvrir.",
					Done:    "Votre évaluation est remise. Les évaluations des autres jurés vous sont montrées si la campagne le prévoit.",
				},
			},
			{
				Name: "rouvrir", Label: "Rouvrir l’évaluation",
				From: []string{domain.EvalRemise}, To: domain.EvalEnCours,
				Guards: []guard{underEvaluation},
				Apply:  applyReopen,
				Notify: deps.reopened,
				Show: workflow.Presentation{
					Secondary: true,
					Comment: &workflow.Field{Label: "Motif de la réouverture", Kind: workflow.FieldTextArea, Required: true,
						Missing: "Indiquez pourquoi l’évaluation est rouverte : le juré le lira."},
					Done: "L’évaluation est rouverte : le juré peut la modifier et la remettre à nouveau.",
				},
			},
		},
		Load: deps.load,
	}
}

// underEvaluation holds while the candidature is being evaluated: an
// evaluation does not change once the candidature is evaluated (or
// withdrawn, or refused).
var underEvaluation = guard{
	Name: "candidature_en_evaluation",
	Check: func(_ context.Context, s *subject, _ workflow.Input) string {
		switch s.P.Candidature.State {
		case domain.Recevable, domain.EnInstruction, domain.ComplementDemande:
			return ""
		}
		return "La candidature n’est plus en cours d’évaluation."
	},
}

// gridComplete holds when every criterion of the grid is scored and a
// level and a confidence are given.
func gridComplete(ch *Checker) guard {
	return guard{
		Name: "grille_complete",
		Check: func(_ context.Context, s *subject, _ workflow.Input) string {
			if s.P.Grid == nil {
				return "Le questionnaire de la campagne n’a pas de grille d’évaluation."
			}
			problems := ch.Validate(s.P.Grid, s.P.Campaign.AwardScheme, InputOf(s.P.E), Submission)
			if len(problems) == 0 {
				return ""
			}
			return fmt.Sprintf("L’évaluation n’est pas complète : %s.", summary(problems))
		},
	}
}

func applySubmit(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
	themes, overall := Figures(s.P.Grid, s.P.E)
	return tx.SubmitEvaluation(ctx, s.ID, themes, overall)
}

func applyReopen(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
	return tx.ReopenEvaluation(ctx, s.ID)
}

func (d Deps) reopened(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
	msg, err := d.Mail.Message("evaluation_rouverte", s.P.AuthorEmail, map[string]any{
		"Name": s.P.AuthorName, "Collectivite": s.P.Collectivite.Name, "Reference": s.P.Candidature.Reference,
		"ID": s.ID, "Comment": in.Comment, "Year": s.P.Campaign.Year,
	})
	if err != nil {
		return nil, err
	}
	return []*domain.OutboxMessage{msg}, nil
}

func (d Deps) load(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*workflow.Loaded[Payload], error) {
	row, err := tx.EvaluationAccess(ctx, id, who.UserID)
	if err != nil {
		return nil, err
	}
	e := row.Evaluation
	c, err := tx.CandidatureForShare(ctx, e.CandidatureID)
	if err != nil {
		return nil, err
	}
	cp, err := tx.CampaignShared(ctx, e.CampaignID)
	if err != nil {
		return nil, err
	}
	coll, err := tx.Collectivite(ctx, c.CollectiviteID)
	if err != nil {
		return nil, err
	}
	q, err := d.Questionnaires.Get(cp.QuestionnaireHash, cp.Questionnaire, cp.QuestionnaireName())
	if err != nil {
		return nil, err
	}
	facts := policy.Facts{Member: row.MemberRole}
	if who.UserID != 0 && !who.System {
		facts.Seat, facts.Assigned, facts.Conflicted, facts.Author = row.Seat, row.Assigned, row.Conflicted, e.UserID == who.UserID
	}
	return &workflow.Loaded[Payload]{ID: e.ID, State: e.State, Version: e.Version, Facts: facts,
		Payload: &Payload{E: &e, AuthorEmail: row.AuthorEmail, AuthorName: row.AuthorName, Candidature: c, Campaign: cp,
			Collectivite: coll, Grid: q.Grid}}, nil
}
