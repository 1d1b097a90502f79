package candidature

import (
	"context"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// History returns a candidature's audit trail as the person may see it:
// the collectivité's members read « Jury » or « Équipe ADULLACT », not which
// member of the jury or of staff made a change.
func (s *Service) History(ctx context.Context, d *Draft) ([]domain.AuditEntry, error) {
	if err := d.may(s.policy, policy.CandidatureRead); err != nil {
		return nil, err
	}
	trail, err := s.store.AuditTrail(ctx, candlc.Name, d.C.ID)
	if err != nil {
		return nil, err
	}
	return policy.HistoryAsSeen(d.Relations, trail), nil
}

// NoteStaffRead records in the history that a staff member opened a draft
// (for support): the collectivité sees who read its answers before the
// deposit. Once per staff member, candidature and day (Paris time) is
// enough. Members and the jury are not recorded: a member reads their
// own draft, and the jury sees no draft.
func (s *Service) NoteStaffRead(ctx context.Context, d *Draft) error {
	if !d.Relations.Has(policy.Staff) || !d.Facts.Draft || d.Relations.Has(policy.Elu) || d.Relations.Has(policy.Accompagnateur) || d.Who.UserID == 0 {
		return nil
	}
	now := s.store.Now().In(fr.Paris())
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		seen, err := tx.AuditedSince(ctx, candlc.Name, d.C.ID, candlc.RecordStaffRead, d.Who.UserID, day)
		if err != nil || seen {
			return err
		}
		return s.engine.Record(ctx, tx, candlc.Name, d.C.ID, candlc.RecordStaffRead, d.C.State, d.Who, policy.Staff,
			"Brouillon ouvert par l’équipe ADULLACT (assistance).")
	})
}
