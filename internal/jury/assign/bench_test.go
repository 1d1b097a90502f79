package assign

import (
	"context"
	"testing"
)

// Full scale: 36 359 candidatures (every collectivité), 500 jurors, k = 3.
var benchCases = []struct {
	name string
	cfg  genConfig
}{
	{"edition-40x8", genConfig{candidatures: 40, jurors: 8, need: 3, conflictRate: 0.02, seed: 1}},
	{"clustered-36359x500", genConfig{candidatures: 36359, jurors: 500, need: 3, conflictRate: 0.02, seed: 1}},
	{"uniform-36359x500", genConfig{candidatures: 36359, jurors: 500, need: 3, conflictRate: 0.02, uniform: true, seed: 1}},
}

// BenchmarkSolve times Solve, then certifies the last result with Verify
// (outside the timer) and reports the objective's ratio to Greedy's.
func BenchmarkSolve(b *testing.B) {
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			p := generate(bc.cfg)
			var r *Result
			var err error
			for b.Loop() {
				r, err = Solve(context.Background(), p)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			reportCertified(b, p, r)
		})
	}
}

// BenchmarkResolve times a re-run given the previous assignment, after one
// juror left and one conflict was declared.
func BenchmarkResolve(b *testing.B) {
	for _, bc := range benchCases[1:] {
		b.Run(bc.name, func(b *testing.B) {
			p := generate(bc.cfg)
			first, err := Solve(context.Background(), p)
			if err != nil {
				b.Fatal(err)
			}
			q := withoutJuror(withPrevious(p, first), 0)
			q.Conflicts = append(q.Conflicts, first.Pairs[len(first.Pairs)/2])
			var r *Result
			for b.Loop() {
				r, err = Solve(context.Background(), q)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			reportCertified(b, q, r)
			b.ReportMetric(float64(r.Moved), "moved")
			b.ReportMetric(float64(r.Dropped), "dropped")
		})
	}
}

func reportCertified(b *testing.B, p *Problem, r *Result) {
	b.Helper()
	if err := Verify(p, r, true); err != nil {
		b.Fatalf("Verify: %v", err)
	}
	g, err := Greedy(p)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(r.Objective)/float64(g.Objective), "opt/greedy")
	b.ReportMetric(1e6*(1-float64(r.Objective)/float64(g.Objective)), "ppm-below-greedy")
	b.ReportMetric(float64(r.Cost.Preference), "pref")
	b.ReportMetric(float64(g.Cost.Preference), "greedy-pref")
	b.ReportMetric(float64(r.LoadMax-r.LoadMin), "load-spread")
	b.ReportMetric(float64(g.LoadMax-g.LoadMin), "greedy-spread")
	b.ReportMetric(float64(r.Stats.Pivots), "pivots")
	b.ReportMetric(float64(r.Stats.Groups), "groups")
	b.ReportMetric(float64(r.Stats.Rounds), "rounds")
}

// BenchmarkVerify times the independent check of a full-scale result,
// certificate included (18 million pairs).
func BenchmarkVerify(b *testing.B) {
	p := generate(benchCases[1].cfg)
	r, err := Solve(context.Background(), p)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := Verify(p, r, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGreedy times the baseline at full scale.
func BenchmarkGreedy(b *testing.B) {
	p := generate(benchCases[1].cfg)
	for b.Loop() {
		if _, err := Greedy(p); err != nil {
			b.Fatal(err)
		}
	}
}
