package campaign

import (
	"context"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// SchedulePublication sets the instant at which the scheduler publishes
// the campaign's palmarès (the ceremony's), or with nil unschedules it,
// and records the change in the campaign's audit trail. The campaign must
// not be published yet; the instant must be ahead.
func (s *Service) SchedulePublication(ctx context.Context, year int, at *time.Time, who policy.Principal) (*domain.Campaign, error) {
	if err := s.engine.Policy().Decide(policy.PublicationSchedule, policy.Relations(who, policy.Facts{}), policy.Facts{}); err != nil {
		return nil, err
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
		switch c.State {
		case domain.CampagneResultatsPublies, domain.CampagneArchivee:
			return domain.Errorf(domain.EUnprocessable, "Le palmarès %d est déjà publié.", c.Year)
		}
		var comment string
		if at == nil {
			if c.PublishAt == nil {
				return domain.Errorf(domain.EUnprocessable, "Aucune publication du palmarès %d n’est programmée.", c.Year)
			}
			comment = "Publication programmée le " + fr.DateTime(*c.PublishAt) + " (heure de Paris) annulée."
		} else {
			if !at.After(tx.Now()) {
				return domain.Errorf(domain.EUnprocessable, "L’instant de publication (%s, heure de Paris) est déjà passé : publiez maintenant, ou choisissez un instant à venir.", fr.DateTime(*at))
			}
			comment = "Publication du palmarès programmée le " + fr.DateTime(*at) + " (heure de Paris)."
		}
		if err := tx.SetPublishAt(ctx, c.ID, at); err != nil {
			return err
		}
		c.PublishAt = at
		return s.engine.Record(ctx, tx, camplc.Name, c.ID, camplc.RecordSchedule, c.State, who, policy.Staff, comment)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
