package assign

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
)

// loadsOf maps juror ID to load, candidature ID to its jurors.
func indexPairs(r *Result) (map[int64]int, map[int64]map[int64]bool) {
	load := map[int64]int{}
	of := map[int64]map[int64]bool{}
	for _, pr := range r.Pairs {
		load[pr.Juror]++
		if of[pr.Candidature] == nil {
			of[pr.Candidature] = map[int64]bool{}
		}
		of[pr.Candidature][pr.Juror] = true
	}
	return load, of
}

// unbalanced returns a pair of jurors (a, b) with load(a) ≥ load(b) + 2,
// b below its maximum, such that one candidature could be handed from a to
// b through a chain of moves (a → j1 → … → b, every juror on the way
// keeping its load): the assignment would then not be balanced although
// eligibility allows it. It returns ok = false when there is none.
func unbalanced(p *Problem, r *Result) (a, b int64, ok bool) {
	load, of := indexPairs(r)
	conflict := map[Pair]bool{}
	for _, c := range p.Conflicts {
		conflict[c] = true
	}
	holds := map[int64][]int64{} // juror -> candidatures
	for _, pr := range r.Pairs {
		holds[pr.Juror] = append(holds[pr.Juror], pr.Candidature)
	}
	// canMove[x] = jurors y such that some candidature of x may go to y.
	canMove := func(x int64) []int64 {
		var ys []int64
		for _, y := range p.Jurors {
			for _, c := range holds[x] {
				if y.ID != x && !of[c][y.ID] && !conflict[Pair{c, y.ID}] {
					ys = append(ys, y.ID)
					break
				}
			}
		}
		return ys
	}
	for _, ja := range p.Jurors {
		seen := map[int64]bool{ja.ID: true}
		queue := []int64{ja.ID}
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			for _, y := range canMove(x) {
				if seen[y] {
					continue
				}
				seen[y] = true
				queue = append(queue, y)
			}
		}
		for _, jb := range p.Jurors {
			if seen[jb.ID] && jb.ID != ja.ID && load[ja.ID] >= load[jb.ID]+2 && (jb.Max == 0 || load[jb.ID] < jb.Max) {
				return ja.ID, jb.ID, true
			}
		}
	}
	return 0, 0, false
}

// maxFlow is the largest number of pairs any assignment can have (simple
// augmenting paths on the candidature–juror graph with capacities).
func maxFlow(p *Problem) int {
	conflict := map[Pair]bool{}
	for _, c := range p.Conflicts {
		conflict[c] = true
	}
	nc, nj := len(p.Candidatures), len(p.Jurors)
	used := make([][]bool, nc)
	for i := range used {
		used[i] = make([]bool, nj)
	}
	cnt, load := make([]int, nc), make([]int, nj)
	free := func(j int) bool { return p.Jurors[j].Max == 0 || load[j] < p.Jurors[j].Max }
	total := 0
	for {
		// BFS from candidatures with room, alternating free/used pairs,
		// to a juror with room.
		fromC, fromJ := make([]int, nc), make([]int, nj)
		for i := range fromC {
			fromC[i] = -2
		}
		for j := range fromJ {
			fromJ[j] = -2
		}
		var queue []int
		for i, c := range p.Candidatures {
			if cnt[i] < c.Need {
				fromC[i] = -1
				queue = append(queue, i)
			}
		}
		end := -1
		for len(queue) > 0 && end < 0 {
			i := queue[0]
			queue = queue[1:]
			for j := range nj {
				if used[i][j] || fromJ[j] != -2 || conflict[Pair{p.Candidatures[i].ID, p.Jurors[j].ID}] {
					continue
				}
				fromJ[j] = i
				if free(j) {
					end = j
					break
				}
				for i2 := range nc {
					if used[i2][j] && fromC[i2] == -2 {
						fromC[i2] = j
						queue = append(queue, i2)
					}
				}
			}
		}
		if end < 0 {
			return total
		}
		load[end]++
		for j := end; ; {
			i := fromJ[j]
			used[i][j] = true
			prev := fromC[i]
			if prev == -1 {
				cnt[i]++
				break
			}
			used[i][prev] = false
			j = prev
		}
		total++
	}
}

