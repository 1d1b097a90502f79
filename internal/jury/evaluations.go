package jury

import (
	"context"
	"encoding/json"
	"time"

	"github.com/adullact/tnl/internal/domain"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// JurorSeat is one campaign on a juror's « Mes évaluations » page.
type JurorSeat struct {
	SeatView
	Charter     bool // accepted
	Evaluations []JurorItem
	Submitted   int
	Deadline    *time.Time
}

// JurorItem is one evaluation on a juror's list, with its progress.
type JurorItem struct {
	store.JurorEvaluation
	Scored, Criteria int
}

// MyEvaluations lists, for each campaign whose jury the person sits on,
// their evaluations with their progress and the jury's deadline; a seat
// whose charter is not accepted lists none.
func (s *Service) MyEvaluations(ctx context.Context, who policy.Principal) ([]JurorSeat, error) {
	seats, err := s.Seats(ctx, who)
	if err != nil {
		return nil, err
	}
	out := make([]JurorSeat, 0, len(seats))
	for _, sv := range seats {
		js := JurorSeat{SeatView: sv, Charter: sv.Member.CharterAcceptedAt != nil, Deadline: sv.Settings.Deadline}
		if js.Charter {
			rows, err := s.store.EvaluationsOfJuror(ctx, sv.Campaign.ID, who.UserID)
			if err != nil {
				return nil, err
			}
			q, err := s.questionnaire(sv.Campaign)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				it := JurorItem{JurorEvaluation: r}
				if q.Grid != nil {
					for _, th := range q.Grid.Themes {
						it.Criteria += len(th.Criteria)
						for _, c := range th.Criteria {
							if _, ok := r.Scores[th.Theme][c.Key]; ok {
								it.Scored++
							}
						}
					}
				}
				if r.State == domain.EvalRemise {
					js.Submitted++
				}
				js.Evaluations = append(js.Evaluations, it)
			}
		}
		out = append(out, js)
	}
	return out, nil
}

// EvaluationView is an evaluation's page: the grid, the juror's draft, the
// candidature's dossier read-only, its automatic score, what changed since
// the collectivité's previous candidature, and the other evaluations when
// the person may see them.
type EvaluationView struct {
	Snapshot     *workflow.Snapshot
	P            *evallc.Payload
	Q            *questionnaire.Questionnaire
	Answers      questionnaire.Answers
	Score        questionnaire.Result
	Changes      []questionnaire.Change
	PreviousYear int
	// PreviousLevel is the level the collectivité got the previous year
	// (nil: none, or not published).
	PreviousLevel *string
	Settings      domain.JurySettings
	Others        []store.EvaluationRow // nil when not visible
	OthersVisible bool
	Editable      bool
}

// Evaluation returns an evaluation's page for the person whose snapshot it
// is (loaded by the guard, which decided « evaluation.read »).
func (s *Service) Evaluation(ctx context.Context, snap *workflow.Snapshot) (*EvaluationView, error) {
	p, ok := snap.Payload.(*evallc.Payload)
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "Évaluation introuvable.")
	}
	v := &EvaluationView{Snapshot: snap, P: p}
	var err error
	if v.Q, err = s.questionnaire(p.Campaign); err != nil {
		return nil, err
	}
	if v.Answers, err = s.answers(ctx, p.Candidature.ID); err != nil {
		return nil, err
	}
	v.Score = v.Q.Score(v.Answers, questionnaire.Profile{Kind: string(p.Collectivite.Kind), Population: p.Collectivite.Population})
	prev, prevCp, err := s.store.PreviousCandidature(ctx, p.Candidature.CollectiviteID, p.Campaign.Year)
	switch domain.ErrorCode(err) {
	case "":
		prevQ, err := s.questionnaire(prevCp)
		if err != nil {
			return nil, err
		}
		old, err := s.answers(ctx, prev.ID)
		if err != nil {
			return nil, err
		}
		v.Changes, v.PreviousYear = questionnaire.Diff(prevQ, old, v.Q, v.Answers), prevCp.Year
		if prev.State == domain.Publiee {
			label := prevCp.AwardScheme.LevelLabel(prev.Level)
			v.PreviousLevel = &label
		}
	case domain.ENotFound:
	default:
		return nil, err
	}
	if v.Settings, err = s.store.JurySettings(ctx, p.Campaign.ID); err != nil {
		return nil, err
	}
	v.Editable = snap.Relations.Has(policy.Evaluator) && p.E.State != domain.EvalRemise
	v.OthersVisible = policy.OthersEvaluationsVisible(snap.Relations, v.Settings.Visibility, p.E.State == domain.EvalRemise)
	if v.OthersVisible {
		rows, err := s.store.EvaluationsOfCandidature(ctx, p.Candidature.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.ID != p.E.ID && r.State == domain.EvalRemise {
				v.Others = append(v.Others, r)
			}
		}
	}
	return v, nil
}

