package assign

import (
	"slices"
)

// Result is an assignment and what it costs.
type Result struct {
	// Pairs in the order of Problem.Candidatures, then of Problem.Jurors.
	Pairs []Pair
	// Unfilled lists the candidatures that got fewer jurors than they need.
	Unfilled []Unfilled
	// Loads[j] is the number of candidatures of Problem.Jurors[j].
	Loads            []int
	LoadMin, LoadMax int
	// Kept previous pairs, and Moved: valid previous pairs not kept.
	Kept, Moved int
	// Dropped counts the previous pairs that are no longer valid, listed in
	// DroppedPairs with the reason.
	Dropped      int
	DroppedPairs []DroppedPair
	// ConflictsExcluded is the number of distinct conflicted pairs.
	ConflictsExcluded int
	// Cost gives the parts of the objective, Objective their weighted sum
	// with Weights.
	Cost      Cost
	Objective int64
	Weights   Weights
	// Certificate proves optimality (see Verify); nil for Greedy.
	Certificate *Certificate
	Seconds     float64
	Stats       Stats
}

// Cost is the objective split by level, from the most important one.
type Cost struct {
	Unfilled   int64 // missing evaluations, Σ (Need − assigned)
	Load       int64 // Σ over jurors of L(L+1)/2
	Kept       int64 // valid previous pairs kept
	Preference int64 // Σ ProfileCost over the pairs
}

// Objective is M·Unfilled + W·Load − B·Kept + Preference.
func (c Cost) Objective(w Weights) int64 {
	return w.Unfilled*c.Unfilled + w.Load*c.Load - w.Stability*c.Kept + c.Preference
}

// Certificate is an optimal solution of the dual of the flow problem
// (potentials π, reduced cost rc(u,v) = cost(u,v) + π(u) − π(v)).
// Candidature[i] and Juror[j] follow the order of the Problem; Sink is the
// potential of the sink that every juror and every unfilled evaluation
// flows to.
type Certificate struct {
	Candidature []int64
	Juror       []int64
	Sink        int64
}

// Stats describe the work of the solver.
type Stats struct {
	Groups      int // candidature groups of the last round
	Arcs        int // arcs of the last network
	Pivots      int // network simplex pivots, all rounds
	Rounds      int // networks solved
	LevelRounds int // rounds rerun because a juror needed more sink levels
	Splits      int // groups split because their flow did not decompose
}

// UnfilledReason tells why a candidature lacks jurors.
type UnfilledReason int

const (
	// ReasonConflicts: fewer jurors than needed are free of conflict with it.
	ReasonConflicts UnfilledReason = iota + 1
	// ReasonMaxLoad: enough jurors are free of conflict, but those it lacks
	// have reached their maximum load.
	ReasonMaxLoad
)

// String is the French text shown to users.
func (r UnfilledReason) String() string {
	switch r {
	case ReasonConflicts:
		return "conflits d’intérêts"
	case ReasonMaxLoad:
		return "charges maximales atteintes"
	}
	return "raison inconnue"
}

// Unfilled is a candidature that got fewer jurors than it needs.
type Unfilled struct {
	Candidature int64
	Need        int
	Assigned    int
	Eligible    int // jurors free of conflict with it
	Reason      UnfilledReason
}

// result describes an assignment of in.
func (in *instance) result(a *assignment) *Result {
	p := in.p
	r := &Result{
		Loads:             make([]int, in.nj),
		Dropped:           len(in.dropped),
		DroppedPairs:      in.dropped,
		ConflictsExcluded: in.conflictsExcluded,
		Weights:           in.w,
	}
	var js []int32
	for i := range int32(in.nc) {
		js = append(js[:0], a.of(i)...)
		slices.Sort(js)
		for _, j := range js {
			r.Pairs = append(r.Pairs, Pair{p.Candidatures[i].ID, p.Jurors[j].ID})
			r.Loads[j]++
			r.Cost.Preference += p.ProfileCost[j][in.prof[i]]
			if in.wasPrevious(int(i), int(j)) {
				r.Cost.Kept++
			}
		}
		if got := int(a.cnt[i]); got < int(in.need[i]) {
			r.Cost.Unfilled += int64(int(in.need[i]) - got)
			el := in.nj - len(in.conflicts(int(i)))
			reason := ReasonMaxLoad
			if el < int(in.need[i]) {
				reason = ReasonConflicts
			}
			r.Unfilled = append(r.Unfilled, Unfilled{p.Candidatures[i].ID, int(in.need[i]), got, el, reason})
		}
	}
	for j, l := range r.Loads {
		r.Cost.Load += int64(l) * int64(l+1) / 2
		if j == 0 || l < r.LoadMin {
			r.LoadMin = l
		}
		if j == 0 || l > r.LoadMax {
			r.LoadMax = l
		}
	}
	r.Kept = int(r.Cost.Kept)
	r.Moved = len(in.prevJ) - r.Kept
	r.Objective = r.Cost.Objective(in.w)
	return r
}
