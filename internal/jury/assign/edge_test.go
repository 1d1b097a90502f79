package assign

import "testing"

// TestEdgeCases: a jury not formed yet, candidatures needing nobody, a
// juror with a maximum and nothing to evaluate.
func TestEdgeCases(t *testing.T) {
	t.Parallel()
	r := solveVerified(t, &Problem{Candidatures: []Candidature{{ID: 1, Need: 2, Profile: 3}, {ID: 2}}})
	if len(r.Unfilled) != 1 || r.Unfilled[0].Reason != ReasonConflicts || r.Cost.Unfilled != 2 {
		t.Fatalf("without jurors: unfilled %+v", r.Unfilled)
	}
	r = solveVerified(t, &Problem{
		Candidatures: []Candidature{{ID: 1}, {ID: 2}},
		Jurors:       []Juror{{ID: 5, Max: 1}},
		ProfileCost:  [][]int64{{3}},
		Previous:     []Pair{{1, 5}},
	})
	if len(r.Pairs) != 0 || r.Moved != 1 || r.Loads[0] != 0 {
		t.Fatalf("nobody needed: pairs %v, moved %d", r.Pairs, r.Moved)
	}
}
