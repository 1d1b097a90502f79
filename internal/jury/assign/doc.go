// Package assign computes the jury's assignment: which jurors evaluate
// which candidatures. It is pure computation (no database, no I/O) and
// exact: Solve returns an optimum of the formulation below together with a
// dual certificate that Verify checks independently.
//
// # Formulation
//
// Candidature i needs k_i distinct jurors (Candidature.Need); juror j takes
// at most Max_j candidatures (0: no maximum); conflicted pairs are never
// assigned. Let x_ij ∈ {0, 1} for every pair that is not conflicted,
// L_j = Σ_i x_ij the load of juror j and U = Σ_i (k_i − Σ_j x_ij) the
// number of missing evaluations, under Σ_j x_ij ≤ k_i and L_j ≤ Max_j. The
// cost of a pair is c_ij = ProfileCost[j][profile(i)] − B·[ij is a valid
// previous pair]. Solve minimises
//
//	M·U + W·Σ_j L_j(L_j+1)/2 + Σ_ij c_ij·x_ij
//
// that is the lexicographic order: (1) as many evaluations as possible,
// (2) loads as equal as possible (the marginal cost of a juror's L-th
// candidature is W·L, convex and increasing as in HotCRP's autoassigner),
// (3) as many previous pairs kept as possible, (4) the preferences. The
// weights (Weights, reported in Result.Weights) are derived from the
// instance so that each level strictly dominates the next ones: with J
// jurors and R the spread of the preference costs in use,
//
//	B = J·R + 1,   W = J·(R + B) + 1,   M = W·(Lcap + 1) + (J + 1)·(R + B + |cmin| + |cmax|) + 1,
//
// Lcap being the largest load a juror could reach. Proof: write the
// problem as a min-cost flow (below). If x is optimal for the weighted sum
// but some y is better at the first level where they differ, decompose
// y − x into simple cycles of the residual network of x, each of which x
// may follow alone. The load cost is separable convex, so its change from
// x to y is at least the sum of the cycles' changes; the other levels are
// linear. Level by level from the top: a cycle improving a level above
// would have a negative cost, so none does, so all leave it unchanged; at
// the first level where y is better, one cycle improves it by at least its
// unit (one evaluation: M; one load step: W; one kept pair: B) while
// changing the levels below by less. A simple cycle visits each juror once, so it
// assigns and unassigns at most J pairs each: it changes the preferences
// by at most J·R and the kept pairs by at most J, hence the stability part
// by at most J·B. The weights exceed those bounds, so that cycle has a
// negative cost, which contradicts the optimality of x.
//
// Consequences. Every candidature with k_i free jurors below their maxima
// gets k_i of them, and the number of pairs is the maximum flow. Among
// jurors, no candidature can be handed from a juror with load L to one
// with load ≤ L − 2 that is below its maximum, not even through a chain of
// moves: so loads are within one of each other among jurors of equal
// maximum whenever eligibility allows (the tests check this with a search
// for such chains). A re-run given Previous keeps every still valid pair
// unless coverage or balance needs it moved; Result.Moved counts the valid
// previous pairs not kept (the least number level 3 allows) and
// Result.DroppedPairs the previous pairs that became invalid (conflict
// declared since, juror or candidature gone). A previous pair with an
// unknown ID is dropped, not an error: it is the normal case of a juror
// who left. A conflict with an unknown ID is an error.
//
// Flow network: each candidature has supply k_i; arcs candidature → juror
// (capacity 1, cost c_ij) for the free pairs, candidature → sink T
// (capacity k_i, cost M: missing evaluations), and for each juror one unit
// arc to T per load level L ≤ Max_j, of cost W·L.
//
// # Algorithm
//
// There is no min-cost flow in gonum (its graph packages have none, and
// optimize/convex/lp is a dense LP simplex, far too large for 18 million
// pairs), and none among the Go modules available; HotCRP's autoassigner
// runs its own MinCostMaxFlow on a graph with one arc per pair. This
// package has its own solver, built on three measured observations: the
// costs depend on the candidature only through its profile; conflicts are
// few (about 2 %); and the jury is small.
//
// Aggregation. Candidatures are gathered in groups of one profile, and the
// network has one node per group instead of one per candidature: arc
// group → juror j of capacity "members free of conflict with j" (split
// into a bonus arc for members whose previous juror was j). Members that
// are identical (same profile, need, conflicts and previous jurors) can
// always be split back into pairs (round robin), so that aggregation is
// exact; coarser groups (same profile only, or same conflicts) are a
// relaxation, exact when its flow splits into pairs. Groups start coarse:
// candidatures whose conflicts are shared by another one (clustered
// conflicts) are grouped by conflicts, the others pooled by profile
// (random conflicts), except pools smaller than twice the average load,
// which the few jurors wanting that profile tend to take whole and which
// then rarely split: those are grouped by conflicts from the start. After
// each solve every group's flow is split by a b-matching (greedy, then
// augmenting paths, so it fails only when no split exists); a group that
// does not split is divided one level further and the network solved
// again. Identical members always split, so this ends, and at the end the
// relaxation's optimum is met by a real assignment: it is optimal.
//
// Network simplex. The aggregated network (about 2 500 group nodes, 500
// jurors, 1.3 to 1.5 million arcs at full scale) is solved by a primal
// network simplex with a strongly feasible tree (Cunningham's rule, no
// cycling) and candidate-list pricing. It starts warm: every bonus arc
// full (the previous pairs), each juror with its first load units in use
// (its previous load, or ⌊F/J⌋ − 1), the imbalance carried by an
// artificial root; the simplex then moves flow by blocks instead of one
// unit per pivot (measured at full scale: 2.7 million pivots and 54 s from
// an empty flow, 40 000 to 110 000 pivots and under 2 s this way; a re-run
// after a change went from 390 000 pivots to 47 000 with the previous
// pairs in place). Jurors get load levels up to a little above the
// average; a juror whose levels are all used while the next one would pay
// gets more, and the network is solved again.
//
// # Certificate
//
// The potentials of the final simplex tree (a group's potential is each
// member's) are an optimal dual solution: Result.Certificate. Verify
// recomputes everything from the Problem with its own code and checks
// complementary slackness on every arc of the flow network above: each
// free pair (36 359 × 500 at full scale), each candidature's missing
// evaluations, each juror's last used and next load unit. That proves the
// objective is the optimum, whatever the solver did.
//
// Greedy is the baseline (candidatures in order, least loaded free jurors
// first); the benchmarks report its objective and preferences beside the
// optimum.
package assign
