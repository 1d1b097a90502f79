package candidature_test

import (
	"testing"
	"time"

	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// Where the campaign's scheme has a Badge, a candidature chooses its track
// at creation: the Badge asks and requires only the questionnaire's Badge
// questions; the label the whole questionnaire. Elsewhere the Badge is
// refused with a French message.
func TestTrackAtCreation(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		now := time.Now()
		c, err := f.app.Campaigns.Create(f.ctx, campaign.CreateRequest{Year: 2027, OpensAt: now.AddDate(0, 0, -1), ClosesAt: now.AddDate(0, 1, 0), Scheme: domain.Scheme2025()}, policy.Operator("test"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.engine.Fire(f.ctx, "campagne", c.ID, "ouvrir", policy.Platform(), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: c.ID, CollectiviteID: f.commune(t, "01001").ID, Track: "bronze"}, f.who("elu")); code(err) != domain.EInvalid {
			t.Errorf("an unknown track: %v", err)
		}
		badge, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: c.ID, CollectiviteID: f.commune(t, "01001").ID, Track: domain.TrackBadge}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		label, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: c.ID, CollectiviteID: f.commune(t, "01002").ID}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		if badge.Track != domain.TrackBadge || label.Track != domain.TrackLabel {
			t.Fatalf("tracks %q and %q", badge.Track, label.Track)
		}
		db, dl := f.draft(t, badge.ID, "elu"), f.draft(t, label.ID, "elu")
		nb, nl := len(db.Q.Questions()), len(dl.Q.Questions())
		if nb == 0 || nb >= nl {
			t.Fatalf("the Badge asks %d questions, the label %d", nb, nl)
		}
		for _, q := range db.Q.Questions() {
			if !q.Badge {
				t.Errorf("the Badge asks %s, not a Badge question", q.Key)
			}
		}
		if mb, ml := len(candlc.Missing(db.Q, nil)), len(candlc.Missing(dl.Q, nil)); mb == 0 || mb >= ml {
			t.Errorf("missing before deposit: %d for the Badge, %d for the label", mb, ml)
		}

		// A campaign of levels 1 to 5 has no Badge.
		old := f.campaign(t, 2026)
		_, err = f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: old.ID, CollectiviteID: f.commune(t, "01004").ID, Track: domain.TrackBadge}, f.who("elu"))
		if code(err) != domain.EInvalid || domain.ErrorMessage(err) != "La campagne 2026 ne propose pas de Badge : la candidature vise le label." {
			t.Errorf("the Badge in a 1–5 campaign: %v", err)
		}
	})
}
