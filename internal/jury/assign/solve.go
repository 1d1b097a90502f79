package assign

import (
	"context"
	"time"
)

// Solve computes an optimal assignment of p (see the package documentation
// for the objective) with its optimality certificate. It fails only on an
// invalid problem or when ctx ends; a candidature that cannot get all its
// jurors is reported in Result.Unfilled.
func Solve(ctx context.Context, p *Problem) (*Result, error) {
	return solveWith(ctx, p, options{smallPool: -1})
}

// options tune the solver without changing its result; tests use them to
// drive it through every path.
type options struct {
	// smallPool: pools of fewer candidatures are grouped by conflicts from
	// the start; -1 means twice the average load.
	smallPool int64
}

func solveWith(ctx context.Context, p *Problem, opt options) (*Result, error) {
	t0 := time.Now()
	in, err := newInstance(p)
	if err != nil {
		return nil, err
	}
	sol, err := in.solve(ctx, opt)
	if err != nil {
		return nil, err
	}
	r := in.result(&sol.a)
	r.Certificate = &Certificate{Candidature: sol.candPi, Juror: sol.jurorPi, Sink: sol.sinkPi}
	r.Stats = sol.stats
	r.Seconds = time.Since(t0).Seconds()
	return r, nil
}

// Greedy is the baseline: candidatures in order, each taking its least
// loaded free jurors (cheapest first among equal loads, then in jury
// order). Its objective is computed with the weights Solve uses.
func Greedy(p *Problem) (*Result, error) {
	t0 := time.Now()
	in, err := newInstance(p)
	if err != nil {
		return nil, err
	}
	a := newAssignment(in)
	load := make([]int64, in.nj)
	mark := make([]int32, in.nj)
	var best []int32
	better := func(i, j, k int32) bool { // is j before k for candidature i
		if load[j] != load[k] {
			return load[j] < load[k]
		}
		cj, ck := in.pairCost(int(i), int(j)), in.pairCost(int(i), int(k))
		if cj != ck {
			return cj < ck
		}
		return j < k
	}
	for i := range int32(in.nc) {
		r := int(in.need[i])
		if r == 0 {
			continue
		}
		st := i + 1
		for _, j := range in.conflicts(int(i)) {
			mark[j] = st
		}
		best = best[:0]
		for j := range int32(in.nj) {
			if mark[j] == st || load[j] >= in.capF[j] {
				continue
			}
			if len(best) == r && !better(i, j, best[r-1]) {
				continue
			}
			if len(best) < r {
				best = append(best, j)
			} else {
				best[r-1] = j
			}
			for k := len(best) - 1; k > 0 && better(i, best[k], best[k-1]); k-- {
				best[k], best[k-1] = best[k-1], best[k]
			}
		}
		for _, j := range best {
			a.add(i, j)
			load[j]++
		}
	}
	res := in.result(&a)
	res.Seconds = time.Since(t0).Seconds()
	return res, nil
}
