package assign

import (
	"context"
	"fmt"
)

// solution is an optimal assignment with its dual certificate.
type solution struct {
	a       assignment
	load    []int64
	candPi  []int64 // per candidature
	jurorPi []int64
	sinkPi  int64
	stats   Stats
}

// network is the aggregated flow network of one round: groups, jurors, a
// sink T. Node g < len(groups) is a group, node len(groups)+j juror j.
type network struct {
	s         *simplex
	ng        int
	pairStart []int32 // per group: first pair arc; pair arcs of g are contiguous
	bonus     []bool  // per pair arc, indexed from 0
	dummy     []int32 // per group
	sinkStart []int32 // per juror
	sink      int32
	root      int32   // artificial root of the initial tree
	artStart  int32   // first artificial arc; they follow all the others
	tree      []int32 // initial tree arc of each node but the root
}

func (in *instance) buildNetwork(groups []group, lhi []int64) *network {
	ng, nj := len(groups), in.nj
	est := ng*nj + 2*ng + 2*nj + 1
	for _, l := range lhi {
		est += int(l)
	}
	nw := &network{
		s:         newSimplex(ng+nj+2, est),
		ng:        ng,
		pairStart: make([]int32, ng+1),
		dummy:     make([]int32, ng),
		sinkStart: make([]int32, nj+1),
		sink:      int32(ng + nj),
		root:      int32(ng + nj + 1),
	}
	s := nw.s
	free := make([]int64, nj) // members not conflicted with j
	prev := make([]int64, nj) // members that had j before
	for g := range groups {
		gr := &groups[g]
		for j := range free {
			free[j], prev[j] = int64(len(gr.cands)), 0
		}
		for _, i := range gr.cands {
			for _, j := range in.conflicts(int(i)) {
				free[j]--
			}
			for _, j := range in.previous(int(i)) {
				prev[j]++
			}
		}
		nw.pairStart[g] = int32(len(s.src))
		for j := range nj {
			c := in.p.ProfileCost[j][gr.prof]
			if n := free[j] - prev[j]; n > 0 {
				s.addArc(int32(g), int32(ng+j), n, c)
				nw.bonus = append(nw.bonus, false)
			}
			if prev[j] > 0 {
				s.addArc(int32(g), int32(ng+j), prev[j], c-in.w.Stability)
				nw.bonus = append(nw.bonus, true)
			}
		}
	}
	nw.pairStart[ng] = int32(len(s.src))
	for g := range groups {
		nw.dummy[g] = s.addArc(int32(g), nw.sink, groups[g].supply, in.w.Unfilled)
	}
	// Warm start. Every bonus arc starts full (a re-run keeps its previous
	// pairs unless it must move them), and each juror starts with its first
	// base[j] load units used: its previous load, or one less than the
	// average load. Whatever this leaves unbalanced is carried by the
	// artificial root. The simplex then moves whole blocks of flow (pivots
	// of large step) instead of one unit per pivot.
	excess := make([]int64, nw.root) // supply + inflow − outflow, per node
	for g := range groups {
		excess[g] = groups[g].supply
		for e := nw.pairStart[g]; e < nw.pairStart[g+1]; e++ {
			if nw.bonus[e] {
				s.flow[e] = s.cap[e]
				excess[g] -= s.cap[e]
				excess[s.dst[e]] += s.cap[e]
			}
		}
		excess[nw.sink] -= groups[g].supply
	}
	base := in.baseLoads(lhi, excess[ng:ng+nj])
	for j := range nj {
		nw.sinkStart[j] = int32(len(s.src))
		for l := int64(1); l <= lhi[j]; l++ {
			e := s.addArc(int32(ng+j), nw.sink, 1, in.w.Load*l)
			if l <= base[j] {
				s.flow[e] = 1
			}
		}
		excess[ng+j] -= base[j]
		excess[nw.sink] += base[j]
	}
	nw.sinkStart[nj] = int32(len(s.src))
	// Artificial arcs, one per node, of prohibitive cost: the initial tree.
	// Each one can send flow towards the root (strongly feasible tree).
	nw.tree = make([]int32, nw.root)
	nw.artStart = int32(len(s.src))
	for v := range nw.root {
		if x := excess[v]; x >= 0 {
			nw.tree[v] = s.addArc(v, nw.root, x+1, in.art)
			s.flow[nw.tree[v]] = x
		} else {
			nw.tree[v] = s.addArc(nw.root, v, -x, in.art)
			s.flow[nw.tree[v]] = -x
		}
	}
	return nw
}

