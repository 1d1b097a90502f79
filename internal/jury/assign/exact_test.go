package assign

import (
	"context"
	"math/rand/v2"
	"testing"
)

func solveVerified(t *testing.T, p *Problem) *Result {
	t.Helper()
	r, err := Solve(context.Background(), p)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if err := Verify(p, r, true); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return r
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
