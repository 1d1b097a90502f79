package deliberation_test

import (
	"context"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// BenchmarkPublish36k publishes the palmarès of a campaign of 36 359
// decided candidatures, one per collectivité of the COG 2026
// (../shared/data/territoires-2026), on each database: every candidature's
// « publier » event (state, audit row, result email to its élu) and the
// 36 359 palmarès entries, in one transaction. Between two runs the
// publication is undone in SQL, off the clock. Seeding takes a minute or
// two per database; run it alone:
//
//	go test -run '^$' -bench Publish36k -benchtime 1x -timeout 30m ./internal/deliberation
func BenchmarkPublish36k(b *testing.B) {
	dir := testdb.Territoires2026(b)
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			ctx := context.Background()
			st := testdb.Open(b, dialect)
			a := apptest.New(b, st)
			start := time.Now()
			if _, err := territoires.Import(ctx, st, []string{dir}); err != nil {
				b.Fatal(err)
			}
			now := time.Now()
			staff := policy.Operator("bench")
			created, err := a.Campaigns.Create(ctx, campaign.CreateRequest{Year: now.Year(), OpensAt: now.AddDate(0, 0, -10), ClosesAt: now.AddDate(0, 1, 0)}, staff)
			if err != nil {
				b.Fatal(err)
			}
			cp, _ := st.Campaign(ctx, created.ID)
			colls, err := st.CollectivitesOfKinds(ctx, domain.Kinds...)
			if err != nil {
				b.Fatal(err)
			}
			active := 0
			for _, c := range colls {
				if c.Active {
					active++
				}
			}
			res, err := demo.Fill(ctx, st, a.Questionnaires, demo.FillRequest{Campaign: cp, Candidatures: active, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			// Every candidature decided: levels 0 (no label) to 5 in turn.
			db := st.DB()
			if _, err := db.NewUpdate().Table("candidatures").Set("state = ?", domain.Deliberee).
				Set("level = id % 6").Set("motivation = ?", "La collectivité mène une politique confirmée en faveur du logiciel libre.").
				Where("campaign_id = ?", cp.ID).Exec(ctx); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: %d candidatures seeded in %s", dialect, res.Candidatures, time.Since(start).Round(time.Second))
			undo := func() {
				for _, q := range []struct {
					sql  string
					args []any
				}{
					{"DELETE FROM palmares WHERE campaign_id = ?", []any{cp.ID}},
					{"DELETE FROM outbox WHERE kind = 'publication'", nil},
					{"DELETE FROM audit_events WHERE event = 'publier'", nil},
					{"UPDATE candidatures SET state = ? WHERE campaign_id = ?", []any{domain.Deliberee, cp.ID}},
					{"UPDATE campaigns SET state = ?, published_at = NULL WHERE id = ?", []any{domain.CampagneDeliberation, cp.ID}},
				} {
					if _, err := db.ExecContext(ctx, q.sql, q.args...); err != nil {
						b.Fatal(err)
					}
				}
			}
			undo()
			var took time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := a.Engine.Fire(ctx, "campagne", cp.ID, "publier", staff, workflow.Input{}); err != nil {
					b.Fatal(err)
				}
				took = time.Since(t0)
				b.StopTimer()
				n, err := db.NewSelect().Table("palmares").Where("campaign_id = ?", cp.ID).Count(ctx)
				if err != nil || int(n) != res.Candidatures {
					b.Fatalf("%d palmarès entries, want %d (%v)", n, res.Candidatures, err)
				}
				mails, _ := db.NewSelect().Table("outbox").Where("kind = 'publication'").Count(ctx)
				if int(mails) < res.Candidatures {
					b.Fatalf("%d result emails queued, want at least %d", mails, res.Candidatures)
				}
				undo()
				b.StartTimer()
			}
			b.ReportMetric(took.Seconds(), "s/publication")
			b.ReportMetric(float64(res.Candidatures)/took.Seconds(), "decisions/s")
		})
	}
}
