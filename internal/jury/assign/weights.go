package assign

import (
	"math/bits"
)

// Weights are the coefficients of the objective (see the package
// documentation). They are derived from the instance so that each level of
// the lexicographic order strictly dominates the next ones.
type Weights struct {
	// Unfilled is paid for each missing evaluation (M).
	Unfilled int64
	// Load multiplies the load cost Σ L(L+1)/2 (W): the marginal cost of a
	// juror's L-th candidature is Load·L.
	Load int64
	// Stability is the bonus of each kept previous pair (B).
	Stability int64
}

// weightLimit keeps every sum of the solver below 2^62.
const weightLimit = int64(1) << 62

// weightsFor derives the weights of an instance:
//
//	R = max − min of the preference costs of the profiles in use,
//	B = J·R + 1, W = J·(R + B) + 1,
//	M = W·(Lcap + 1) + (J + 1)·(R + B + |cmin| + |cmax|) + 1,
//
// where J is the number of jurors and Lcap the largest load any juror could
// reach. A simple cycle of the flow network moves at most J pairs, so it
// changes the preference part by at most J·R and the stability part by at
// most J·B: hence the dominance (proof in the package documentation).
func weightsFor(in *instance) (Weights, int64, error) {
	used := make([]bool, in.np)
	var flow int64
	for i := range in.nc {
		if in.need[i] > 0 {
			used[in.prof[i]] = true
			flow += int64(in.need[i])
		}
	}
	cmin, cmax, seen := int64(0), int64(0), false
	for _, row := range in.p.ProfileCost {
		for q, c := range row {
			if !used[q] {
				continue
			}
			if !seen || c < cmin {
				cmin = c
			}
			if !seen || c > cmax {
				cmax = c
			}
			seen = true
		}
	}
	var lcap int64
	for j := range in.nj {
		lcap = max(lcap, min(in.capF[j], int64(in.eligible[j])))
	}
	o := overflow{}
	nj := int64(in.nj)
	r := cmax - cmin
	b := o.add(o.mul(nj, r), 1)
	rb := o.add(r, b)
	w := o.add(o.mul(nj, rb), 1)
	absC := o.add(abs64(cmin), abs64(cmax))
	m := o.add(o.add(o.mul(w, lcap+1), o.mul(nj+1, o.add(rb, absC))), 1)
	// The objective, and every potential of the network simplex (a tree path
	// holds one sink or dummy arc and at most one pair arc per node), must
	// stay below the limit.
	nodes := int64(in.nc + in.nj + 2)
	o.add(o.mul(m, flow), o.add(o.mul(o.mul(w, flow), lcap+1), o.mul(flow, o.add(b, absC))))
	art := o.mul(nodes+1, o.add(m, 1))
	o.add(o.mul(art, 4), o.mul(nodes, o.add(b, absC)))
	if o.bad {
		return Weights{}, 0, invalid("les poids qui font primer l’équilibre des charges sur les préférences dépassent l’arithmétique 64 bits : réduisez l’écart des coûts de préférence (%d à %d)", cmin, cmax)
	}
	return Weights{Unfilled: m, Load: w, Stability: b}, art, nil
}

// overflow does nonnegative int64 arithmetic and remembers whether a result
// reached weightLimit.
type overflow struct{ bad bool }

func (o *overflow) mul(a, b int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if a < 0 || b < 0 || hi != 0 || lo >= uint64(weightLimit) {
		o.bad = true
		return weightLimit
	}
	return int64(lo)
}

func (o *overflow) add(a, b int64) int64 {
	if a < 0 || b < 0 || a >= weightLimit-b {
		o.bad = true
		return weightLimit
	}
	return a + b
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
