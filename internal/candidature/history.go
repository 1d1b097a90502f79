package candidature

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
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
