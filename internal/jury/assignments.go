package jury

import (
	"context"
	"slices"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// AddAssignment assigns a juror to a candidature by hand (staff), with the
// reason in the evaluation's audit trail. A conflicted pair is refused.
func (s *Service) AddAssignment(ctx context.Context, candidatureID, userID int64, reason string, who policy.Principal) (*domain.Evaluation, error) {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return nil, err
	}
	c, err := s.store.Candidature(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(AssignableStates(), c.State) {
		return nil, domain.Errorf(domain.EUnprocessable, "La candidature %s n’est pas en cours d’évaluation.", c.Reference)
	}
	m, err := s.store.JuryMember(ctx, c.CampaignID, userID)
	if err != nil {
		return nil, err
	}
	conflicts, err := s.store.Conflicts(ctx, store.ConflictFilter{CampaignID: c.CampaignID, UserID: userID, CandidatureID: candidatureID})
	if err != nil {
		return nil, err
	}
	if len(conflicts) > 0 {
		return nil, domain.Errorf(domain.EUnprocessable, "%s est en conflit d’intérêts avec la candidature %s (%s) : un juré en conflit n’est jamais affecté.",
			m.Email, c.Reference, domain.ConflictSourceLabel(conflicts[0].Source))
	}
	var e *domain.Evaluation
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		existing, err := tx.Assignments(ctx, store.AssignmentFilter{CandidatureID: candidatureID, UserID: userID})
		if err != nil {
			return err
		}
		if len(existing) > 0 {
			return domain.Errorf(domain.EConflict, "%s est déjà affecté à la candidature %s.", m.Email, c.Reference)
		}
		if e, err = tx.AddAssignment(ctx, c.CampaignID, candidatureID, userID); err != nil {
			return err
		}
		return s.engine.Record(ctx, tx, evallc.Name, e.ID, workflow.RecordCreate, e.State, who, policy.Staff, orDefault(reason, "Affectation à la main"))
	})
	return e, err
}

// RemoveAssignment takes a juror off a candidature by hand (staff), with
// their evaluation unless it is submitted.
func (s *Service) RemoveAssignment(ctx context.Context, candidatureID, userID int64, reason string, who policy.Principal) error {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		rows, err := tx.Assignments(ctx, store.AssignmentFilter{CandidatureID: candidatureID, UserID: userID})
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return domain.Errorf(domain.ENotFound, "Ce juré n’est pas affecté à cette candidature.")
		}
		if rows[0].State == domain.EvalRemise {
			return domain.Errorf(domain.EUnprocessable, "L’évaluation de ce juré est remise : la présidence du jury peut la rouvrir, pas la retirer.")
		}
		if err := s.recordUnassign(ctx, tx, rows[0], who, orDefault(reason, "Retrait à la main")); err != nil {
			return err
		}
		return tx.DeleteAssignmentPairs(ctx, [][2]int64{{candidatureID, userID}})
	})
}

func orDefault(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}
