package assign

import (
	"context"
	"fmt"
	"math"
)

// simplex is a primal network simplex for min-cost flow, written for this
// package (no Go library offers one: gonum has max-flow-free graph packages
// and a dense LP simplex only). It keeps a strongly feasible spanning tree
// (Cunningham's leaving-arc rule), which rules out cycling, and uses block
// pricing. Reduced costs are rc(u,v) = cost + pi[u] − pi[v]; the flow is
// optimal when every arc at its lower bound has rc ≥ 0 and every arc at its
// upper bound has rc ≤ 0, tree arcs having rc = 0.
type simplex struct {
	src, dst        []int32
	cap, cost, flow []int64
	state           []int8 // stLower, stUpper or stTree

	parent, pred, depth []int32 // tree: parent node, arc to it, depth
	first, next, prev   []int32 // children lists
	pi                  []int64
	stack               []int32

	cursor, block int
	cand          []int32 // candidate entering arcs
	minor         int     // pivots since the last major scan
	pivots        int
}

const (
	stLower int8 = 1
	stTree  int8 = 0
	stUpper int8 = -1
)

func newSimplex(nodes, arcs int) *simplex {
	s := &simplex{
		src: make([]int32, 0, arcs), dst: make([]int32, 0, arcs),
		cap: make([]int64, 0, arcs), cost: make([]int64, 0, arcs), flow: make([]int64, 0, arcs),
		parent: make([]int32, nodes), pred: make([]int32, nodes), depth: make([]int32, nodes),
		first: make([]int32, nodes), next: make([]int32, nodes), prev: make([]int32, nodes),
		pi: make([]int64, nodes),
	}
	return s
}

// addArc adds an arc with zero flow and returns its index.
func (s *simplex) addArc(u, v int32, capacity, cost int64) int32 {
	s.src = append(s.src, u)
	s.dst = append(s.dst, v)
	s.cap = append(s.cap, capacity)
	s.cost = append(s.cost, cost)
	s.flow = append(s.flow, 0)
	return int32(len(s.src) - 1)
}

