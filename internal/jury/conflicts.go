package jury

import (
	"context"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// recordUnassign writes the audit row of an evaluation taken off its juror.
func (s *Service) recordUnassign(ctx context.Context, tx *store.Tx, r store.AssignmentRow, who policy.Principal, why string) error {
	if r.EvaluationID == 0 {
		return nil
	}
	rel := policy.Staff
	if !who.Staff {
		rel = policy.Jury
	}
	if who.System {
		rel = policy.System
	}
	return s.engine.Record(ctx, tx, evallc.Name, r.EvaluationID, evallc.RecordUnassign, r.State, who, rel, why)
}

// Recuse declares the person in conflict of interest with a candidature
// (« je me déporte »), with a reason staff read: they no longer see it,
// and their assignment to it, with their evaluation, is withdrawn.
// rels and facts are the person's relations to the candidature.
func (s *Service) Recuse(ctx context.Context, candidatureID int64, rels policy.Set, facts policy.Facts, who policy.Principal, reason string) error {
	if err := s.policy.Decide(policy.JuryRecuse, rels, facts); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &domain.Error{Code: domain.EInvalid, Message: "Indiquez la raison du conflit d’intérêts : seule l’équipe ADULLACT la lira.",
			Fields: map[string]string{"raison": "Indiquez la raison."}}
	}
	return s.putConflict(ctx, candidatureID, who.UserID, domain.ConflictDeclared, reason, who)
}

// SetConflict records a conflict of interest between a juror and a
// candidature (staff).
func (s *Service) SetConflict(ctx context.Context, candidatureID, userID int64, reason string, who policy.Principal) error {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return err
	}
	c, err := s.store.Candidature(ctx, candidatureID)
	if err != nil {
		return err
	}
	if _, err := s.store.JuryMember(ctx, c.CampaignID, userID); err != nil {
		return err
	}
	return s.putConflict(ctx, candidatureID, userID, domain.ConflictStaff, strings.TrimSpace(reason), who)
}

func (s *Service) putConflict(ctx context.Context, candidatureID, userID int64, source, reason string, who policy.Principal) error {
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		c, err := tx.CandidatureForShare(ctx, candidatureID)
		if err != nil {
			return err
		}
		conflict := &store.Conflict{CandidatureID: candidatureID, UserID: userID, Source: source, Reason: reason}
		if who.UserID != 0 {
			by := who.UserID
			conflict.CreatedBy = &by
		}
		if err := tx.PutConflict(ctx, conflict); err != nil {
			return err
		}
		// A conflicted pair is never assigned: its evaluation goes, whatever
		// its state.
		rows, err := tx.Assignments(ctx, store.AssignmentFilter{CampaignID: c.CampaignID, CandidatureID: candidatureID, UserID: userID})
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := s.recordUnassign(ctx, tx, r, who, "Conflit d’intérêts"); err != nil {
				return err
			}
			if err := tx.DeleteAssignmentPairs(ctx, [][2]int64{{candidatureID, userID}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveConflict removes a declared or staff-set conflict (staff); the
// computed ones go with the links that make them.
func (s *Service) RemoveConflict(ctx context.Context, candidatureID, userID int64, who policy.Principal) error {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		ok, err := tx.DeleteConflict(ctx, candidatureID, userID)
		if err == nil && !ok {
			return domain.Errorf(domain.ENotFound, "Aucun conflit déclaré ou fixé par l’équipe pour ce juré et cette candidature.")
		}
		return err
	})
}

// Conflicts lists a campaign's conflicts of interest, all sources, for
// staff; optionally those of one juror or one candidature.
func (s *Service) Conflicts(ctx context.Context, f store.ConflictFilter, who policy.Principal) ([]store.Conflict, error) {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return nil, err
	}
	return s.store.Conflicts(ctx, f)
}
