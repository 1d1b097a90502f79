package assign

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The two oracles below know nothing of the solver: they take the
// formulation's weights and search the whole problem, one by enumeration,
// one by the textbook min-cost flow algorithm.

// bruteForce returns the least objective over every assignment of a tiny
// problem: each candidature takes any set of at most Need free jurors.
func bruteForce(t *testing.T, p *Problem) int64 {
	t.Helper()
	in, err := newInstance(p)
	if err != nil {
		t.Fatal(err)
	}
	w := in.w
	load := make([]int64, in.nj)
	best := int64(math.MaxInt64)
	var rec func(i int, partial int64)
	rec = func(i int, partial int64) {
		if i == in.nc {
			total := partial
			for _, l := range load {
				total += w.Load * l * (l + 1) / 2
			}
			best = min(best, total)
			return
		}
		need := int(in.need[i])
		var pick func(from, taken int, cost int64)
		pick = func(from, taken int, cost int64) {
			rec(i+1, cost+w.Unfilled*int64(need-taken))
			if taken == need {
				return
			}
			for j := from; j < in.nj; j++ {
				if in.conflicted(i, j) || load[j] >= in.capF[j] {
					continue
				}
				load[j]++
				pick(j+1, taken+1, cost+in.pairCost(i, j))
				load[j]--
			}
		}
		pick(0, 0, partial)
	}
	rec(0, 0)
	return best
}

// refArc is an arc of the reference residual network.
type refArc struct {
	to, rev  int
	cap      int64
	cost     int64
	pair     bool
	cand, jr int
}

// referenceSolve solves the flow formulation with successive shortest
// paths, each found by Bellman-Ford on the explicit residual network: a
// source S feeding each candidature its Need, one unit arc per free pair,
// one arc of cost M per candidature straight to the sink T, and one unit
// arc per load level L of each juror, of cost W·L. It returns the minimum
// cost and the pairs of an optimal flow.
func referenceSolve(t *testing.T, p *Problem) (int64, map[Pair]bool) {
	t.Helper()
	in, err := newInstance(p)
	if err != nil {
		t.Fatal(err)
	}
	w := in.w
	nc, nj := in.nc, in.nj
	S, T := 0, 1+nc+nj
	g := make([][]refArc, T+1)
	add := func(u, v int, c, cost int64, pair bool, i, j int) {
		g[u] = append(g[u], refArc{to: v, rev: len(g[v]), cap: c, cost: cost, pair: pair, cand: i, jr: j})
		g[v] = append(g[v], refArc{to: u, rev: len(g[u]) - 1, cap: 0, cost: -cost})
	}
	var total int64
	for i := range nc {
		need := int64(in.need[i])
		total += need
		add(S, 1+i, need, 0, false, 0, 0)
		add(1+i, T, need, w.Unfilled, false, 0, 0)
		for j := range nj {
			if !in.conflicted(i, j) {
				add(1+i, 1+nc+j, 1, in.pairCost(i, j), true, i, j)
			}
		}
	}
	for j := range nj {
		levels := min(in.capF[j], int64(nc))
		for l := int64(1); l <= levels; l++ {
			add(1+nc+j, T, 1, w.Load*l, false, 0, 0)
		}
	}
	var cost int64
	dist := make([]int64, T+1)
	from := make([][2]int, T+1)
	for flow := int64(0); flow < total; {
		for v := range dist {
			dist[v] = math.MaxInt64
		}
		dist[S] = 0
		for changed := true; changed; {
			changed = false
			for u := range g {
				if dist[u] == math.MaxInt64 {
					continue
				}
				for k, a := range g[u] {
					if a.cap > 0 && dist[u]+a.cost < dist[a.to] {
						dist[a.to] = dist[u] + a.cost
						from[a.to] = [2]int{u, k}
						changed = true
					}
				}
			}
		}
		if dist[T] == math.MaxInt64 {
			t.Fatal("reference: the sink is unreachable")
		}
		push := total - flow
		for v := T; v != S; v = from[v][0] {
			push = min(push, g[from[v][0]][from[v][1]].cap)
		}
		for v := T; v != S; v = from[v][0] {
			a := &g[from[v][0]][from[v][1]]
			a.cap -= push
			g[v][a.rev].cap += push
		}
		flow += push
		cost += push * dist[T]
	}
	pairs := map[Pair]bool{}
	for u := range g {
		for _, a := range g[u] {
			if a.pair && a.cap == 0 {
				pairs[Pair{p.Candidatures[a.cand].ID, p.Jurors[a.jr].ID}] = true
			}
		}
	}
	return cost, pairs
}

// randomProblem draws a small problem: a few profiles, costs in ±cmax,
// some maxima, conflicts with probability pc, and previous pairs (some of
// them invalid) with probability pp.
func randomProblem(r *rand.Rand, nc, nj, np, kmax int, cmax int64, pc, pp float64) *Problem {
	p := &Problem{}
	for i := range nc {
		p.Candidatures = append(p.Candidatures, Candidature{ID: int64(100 + i), Need: r.IntN(kmax + 1), Profile: r.IntN(np)})
	}
	for j := range nj {
		m := 0
		if r.IntN(3) == 0 {
			m = 1 + r.IntN(max(1, nc*kmax/max(nj, 1)+1))
		}
		p.Jurors = append(p.Jurors, Juror{ID: int64(10 + j), Max: m})
		row := make([]int64, np)
		for q := range row {
			row[q] = r.Int64N(2*cmax+1) - cmax
		}
		p.ProfileCost = append(p.ProfileCost, row)
	}
	for _, c := range p.Candidatures {
		for _, u := range p.Jurors {
			if r.Float64() < pc {
				p.Conflicts = append(p.Conflicts, Pair{c.ID, u.ID})
			}
			if r.Float64() < pp {
				p.Previous = append(p.Previous, Pair{c.ID, u.ID})
			}
		}
	}
	if pp > 0 && r.IntN(2) == 0 {
		p.Previous = append(p.Previous, Pair{100, 9999}) // a juror who left
	}
	return p
}