// run optimizes from the spanning tree given by treeArc (the arc linking
// each node but root to its parent) and the flows already set, which must
// be feasible and strongly feasible: every non-tree arc at a bound, every
// node able to send a positive flow to root along its tree path.
func (s *simplex) run(ctx context.Context, root int32, treeArc []int32) error {
	n := len(s.parent)
	m := len(s.src)
	s.state = make([]int8, m)
	for e := range m {
		switch s.flow[e] {
		case 0:
			s.state[e] = stLower
		case s.cap[e]:
			s.state[e] = stUpper
		default:
			s.state[e] = stTree // must be a tree arc, checked below
		}
	}
	for v := range n {
		s.first[v], s.next[v], s.prev[v] = -1, -1, -1
	}
	s.parent[root], s.pred[root] = -1, -1
	for v := range int32(n) {
		if v == root {
			continue
		}
		a := treeArc[v]
		p := s.src[a]
		if p == v {
			p = s.dst[a]
		}
		s.parent[v], s.pred[v] = p, a
		s.state[a] = stTree
		s.addChild(p, v)
	}
	for e := range m {
		if s.state[e] == stTree && s.pred[s.src[e]] != int32(e) && s.pred[s.dst[e]] != int32(e) {
			return fmt.Errorf("simplexe : l’arc %d n’est ni dans l’arbre ni à une borne", e)
		}
	}
	s.depth[root] = 0
	s.pi[root] = 0
	s.relabel(root, 0, true)

	s.block = max(int(math.Sqrt(float64(m))), 64)
	for {
		e := s.entering()
		if e < 0 {
			return nil
		}
		s.pivot(e)
		s.pivots++
		if s.pivots&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}

func (s *simplex) addChild(p, c int32) {
	s.prev[c] = -1
	s.next[c] = s.first[p]
	if s.first[p] >= 0 {
		s.prev[s.first[p]] = c
	}
	s.first[p] = c
}

func (s *simplex) removeChild(p, c int32) {
	if s.prev[c] >= 0 {
		s.next[s.prev[c]] = s.next[c]
	} else {
		s.first[p] = s.next[c]
	}
	if s.next[c] >= 0 {
		s.prev[s.next[c]] = s.prev[c]
	}
}

// relabel walks the subtree of r, which already has its final depth: it
// sets the depth of every descendant and either recomputes potentials from
// the tree arcs (full) or shifts them all by sigma.
func (s *simplex) relabel(r int32, sigma int64, full bool) {
	st := append(s.stack[:0], r)
	for len(st) > 0 {
		u := st[len(st)-1]
		st = st[:len(st)-1]
		if !full {
			s.pi[u] += sigma
		}
		for c := s.first[u]; c >= 0; c = s.next[c] {
			s.depth[c] = s.depth[u] + 1
			if full {
				a := s.pred[c]
				if s.src[a] == c {
					s.pi[c] = s.pi[u] - s.cost[a]
				} else {
					s.pi[c] = s.pi[u] + s.cost[a]
				}
			}
			st = append(st, c)
		}
	}
	s.stack = st
}

// entering returns an arc violating its optimality condition, or -1 when
// the flow is optimal. Candidate-list pricing: a major scan goes through
// the arcs block by block (from where the last one stopped) until a block
// holds violating arcs and keeps up to maxCandidates of them; minor
// iterations then take the most violating candidate still violating,
// without scanning. Measured on the full-scale benchmarks (64 candidates,
// 8 minor iterations): 1.2 s and 0.6 s for the clustered and uniform
// cases, against 0.6 s and 2.0 s when taking the best arc of one block,
// whatever the block size; the worst case matters.
func (s *simplex) entering() int {
	best, bestV := -1, int64(0)
	if s.minor < maxMinor {
		k := 0
		for _, e := range s.cand {
			if v := s.violation(int(e)); v < 0 {
				s.cand[k] = e
				k++
				if v < bestV {
					best, bestV = int(e), v
				}
			}
		}
		s.cand = s.cand[:k]
		if best >= 0 {
			s.minor++
			return best
		}
	}
	s.minor = 0
	s.cand = s.cand[:0]
	m := len(s.src)
	inBlock := 0
	for range m {
		e := s.cursor
		s.cursor++
		if s.cursor == m {
			s.cursor = 0
		}
		if v := s.violation(e); v < 0 {
			if len(s.cand) < maxCandidates {
				s.cand = append(s.cand, int32(e))
			}
			if v < bestV {
				best, bestV = e, v
			}
		}
		inBlock++
		if inBlock == s.block {
			if best >= 0 {
				return best
			}
			inBlock = 0
		}
	}
	return best
}

const (
	maxCandidates = 64
	maxMinor      = 8
)

// violation is negative when arc e violates its optimality condition.
func (s *simplex) violation(e int) int64 {
	st := s.state[e]
	if st == stTree {
		return 0
	}
	return int64(st) * (s.cost[e] + s.pi[s.src[e]] - s.pi[s.dst[e]])
}

// pivot brings arc e into the tree.
func (s *simplex) pivot(e int) {
	var first, second int32
	var delta int64
	if s.state[e] == stLower {
		first, second, delta = s.src[e], s.dst[e], s.cap[e]-s.flow[e]
	} else {
		first, second, delta = s.dst[e], s.src[e], s.flow[e]
	}
	// The cycle: join → … → first (down), e, second → … → join (up).
	u, v := first, second
	for u != v {
		switch {
		case s.depth[u] > s.depth[v]:
			u = s.parent[u]
		case s.depth[v] > s.depth[u]:
			v = s.parent[v]
		default:
			u, v = s.parent[u], s.parent[v]
		}
	}
	join := u
	// Leaving arc: the last blocking arc of the cycle in flow direction,
	// starting from join.
	side, out := 0, int32(-1)
	for w := first; w != join; w = s.parent[w] {
		a := s.pred[w]
		d := s.flow[a]
		if s.dst[a] == w {
			d = s.cap[a] - s.flow[a]
		}
		if d < delta {
			delta, out, side = d, w, 1
		}
	}
	for w := second; w != join; w = s.parent[w] {
		a := s.pred[w]
		d := s.flow[a]
		if s.src[a] == w {
			d = s.cap[a] - s.flow[a]
		}
		if d <= delta {
			delta, out, side = d, w, 2
		}
	}
	if delta > 0 {
		s.flow[e] += int64(s.state[e]) * delta
		for w := first; w != join; w = s.parent[w] {
			a := s.pred[w]
			if s.dst[a] == w {
				s.flow[a] += delta
			} else {
				s.flow[a] -= delta
			}
		}
		for w := second; w != join; w = s.parent[w] {
			a := s.pred[w]
			if s.src[a] == w {
				s.flow[a] += delta
			} else {
				s.flow[a] -= delta
			}
		}
	}
	if side == 0 {
		s.state[e] = -s.state[e]
		return
	}
	leave := s.pred[out]
	if s.flow[leave] == 0 {
		s.state[leave] = stLower
	} else {
		s.state[leave] = stUpper
	}
	rc := s.cost[e] + s.pi[s.src[e]] - s.pi[s.dst[e]]
	s.state[e] = stTree
	uIn, vIn := first, second
	if side == 2 {
		uIn, vIn = second, first
	}
	// Re-hang the subtree of out below vIn through e, reversing the tree
	// path from uIn up to out.
	s.removeChild(s.parent[out], out)
	prevNode, prevArc := vIn, int32(e)
	for w := uIn; ; {
		oldParent, oldArc := s.parent[w], s.pred[w]
		if w != out {
			s.removeChild(oldParent, w)
		}
		s.parent[w], s.pred[w] = prevNode, prevArc
		s.addChild(prevNode, w)
		if w == out {
			break
		}
		prevNode, prevArc, w = w, oldArc, oldParent
	}
	sigma := rc
	if s.src[e] == uIn {
		sigma = -rc
	}
	s.depth[uIn] = s.depth[vIn] + 1
	s.relabel(uIn, sigma, false)
}
