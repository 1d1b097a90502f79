package publipostage_test

import (
	"context"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/publipostage"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
)

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkCampaign35k renders the letters of a mailing campaign to every
// current commune (34 969 in the COG 2026, ../shared/data/territoires-2026),
// read from the database: one PDF per mairie into a zip on every core (the
// mailing by email or a partner's own printing), and the merged PDF for
// postal mailing. Run once: -benchtime 1x.
func BenchmarkCampaign35k(b *testing.B) {
	dir := testdb.Territoires2026(b)
	// As « tnl courrier lettres » does (and « tnl pdf dossiers »).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			ctx := context.Background()
			st := testdb.Open(b, dialect)
			a := apptest.New(b, st)
			if _, err := territoires.Import(ctx, st, []string{dir}); err != nil {
				b.Fatal(err)
			}
			communes, err := st.CollectivitesOfKinds(ctx, domain.KindCommune)
			if err != nil {
				b.Fatal(err)
			}
			var codes []string
			for _, c := range communes {
				if c.Active {
					codes = append(codes, c.Code)
				}
			}
			staff := policy.Operator("bench")
			start := time.Now()
			cp, err := a.Publipostage.Create(ctx, publipostage.Request{Title: "Ambassadeurs du libre", Communes: codes, Channel: domain.ChannelPost,
				Sender: "Association des maires de France", Signature: "Le président"}, staff)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), "s/create")
			b.ReportMetric(float64(len(codes)), "letters")
			for b.Loop() {
				var zipped, merged countingWriter
				t0 := time.Now()
				n, err := a.Publipostage.WriteZip(ctx, &zipped, cp.ID, staff, publipostage.Selection{})
				if err != nil || n != len(codes) {
					b.Fatalf("zip: %d letters, %v", n, err)
				}
				zipTime := time.Since(t0)
				t1 := time.Now()
				if err := a.Publipostage.WriteMerged(ctx, &merged, cp.ID, staff, publipostage.Selection{}); err != nil {
					b.Fatal(err)
				}
				mergedTime := time.Since(t1)
				b.ReportMetric(zipTime.Seconds(), "s/zip")
				b.ReportMetric(float64(n)/zipTime.Seconds(), "letters/s-zip")
				b.ReportMetric(float64(zipped.n)/float64(n), "bytes/letter-zip")
				b.ReportMetric(mergedTime.Seconds(), "s/merged")
				b.ReportMetric(float64(merged.n)/(1<<20), "MiB-merged")
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.Sys)/(1<<20), "MiB-sys")
		})
	}
}