func (s *Service) answers(ctx context.Context, candidatureID int64) (questionnaire.Answers, error) {
	rows, err := s.store.Answers(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	out := make(questionnaire.Answers, len(rows))
	for _, a := range rows {
		out[a.QuestionKey] = json.RawMessage(a.Value)
	}
	return out, nil
}

// SaveDraft saves a juror's evaluation draft (its author only), checked in
// draft mode: scores on the scale, known criteria, lengths. The first
// save starts the evaluation (« assignée » → « en cours », in the same
// transaction); the next ones are one statement, refused with a conflict
// when the draft changed since expected (another tab). A submitted
// evaluation is locked.
func (s *Service) SaveDraft(ctx context.Context, snap *workflow.Snapshot, who policy.Principal, in evallc.Input, expected int) (*domain.Evaluation, error) {
	p, ok := snap.Payload.(*evallc.Payload)
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "Évaluation introuvable.")
	}
	if err := s.policy.Decide(policy.EvaluationEdit, snap.Relations, snap.Facts); err != nil {
		return nil, err
	}
	if p.Grid == nil {
		return nil, domain.Errorf(domain.EUnprocessable, "Le questionnaire de la campagne n’a pas de grille d’évaluation.")
	}
	if problems := s.checker.Validate(p.Grid, p.Campaign.AwardScheme, in, evallc.Draft); len(problems) > 0 {
		return nil, fieldErrors(problems)
	}
	draft := store.EvaluationDraft{Scores: in.Scores, Comments: in.Comments, Level: in.Level, Confidence: in.Confidence,
		PrivateNote: in.PrivateNote, Remark: in.Remark}
	if draft.Scores == nil {
		draft.Scores = map[string]map[string]int{}
	}
	if draft.Comments == nil {
		draft.Comments = map[string]string{}
	}
	switch p.E.State {
	case domain.EvalRemise:
		return nil, domain.Errorf(domain.EUnprocessable, "Cette évaluation est remise : elle ne se modifie plus (la présidence du jury peut la rouvrir).")
	case domain.EvalAssignee:
		_, err := s.engine.Fire(ctx, evallc.Name, p.E.ID, "commencer", who, workflow.Input{ExpectedVersion: snap.Version,
			Prepare: func(ctx context.Context, tx *store.Tx) error {
				return tx.WriteEvaluationDraft(ctx, p.E.ID, draft, expected)
			}})
		if err != nil {
			return nil, err
		}
	default:
		saved, err := s.store.SaveEvaluationDraft(ctx, p.E.ID, draft, expected)
		if err != nil {
			return nil, err
		}
		if !saved {
			cur, err := s.store.Evaluation(ctx, p.E.ID)
			if err != nil {
				return nil, err
			}
			if cur.State == domain.EvalRemise {
				return nil, domain.Errorf(domain.EUnprocessable, "Cette évaluation vient d’être remise : elle ne se modifie plus.")
			}
			return nil, &domain.Error{Code: domain.EConflict, Current: cur,
				Message: "Cette évaluation a été modifiée entre-temps (dans un autre onglet ?) : rechargez la page pour voir la dernière version."}
		}
		// The common case is this one statement: the saved evaluation is
		// what was written.
		e := *p.E
		e.Scores, e.Comments, e.Level, e.Confidence, e.PrivateNote, e.Remark = draft.Scores, draft.Comments, draft.Level, draft.Confidence, draft.PrivateNote, draft.Remark
		e.DraftVersion, e.UpdatedAt = expected+1, s.store.Now()
		return &e, nil
	}
	return s.store.Evaluation(ctx, p.E.ID)
}

func fieldErrors(problems []evallc.FieldError) error {
	e := &domain.Error{Code: domain.EInvalid, Message: problems[0].Message, Fields: map[string]string{}}
	for _, p := range problems {
		e.Fields[p.Field] = p.Message
		e.Details = append(e.Details, p.Message)
	}
	return e
}
