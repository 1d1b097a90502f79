package candidature_test

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app/apptest"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// campaignIn creates another campaign in the given state.
func (f *fixture) campaignIn(year int, state string) *domain.Campaign {
	f.t.Helper()
	c := *f.campaign
	c.ID, c.Year, c.State = 0, year, state
	if err := f.st.CreateCampaign(f.ctx, &c); err != nil {
		f.t.Fatal(err)
	}
	return &c
}

func TestCampaignTransitions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		from      string
		at        time.Time
		event, as string
		wantTo    string
		wantBlock string
	}{
		{name: "staff opens early", from: domain.CampagnePreparation, at: opensAt.Add(-time.Hour), event: "ouvrir", as: "staff", wantTo: domain.CampagneOuverte},
		{name: "the platform waits for the opening", from: domain.CampagnePreparation, at: opensAt.Add(-time.Second), event: "ouvrir", as: "system", wantBlock: "L’ouverture est prévue le 1er septembre 2026 à 0\u00a0h\u00a000"},
		{name: "the platform opens on time", from: domain.CampagnePreparation, at: opensAt, event: "ouvrir", as: "system", wantTo: domain.CampagneOuverte},
		{name: "no opening after the deadline", from: domain.CampagnePreparation, at: closesAt, event: "ouvrir", as: "staff", wantBlock: "déjà passée"},
		{name: "a member cannot open", from: domain.CampagnePreparation, event: "ouvrir", as: "elu", wantBlock: "réservé à l’équipe ADULLACT ou à la plateforme"},
		{name: "the platform waits for the deadline", from: domain.CampagneOuverte, at: closesAt.Add(-time.Second), event: "clore", as: "system", wantBlock: "La clôture est prévue le 15 octobre 2026 à 23\u00a0h\u00a059"},
		{name: "the platform closes at the deadline", from: domain.CampagneOuverte, at: closesAt, event: "clore", as: "system", wantTo: domain.CampagneClose},
		{name: "staff forces the closing", from: domain.CampagneOuverte, event: "clore", as: "staff", wantTo: domain.CampagneClose},
		{name: "jury cannot close", from: domain.CampagneOuverte, event: "clore", as: "jury", wantBlock: "réservé"},
		{name: "staff starts the review", from: domain.CampagneClose, event: "instruire", as: "staff", wantTo: domain.CampagneInstruction},
		{name: "no review before closing", from: domain.CampagneOuverte, event: "instruire", as: "staff", wantBlock: "Impossible depuis l’état « Ouverte »"},
		{name: "staff moves to deliberation", from: domain.CampagneInstruction, event: "deliberer", as: "staff", wantTo: domain.CampagneDeliberation},
		{name: "jury cannot move to deliberation", from: domain.CampagneInstruction, event: "deliberer", as: "jury", wantBlock: "réservé"},
		{name: "staff publishes", from: domain.CampagneDeliberation, event: "publier", as: "staff", wantTo: domain.CampagneResultatsPublies},
		{name: "the platform publishes only when scheduled", from: domain.CampagneDeliberation, event: "publier", as: "system", wantBlock: "Aucune publication n’est programmée"},
		{name: "staff archives", from: domain.CampagneResultatsPublies, event: "archiver", as: "staff", wantTo: domain.CampagneArchivee},
		{name: "nothing after archiving", from: domain.CampagneArchivee, event: "ouvrir", as: "staff", wantBlock: "Impossible depuis l’état « Archivée »"},
	}
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f.t = t
				f.clock.Set(during)
				if !tt.at.IsZero() {
					f.clock.Set(tt.at)
				}
				c := f.campaignIn(2030+i, tt.from)
				_, err := f.engine.Fire(f.ctx, "campagne", c.ID, tt.event, f.actor(tt.as), workflow.Input{})
				got, _ := f.st.Campaign(f.ctx, c.ID)
				trail, _ := f.st.AuditTrail(f.ctx, "campagne", c.ID)
				if tt.wantTo != "" {
					if err != nil {
						t.Fatalf("refused: %v %v", err, domain.AsError(err))
					}
					if got.State != tt.wantTo || got.Version != 2 || len(trail) != 1 || trail[0].Event != tt.event {
						t.Errorf("campaign %s v%d, audit %+v", got.State, got.Version, trail)
					}
					return
				}
				if domain.ErrorCode(err) != domain.EUnprocessable || !strings.Contains(strings.Join(domain.AsError(err).Details, "|"), tt.wantBlock) {
					t.Errorf("err = %v %v, want a blocker saying %q", err, domain.AsError(err), tt.wantBlock)
				}
				if got.State != tt.from || got.Version != 1 || len(trail) != 0 {
					t.Errorf("refused transition changed the campaign: %s v%d, %d audit rows", got.State, got.Version, len(trail))
				}
			})
		}
	})
}