func TestProperties(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 300 {
		nc, nj := 1+r.IntN(30), 1+r.IntN(8)
		pc := []float64{0, 0.05, 0.2, 0.5}[n%4]
		p := randomProblem(r, nc, nj, 1+r.IntN(4), 3, 4, pc, []float64{0, 0.3}[n%2])
		got := solveVerified(t, p)
		if a, b, bad := unbalanced(p, got); bad {
			t.Fatalf("instance %d: juror %d could hand a candidature to juror %d, loads %v", n, a, b, got.Loads)
		}
		if mf := maxFlow(p); len(got.Pairs) != mf {
			t.Fatalf("instance %d: %d pairs, the maximum is %d", n, len(got.Pairs), mf)
		}
		// Without maxima every candidature with enough free jurors is full,
		// and without conflicts either the loads are within one.
		noMax := true
		for _, u := range p.Jurors {
			noMax = noMax && u.Max == 0
		}
		if noMax {
			for _, u := range got.Unfilled {
				if u.Eligible >= u.Need || u.Reason != ReasonConflicts {
					t.Fatalf("instance %d: %+v unfilled with enough free jurors", n, u)
				}
			}
			if len(p.Conflicts) == 0 && got.LoadMax-got.LoadMin > 1 {
				t.Fatalf("instance %d: loads %d to %d without conflicts nor maxima", n, got.LoadMin, got.LoadMax)
			}
		}
	}
}

// TestLoadsBeyondFirstLevels makes one juror the only free one for most
// candidatures, far above the average load the solver first provides for.
func TestLoadsBeyondFirstLevels(t *testing.T) {
	t.Parallel()
	p := &Problem{}
	for j := range 6 {
		p.Jurors = append(p.Jurors, Juror{ID: int64(j + 1)})
		p.ProfileCost = append(p.ProfileCost, []int64{int64(j)})
	}
	for i := range 120 {
		p.Candidatures = append(p.Candidatures, Candidature{ID: int64(1000 + i), Need: 1})
		if i%10 != 0 {
			for j := 2; j <= 6; j++ {
				p.Conflicts = append(p.Conflicts, Pair{int64(1000 + i), int64(j)})
			}
		}
	}
	got := solveVerified(t, p)
	if got.Stats.LevelRounds == 0 {
		t.Fatalf("expected extra sink levels, stats %+v", got.Stats)
	}
	if want, _ := referenceSolve(t, p); got.Objective != want {
		t.Fatalf("objective %d, reference %d", got.Objective, want)
	}
	if got.Loads[0] != 108 {
		t.Fatalf("juror 1 has %d candidatures, want 108 (its 108 exclusive ones)", got.Loads[0])
	}
}

func TestUnfilledReasons(t *testing.T) {
	t.Parallel()
	p := &Problem{
		Candidatures: []Candidature{{ID: 1, Need: 3}, {ID: 2, Need: 2}, {ID: 3, Need: 2}},
		Jurors:       []Juror{{ID: 10, Max: 1}, {ID: 11}, {ID: 12}},
		ProfileCost:  [][]int64{{0}, {0}, {0}},
		Conflicts:    []Pair{{1, 10}, {1, 12}, {2, 12}, {3, 12}},
	}
	got := solveVerified(t, p)
	// Candidature 1 has one free juror for three; 2 and 3 share juror 10,
	// who takes one candidature at most.
	want := map[int64]UnfilledReason{1: ReasonConflicts}
	if len(got.Unfilled) != 2 {
		t.Fatalf("unfilled %+v", got.Unfilled)
	}
	for _, u := range got.Unfilled {
		if r, ok := want[u.Candidature]; ok && u.Reason != r || !ok && u.Reason != ReasonMaxLoad {
			t.Fatalf("unfilled %+v", u)
		}
		if u.Reason.String() == "" {
			t.Fatal("reason without text")
		}
	}
	if got.Cost.Unfilled != 3 {
		t.Fatalf("%d evaluations missing, want 3", got.Cost.Unfilled)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := generate(genConfig{candidatures: 2000, jurors: 50, need: 3, conflictRate: 0.02, seed: 3})
	if _, err := Solve(ctx, p); !errors.Is(err, context.Canceled) {
		t.Fatalf("Solve with a cancelled context: %v", err)
	}
}
