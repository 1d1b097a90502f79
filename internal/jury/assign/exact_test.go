package assign

import (
	"context"
	"math/rand/v2"
	"testing"
)

// solveVerified solves p and checks the result with Verify; it also solves
// p with every candidature pooled by profile at first (so that groups fail
// to split and get split) and checks that the objective is the same.
func solveVerified(t *testing.T, p *Problem) *Result {
	t.Helper()
	r, err := Solve(context.Background(), p)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if err := Verify(p, r, true); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	pooled, err := solveWith(context.Background(), p, options{smallPool: 0})
	if err != nil {
		t.Fatalf("Solve, pooled: %v", err)
	}
	if err := Verify(p, pooled, true); err != nil {
		t.Fatalf("Verify, pooled: %v", err)
	}
	if pooled.Objective != r.Objective {
		t.Fatalf("objective %d, pooled %d", r.Objective, pooled.Objective)
	}
	return r
}

// TestSplitsHappen makes sure the tests go through the split of groups.
func TestSplitsHappen(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	splits := 0
	for range 50 {
		p := randomProblem(r, 30, 6, 2, 3, 5, 0.3, 0.2)
		got, err := solveWith(context.Background(), p, options{smallPool: 0})
		if err != nil {
			t.Fatal(err)
		}
		splits += got.Stats.Splits
	}
	if splits == 0 {
		t.Fatal("no group was split")
	}
}

func TestExactAgainstBruteForce(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 400 {
		nc, nj := 1+r.IntN(5), 1+r.IntN(4)
		pc := []float64{0, 0.15, 0.4}[n%3]
		p := randomProblem(r, nc, nj, 1+r.IntN(3), 2, 3, pc, 0.2*float64(n%2))
		got := solveVerified(t, p)
		if want := bruteForce(t, p); got.Objective != want {
			t.Fatalf("instance %d: objective %d, brute force %d\n%+v", n, got.Objective, want, p)
		}
	}
}

func TestExactAgainstReference(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 150 {
		nc, nj := 1+r.IntN(40), 1+r.IntN(9)
		pc := []float64{0, 0.05, 0.3, 0.6}[n%4]
		p := randomProblem(r, nc, nj, 1+r.IntN(4), 3, 5, pc, []float64{0, 0.1, 0.3}[n%3])
		got := solveVerified(t, p)
		want, _ := referenceSolve(t, p)
		if got.Objective != want {
			t.Fatalf("instance %d: objective %d, reference %d", n, got.Objective, want)
		}
	}
}

// TestExactGenerated compares with the reference on generated editions,
// clustered and uniform, first run and re-run after changes.
func TestExactGenerated(t *testing.T) {
	t.Parallel()
	for seed := range uint64(6) {
		cfg := genConfig{candidatures: 60 + 10*int(seed), jurors: 6 + int(seed), need: 3, conflictRate: 0.05, uniform: seed%2 == 1, seed: seed}
		p := generate(cfg)
		first := solveVerified(t, p)
		if want, _ := referenceSolve(t, p); first.Objective != want {
			t.Fatalf("seed %d: objective %d, reference %d", seed, first.Objective, want)
		}
		gone := int(seed) % cfg.jurors
		q := withoutJuror(withPrevious(p, first), gone)
		for _, pr := range first.Pairs[len(first.Pairs)/3:] {
			if pr.Juror != p.Jurors[gone].ID {
				q.Conflicts = append(q.Conflicts, pr)
				break
			}
		}
		again := solveVerified(t, q)
		if want, _ := referenceSolve(t, q); again.Objective != want {
			t.Fatalf("seed %d, re-run: objective %d, reference %d", seed, again.Objective, want)
		}
	}
}
