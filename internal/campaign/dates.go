package campaign

import (
	"context"
	"fmt"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// SetDates moves a campaign's opening and deadline while it is in
// preparation or open (to extend the deadline, say), and records the change
// in the campaign's audit trail in the same transaction. The deadline must
// be ahead: a campaign is closed early with its « clore » event instead.
func (s *Service) SetDates(ctx context.Context, year int, opens, closes time.Time, who policy.Principal) (*domain.Campaign, error) {
	if err := s.engine.Policy().Decide(policy.CampagneManage, policy.Relations(who, policy.Facts{}), policy.Facts{}); err != nil {
		return nil, err
	}
	if !closes.After(opens) {
		return nil, domain.Errorf(domain.EInvalid, "La date limite (%s) doit suivre l’ouverture (%s).",
			fr.Deadline(closes), fr.DateTime(opens))
	}
	found, err := s.store.CampaignByYear(ctx, year)
	if err != nil {
		return nil, err
	}
	var c *domain.Campaign
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if c, err = tx.Campaign(ctx, found.ID); err != nil {
			return err
		}
		if c.State != domain.CampagnePreparation && c.State != domain.CampagneOuverte {
			return domain.Errorf(domain.EUnprocessable, "Les dates de la campagne %d ne peuvent plus changer : elle est « %s ».", c.Year, camplc.StateLabel(c.State))
		}
		if !closes.After(tx.Now()) {
			return domain.Errorf(domain.EUnprocessable, "La nouvelle date limite (%s, heure de Paris) est déjà passée ; pour clore la campagne maintenant, utilisez son action « Clore les dépôts » (tnl campaign close %d).",
				fr.Deadline(closes), c.Year)
		}
		comment := fmt.Sprintf("Ouverture : %s → %s ; date limite : %s → %s (heure de Paris).",
			fr.DateTime(c.OpensAt), fr.DateTime(opens), fr.Deadline(c.ClosesAt), fr.Deadline(closes))
		if err := tx.SetCampaignDates(ctx, c.ID, c.Version, opens, closes); err != nil {
			return err
		}
		c.OpensAt, c.ClosesAt, c.Version = opens.UTC(), closes.UTC(), c.Version+1
		return s.engine.Record(ctx, tx, camplc.Name, c.ID, camplc.RecordDates, c.State, who, policy.Staff, comment)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