// Publishing the palmarès publishes every délibérée candidature in the same
// transaction, with an audit row and a message each; it waits until no
// candidature awaits a decision.
func TestPublishCascade(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		laureate := f.reach(domain.Deliberee, true)
		none := f.reach(domain.Evaluee, true)
		withdrawn := f.reach(domain.Brouillon, true)
		f.mustFire("candidature", withdrawn.ID, "retirer", "elu", workflow.Input{})
		f.clock.Set(closesAt.Add(time.Hour))
		for _, ev := range []string{"clore", "instruire", "deliberer"} {
			f.mustFire("campagne", f.campaign.ID, ev, "staff", workflow.Input{})
		}
		_, err := f.engine.Fire(f.ctx, "campagne", f.campaign.ID, "publier", f.actor("staff"), workflow.Input{})
		if !strings.Contains(strings.Join(domain.AsError(err).Details, ""), "1 « Évaluée »") {
			t.Fatalf("publishing with a pending candidature: %v %v", err, domain.AsError(err))
		}
		f.mustFire("candidature", none.ID, "deliberer", "staff", decision(0, "Dossier à étoffer."))
		f.mustFire("campagne", f.campaign.ID, "publier", "staff", workflow.Input{})

		for id, want := range map[int64]string{laureate.ID: domain.Publiee, none.ID: domain.Publiee, withdrawn.ID: domain.Retiree} {
			if state, _ := f.state(id); state != want {
				t.Errorf("candidature %d is %s, want %s", id, state, want)
			}
		}
		trail, _ := f.st.AuditTrail(f.ctx, "candidature", laureate.ID)
		last := trail[len(trail)-1]
		if last.Event != "publier" || last.FromState != domain.Deliberee || last.ToState != domain.Publiee || last.ActorRole != "system" {
			t.Errorf("last audit row %+v", last)
		}
		cp, _ := f.st.Campaign(f.ctx, f.campaign.ID)
		if cp.PublishedAt == nil || cp.State != domain.CampagneResultatsPublies {
			t.Errorf("campaign %s published at %v", cp.State, cp.PublishedAt)
		}
		// One result email per member of each published candidature.
		want := 0
		for _, id := range []int64{laureate.ID, none.ID} {
			members, _ := f.st.Members(f.ctx, id)
			want += len(members)
		}
		var n int
		f.st.DB().NewSelect().Model((*domain.OutboxMessage)(nil)).ColumnExpr("count(*)").Where("kind = 'publication'").Scan(f.ctx, &n)
		if n != want || want < 2 {
			t.Errorf("%d publication messages, want %d (one per member)", n, want)
		}
		// Every decision is on the public palmarès, awarded or not.
		var entries []domain.PalmaresEntry
		if err := f.st.DB().NewSelect().Model(&entries).Order("candidature_id").Scan(f.ctx); err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || !entries[0].Awarded || entries[0].Level == nil || *entries[0].Level != 3 || entries[1].Awarded || entries[1].Motivation != "Dossier à étoffer." || entries[1].Year != f.campaign.Year {
			t.Errorf("palmarès entries %+v", entries)
		}
	})
}

// Two server processes' schedulers tick at the deadline at once: the campaign
// is closed exactly once.
func TestSchedulerClosesOnceAcrossProcesses(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.clock.Set(closesAt.Add(-time.Minute))
		s1 := workflow.NewScheduler(f.engine, time.Second, slog.New(slog.DiscardHandler))
		other := apptest.New(t, f.st).Engine
		s2 := workflow.NewScheduler(other, time.Second, slog.New(slog.DiscardHandler))
		if done := s1.Tick(f.ctx); len(done) != 0 {
			t.Fatalf("closed before the deadline: %+v", done)
		}
		f.clock.Set(closesAt)
		var wg sync.WaitGroup
		results := make([]int, 2)
		for i, s := range []*workflow.Scheduler{s1, s2} {
			wg.Add(1)
			go func() { defer wg.Done(); results[i] = len(s.Tick(f.ctx)) }()
		}
		wg.Wait()
		if results[0]+results[1] != 1 {
			t.Errorf("closings: %v, want exactly one", results)
		}
		trail, _ := f.st.AuditTrail(f.ctx, "campagne", f.campaign.ID)
		if len(trail) != 1 || trail[0].Event != "clore" || trail[0].ActorRole != "system" {
			t.Errorf("audit trail %+v", trail)
		}
	})
}
