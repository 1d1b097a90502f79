package assign

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// referenceMoved is the number of valid previous pairs an optimal
// assignment of the reference solver does not keep. The stability level
// of the objective is unique among optima, so it is the least number of
// moves balance and coverage require.
func referenceMoved(t *testing.T, p *Problem) int {
	t.Helper()
	_, pairs := referenceSolve(t, p)
	in, err := newInstance(p)
	if err != nil {
		t.Fatal(err)
	}
	moved := len(in.prevJ)
	for pr := range pairs {
		for _, q := range p.Previous {
			if q == pr {
				moved--
			}
		}
	}
	return moved
}

type change struct {
	name  string
	apply func(r *rand.Rand, p *Problem, first *Result) *Problem
	// dropped returns the number of previous pairs that become invalid.
	dropped func(first *Result, q *Problem) int
}

var changes = []change{
	{"unchanged", func(_ *rand.Rand, p *Problem, first *Result) *Problem {
		return withPrevious(p, first)
	}, func(*Result, *Problem) int { return 0 }},
	{"candidature added", func(r *rand.Rand, p *Problem, first *Result) *Problem {
		q := withPrevious(p, first)
		q.Candidatures = append(slices.Clone(q.Candidatures), Candidature{ID: 99_999, Need: 3, Profile: r.IntN(len(q.ProfileCost[0]))})
		return q
	}, func(*Result, *Problem) int { return 0 }},
	{"conflict added", func(r *rand.Rand, p *Problem, first *Result) *Problem {
		q := withPrevious(p, first)
		if len(first.Pairs) > 0 {
			q.Conflicts = append(slices.Clone(q.Conflicts), first.Pairs[r.IntN(len(first.Pairs))])
		}
		return q
	}, func(first *Result, _ *Problem) int { return min(1, len(first.Pairs)) }},
	{"juror removed", func(r *rand.Rand, p *Problem, first *Result) *Problem {
		return withoutJuror(withPrevious(p, first), 0)
	}, func(first *Result, _ *Problem) int { return first.Loads[0] }},
}

func TestRerun(t *testing.T) {
	t.Parallel()
	for _, ch := range changes {
		t.Run(ch.name, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(7, uint64(len(ch.name))))
			for n := range 120 {
				nc, nj := 2+r.IntN(25), 2+r.IntN(7)
				p := randomProblem(r, nc, nj, 1+r.IntN(3), 3, 4, []float64{0, 0.1, 0.3}[n%3], 0)
				first := solveVerified(t, p)
				q := ch.apply(r, p, first)
				again := solveVerified(t, q)
				if again.Dropped != ch.dropped(first, q) {
					t.Fatalf("instance %d: %d pairs dropped, want %d", n, again.Dropped, ch.dropped(first, q))
				}
				if want := referenceMoved(t, q); again.Moved != want {
					t.Fatalf("instance %d: %d pairs moved, the least possible is %d", n, again.Moved, want)
				}
				if ch.name == "unchanged" && (again.Moved != 0 || !slices.Equal(again.Pairs, first.Pairs)) {
					t.Fatalf("instance %d: an unchanged re-run moved %d pairs", n, again.Moved)
				}
			}
		})
	}
}

// TestRerunWithoutConflicts: without conflicts nor maxima nothing needs to
// move when a candidature comes or a juror leaves.
func TestRerunWithoutConflicts(t *testing.T) {
	t.Parallel()
	p := generate(genConfig{candidatures: 400, jurors: 30, need: 3, seed: 9})
	first := solveVerified(t, p)
	for _, ch := range changes {
		if ch.name == "conflict added" {
			continue
		}
		q := ch.apply(rand.New(rand.NewPCG(1, 1)), p, first)
		again := solveVerified(t, q)
		if again.Moved != 0 || again.Dropped != ch.dropped(first, q) {
			t.Fatalf("%s: moved %d, dropped %d (want 0 and %d)", ch.name, again.Moved, again.Dropped, ch.dropped(first, q))
		}
		if again.LoadMax-again.LoadMin > 1 {
			t.Fatalf("%s: loads %d to %d", ch.name, again.LoadMin, again.LoadMax)
		}
	}
}

// TestDroppedReasons checks each reason a previous pair becomes invalid.
func TestDroppedReasons(t *testing.T) {
	t.Parallel()
	p := &Problem{
		Candidatures: []Candidature{{ID: 1, Need: 2}, {ID: 2, Need: 2}},
		Jurors:       []Juror{{ID: 10}, {ID: 11}, {ID: 12}},
		ProfileCost:  [][]int64{{0}, {0}, {0}},
		Conflicts:    []Pair{{1, 10}},
		Previous:     []Pair{{1, 10}, {1, 11}, {2, 13}, {3, 12}},
	}
	got := solveVerified(t, p)
	want := []DroppedPair{{Pair{1, 10}, DropConflict}, {Pair{2, 13}, DropJurorGone}, {Pair{3, 12}, DropCandidatureGone}}
	if !slices.Equal(got.DroppedPairs, want) || got.Dropped != 3 || got.Kept != 1 || got.Moved != 0 {
		t.Fatalf("dropped %+v, kept %d, moved %d", got.DroppedPairs, got.Kept, got.Moved)
	}
	for _, d := range got.DroppedPairs {
		if d.Reason.String() == "raison inconnue" {
			t.Fatalf("reason %d has no text", d.Reason)
		}
	}
}