// baseLoads is the load each juror starts with: what it receives from the
// previous pairs, or one less than the average load when that is more,
// within what it may take.
func (in *instance) baseLoads(lhi, prevIn []int64) []int64 {
	var flow int64
	for i := range in.nc {
		flow += int64(in.need[i])
	}
	avg := flow / int64(max(in.nj, 1))
	base := make([]int64, in.nj)
	for j := range base {
		base[j] = max(0, min(max(avg-1, prevIn[j]), in.capF[j], int64(in.eligible[j]), lhi[j]))
	}
	return base
}

// initialLevels is the number of sink levels (unit arcs of increasing
// marginal cost) given to each juror in the first round: a little above
// the balanced load, never above what the juror can take.
func (in *instance) initialLevels() []int64 {
	var flow int64
	for i := range in.nc {
		flow += int64(in.need[i])
	}
	avg := (flow + int64(max(in.nj, 1)) - 1) / int64(max(in.nj, 1))
	guess := avg + max(8, avg/4)
	lhi := make([]int64, in.nj)
	for j := range lhi {
		lhi[j] = max(1, min(in.capF[j], int64(in.eligible[j])+1, guess))
	}
	return lhi
}

// solve finds an optimal assignment: it solves the aggregated network,
// gives more sink levels to a juror whose levels are all used while the
// next one would pay, splits the groups whose flow does not decompose into
// pairs, and repeats.
func (in *instance) solve(ctx context.Context, opt options) (*solution, error) {
	groups := initialGroups(in, opt.smallPool)
	lhi := in.initialLevels()
	sol := &solution{a: newAssignment(in)}
	dec := newDecomposer(in)
	for round := 1; ; round++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		nw := in.buildNetwork(groups, lhi)
		s := nw.s
		if err := s.run(ctx, nw.root, nw.tree); err != nil {
			return nil, err
		}
		for e := nw.artStart; e < int32(len(s.src)); e++ {
			if s.flow[e] != 0 {
				return nil, fmt.Errorf("assignation : flot artificiel résiduel après optimisation")
			}
		}
		sol.stats.Rounds = round
		sol.stats.Pivots += s.pivots
		sol.stats.Groups = len(groups)
		sol.stats.Arcs = len(s.src)

		load := make([]int64, in.nj)
		grow := false
		for j := range in.nj {
			for e := nw.sinkStart[j]; e < nw.sinkStart[j+1]; e++ {
				load[j] += s.flow[e]
			}
			if load[j] == lhi[j] && lhi[j] < in.capF[j] && lhi[j] <= int64(in.eligible[j]) {
				next := in.w.Load*(lhi[j]+1) + s.pi[nw.ng+j] - s.pi[nw.sink]
				if next < 0 {
					lhi[j] = min(in.capF[j], int64(in.eligible[j])+1, 2*lhi[j])
					grow = true
				}
			}
		}
		if grow {
			sol.stats.LevelRounds++
			continue
		}

		var next []group
		split0 := false
		for g := range groups {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			dec.reset()
			for e := nw.pairStart[g]; e < nw.pairStart[g+1]; e++ {
				j := s.dst[e] - int32(nw.ng)
				if nw.bonus[e] {
					dec.bonus[j] += s.flow[e]
				} else {
					dec.normal[j] += s.flow[e]
				}
			}
			if dec.run(&groups[g], &sol.a) {
				next = append(next, groups[g])
				continue
			}
			if groups[g].level == levelExact {
				return nil, fmt.Errorf("assignation : le groupe exact de la candidature %d ne se décompose pas", in.p.Candidatures[groups[g].cands[0]].ID)
			}
			split0 = true
			sol.stats.Splits++
			next = append(next, split(in, groups[g])...)
		}
		groups = next
		if split0 {
			continue
		}
		sol.load = load
		sol.jurorPi = make([]int64, in.nj)
		for j := range in.nj {
			sol.jurorPi[j] = s.pi[nw.ng+j]
		}
		sol.sinkPi = s.pi[nw.sink]
		sol.candPi = make([]int64, in.nc)
		for g := range groups {
			for _, i := range groups[g].cands {
				sol.candPi[i] = s.pi[g]
			}
		}
		for i := range in.nc {
			if in.need[i] == 0 {
				sol.candPi[i] = in.idlePotential(i, sol.jurorPi)
			}
		}
		return sol, nil
	}
}

// idlePotential is a potential for a candidature that needs nobody: every
// arc from it is empty, so it must be at least π_j − c_ij for each juror.
func (in *instance) idlePotential(i int, jurorPi []int64) int64 {
	best, seen := int64(0), false
	for j := range in.nj {
		if in.conflicted(i, j) {
			continue
		}
		v := jurorPi[j] - in.pairCost(i, j)
		if !seen || v > best {
			best, seen = v, true
		}
	}
	return best
}
