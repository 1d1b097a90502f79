package campaign

import (
	"context"
	"fmt"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// SetDates moves a campaign's opening and deadline while it is in
// preparation or open (to extend the deadline, say), and records the change
// in the campaign's audit trail in the same transaction. The deadline must
// be ahead: a campaign is closed early with its « clore » event instead.
func SetDates(ctx context.Context, st *store.Store, year int, opens, closes time.Time, actorLabel string) (*domain.Campaign, error) {
	if !closes.After(opens) {
		return nil, domain.Errorf(domain.EInvalid, "La date limite (%s) doit suivre l’ouverture (%s).",
			fr.Deadline(closes), fr.DateTime(opens))
	}
	found, err := st.CampaignByYear(ctx, year)
	if err != nil {
		return nil, err
	}
	var c *domain.Campaign
	err = st.InTx(ctx, func(tx *store.Tx) error {
		if c, err = tx.Campaign(ctx, found.ID); err != nil {
			return err
		}
		def := workflow.Campagne()
		if c.State != workflow.CampagnePreparation && c.State != workflow.CampagneOuverte {
			return domain.Errorf(domain.EUnprocessable, "Les dates de la campagne %d ne peuvent plus changer : elle est « %s ».", c.Year, def.StateLabel(c.State))
		}
		if !closes.After(tx.Now()) {
			return domain.Errorf(domain.EUnprocessable, "La nouvelle date limite (%s, heure de Paris) est déjà passée ; pour clore la campagne maintenant, utilisez « tnl campaign close %d ».",
				fr.Deadline(closes), c.Year)
		}
		comment := fmt.Sprintf("Ouverture : %s → %s ; date limite : %s → %s (heure de Paris).",
			fr.DateTime(c.OpensAt), fr.DateTime(opens), fr.Deadline(c.ClosesAt), fr.Deadline(closes))
		if err := tx.SetCampaignDates(ctx, c.ID, c.Version, opens, closes); err != nil {
			return err
		}
		c.OpensAt, c.ClosesAt, c.Version = opens.UTC(), closes.UTC(), c.Version+1
		return tx.AddAudit(ctx, &domain.AuditEntry{SubjectType: "campagne", SubjectID: c.ID, Event: "modifier_dates",
			FromState: c.State, ToState: c.State, ActorRole: string(workflow.RoleStaff), ActorLabel: actorLabel, Comment: comment})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
