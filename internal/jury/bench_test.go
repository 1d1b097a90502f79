package jury_test

import (
	"context"
	"encoding/json"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// BenchmarkSaveDraft measures a juror's autosaved draft of a begun
// evaluation (validated against the grid, then one UPDATE), beside
// BenchmarkSaveAnswer, a candidate's autosaved answer (the same path's
// common case: one statement): the issue asks for the same cost class.
func BenchmarkSaveDraft(b *testing.B) {
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			f := newFixture(b, dialect)
			c := f.candidature(domain.KindCommune, "01001", domain.EnInstruction)
			bob := f.juror("bob")
			e, err := f.svc.AddAssignment(f.ctx, c.ID, bob.ID, "", f.staff)
			if err != nil {
				b.Fatal(err)
			}
			snap, err := f.app.Engine.Load(f.ctx, evallc.Name, e.ID, f.as("bob"))
			if err != nil {
				b.Fatal(err)
			}
			in := evallc.Input{Scores: map[string]map[string]int{"strategie": {"engagement": 3, "pilotage": 2}}, Comments: map[string]string{"strategie": "Bien."},
				Confidence: domain.ConfidenceMedium}
			if _, err := f.svc.SaveDraft(f.ctx, snap, f.as("bob"), in, 0); err != nil {
				b.Fatal(err)
			}
			if snap, err = f.app.Engine.Load(f.ctx, evallc.Name, e.ID, f.as("bob")); err != nil {
				b.Fatal(err)
			}
			version := 1
			for b.Loop() {
				in.Scores["strategie"]["engagement"] = version % 5
				if _, err := f.svc.SaveDraft(f.ctx, snap, f.as("bob"), in, version); err != nil {
					b.Fatal(err)
				}
				version++
			}
		})
	}
}

// BenchmarkSaveAnswer is the candidate's answer save, for comparison.
func BenchmarkSaveAnswer(b *testing.B) {
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			f := newFixture(b, dialect)
			c := f.candidature(domain.KindCommune, "01001", domain.Brouillon)
			d, err := f.app.Candidatures.Open(f.ctx, c.ID, f.as("elu"))
			if err != nil {
				b.Fatal(err)
			}
			version := 0
			for b.Loop() {
				raw, _ := json.Marshal("Camille Dupont " + string(rune('a'+version%26)))
				a, err := f.app.Candidatures.Save(f.ctx, d, candidature.SaveRequest{Key: "identification.referent_nom", Value: raw, ExpectedVersion: version})
				if err != nil {
					b.Fatal(err)
				}
				version = a.Version
			}
		})
	}
}

// BenchmarkRankingFullScale aggregates and ranks a full-scale campaign
// (36 359 candidatures, 109 077 submitted evaluations by 500 jurors) in a
// database prepared as BENCHMARKS.md says, named by
// TNL_BENCH_DATABASE_URL; skipped without it.
func BenchmarkRankingFullScale(b *testing.B) {
	url := os.Getenv("TNL_BENCH_DATABASE_URL")
	if url == "" {
		b.Skip("TNL_BENCH_DATABASE_URL unset: see BENCHMARKS.md (jury) to prepare a full-scale campaign")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	a := apptest.New(b, st)
	cp, err := st.CurrentCampaign(ctx)
	if err != nil {
		b.Fatal(err)
	}
	staff := policy.Operator("bench")
	rels := policy.Relations(staff, policy.Facts{})
	var rk *jury.Ranking
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before) //nolint:errcheck // Linux only; zero figures otherwise
	for b.Loop() {
		if rk, err = a.Jury.Ranking(ctx, cp, rels, policy.Facts{}, staff, jury.RankingOptions{Sort: "note"}); err != nil {
			b.Fatal(err)
		}
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &after) //nolint:errcheck // as above
	cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) / time.Duration(b.N)
	b.ReportMetric(cpu.Seconds(), "cpu-s/op") // this process's CPU, whatever else the machine runs
	b.ReportMetric(float64(len(rk.Rows)), "candidatures")
}
