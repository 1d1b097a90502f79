package jury

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury/assign"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// AssignableStates are the states of the candidatures the jury evaluates:
// declared recevable and not evaluated yet.
func AssignableStates() []string {
	return []string{domain.Recevable, domain.EnInstruction, domain.ComplementDemande}
}

// closedStates are the states whose assignments are dropped: the
// candidature will not be evaluated.
func closedStates() []string {
	return []string{domain.Irrecevable, domain.Retiree}
}

// Preference costs of a (juror, candidature) pair, summed over the
// dimensions (région, kind of collectivité, leading theme): a wanted
// dimension lowers the cost, an avoided one raises it more.
const (
	costWanted  = -1
	costAvoided = 3
)

// AssignRequest asks for an automatic assignment run.
type AssignRequest struct {
	CampaignID int64
	// PerCandidature is k, the evaluations per candidature (0: the
	// campaign's setting).
	PerCandidature int
	// Seed orders the candidatures and the jurors before solving, which
	// decides between assignments of equal cost; the same seed on the same
	// data gives the same assignment.
	Seed uint64
}

// Unfilled is a candidature that got fewer than k jurors.
type Unfilled struct {
	CandidatureID int64
	Reference     string
	Eligible      int // jurors free of conflict with it
	Assigned      int
	Reason        string // in French
}

// JurorLoad is one juror's load after a run.
type JurorLoad struct {
	UserID            int64
	Email, Name, Seat string
	Load, Max         int
	Started           int // evaluations begun or submitted, kept as they are
	Charter           bool
}

// Run is the result of an assignment run.
type Run struct {
	ID             int64
	Candidatures   int
	Jurors         int
	PerCandidature int
	Seed           uint64
	// Assigned is the number of (candidature, juror) pairs after the run,
	// Added and Moved those it created and removed; Moved counts every
	// previous assignment not kept (moved to another juror, or dropped
	// because its juror left, a conflict was declared or the candidature
	// was withdrawn).
	Assigned, Added, Moved int
	// Started counts the assignments kept as they are because their
	// evaluation is begun or submitted.
	Started          int
	Unfilled         []Unfilled
	LoadMin, LoadMax int
	Conflicts        int // conflicted pairs excluded
	Objective        int64
	Verified         bool // the optimality certificate was checked (assign.Verify)
	Seconds          float64
	SolveSeconds     float64
	Loads            []JurorLoad
	At               time.Time
}

// Assign runs the automatic assignment of a campaign's jury (staff): each
// recevable candidature not evaluated yet gets k evaluations from jurors
// free of conflict with it, loads balanced, preferences counted, previous
// assignments kept unless moving one is needed (internal/jury/assign
// solves it exactly and certifies the optimum). Evaluations already begun
// or submitted stay as they are and count in the loads reported; the
// solver balances the assignments it may change (it has no fixed loads),
// so after evaluations have begun the loads are within one of each other
// on those, not always on the totals. The changes, the
// run's parameters and figures are written in one transaction, with the
// record of the run and an audit row on the campaign.
func (s *Service) Assign(ctx context.Context, req AssignRequest, who policy.Principal) (*Run, error) {
	t0 := time.Now()
	if err := s.decide(policy.JuryManage, who); err != nil {
		return nil, err
	}
	cp, err := s.store.Campaign(ctx, req.CampaignID)
	if err != nil {
		return nil, err
	}
	settings, err := s.store.JurySettings(ctx, cp.ID)
	if err != nil {
		return nil, err
	}
	k := req.PerCandidature
	if k == 0 {
		k = settings.PerCandidature
	}
	if k < 1 || k > 20 {
		return nil, domain.Errorf(domain.EInvalid, "Le nombre d’évaluations par candidature va de 1 à 20.")
	}
	phase := time.Now()
	lap := func(name string) {
		s.logger.Debug("jury: assignment phase", "phase", name, "seconds", time.Since(phase).Seconds())
		phase = time.Now()
	}
	zones, err := s.refreshZones(ctx, cp.ID)
	if err != nil {
		return nil, err
	}
	lap("zones")
	in, err := s.loadProblem(ctx, cp.ID, k, zones)
	if err != nil {
		return nil, err
	}
	lap("load")
	in.shuffle(req.Seed)
	ts := time.Now()
	res, err := assign.Solve(ctx, &in.p)
	if err != nil {
		return nil, fmt.Errorf("affectation : %w", err)
	}
	solve := time.Since(ts).Seconds()
	if err := assign.Verify(&in.p, res, true); err != nil {
		return nil, fmt.Errorf("affectation : %w", err)
	}
	lap("solve and verify")
	run := in.run(res, k, req.Seed)
	run.SolveSeconds, run.Verified = solve, true
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteAssignmentPairs(ctx, in.remove); err != nil {
			return err
		}
		if err := tx.AddAssignments(ctx, cp.ID, in.add); err != nil {
			return err
		}
		run.Seconds = time.Since(t0).Seconds()
		rec, err := in.record(run, who)
		if err != nil {
			return err
		}
		rec.CampaignID = cp.ID
		if err := tx.AddJuryRun(ctx, rec); err != nil {
			return err
		}
		run.ID, run.At = rec.ID, rec.CreatedAt
		rel := policy.Staff
		if who.System {
			rel = policy.System
		}
		return s.engine.Record(ctx, tx, camplc.Name, cp.ID, camplc.RecordJury, cp.State, who, rel, run.Summary())
	})
	if err != nil {
		return nil, err
	}
	lap("write")
	run.Seconds = time.Since(t0).Seconds()
	s.logger.Info("jury: assignment run", "year", cp.Year, "candidatures", run.Candidatures, "jurors", run.Jurors, "assigned", run.Assigned,
		"moved", run.Moved, "unfilled", len(run.Unfilled), "seconds", run.Seconds)
	return run, nil
}

// Summary says what a run did, in French, for the audit trail.
func (r *Run) Summary() string {
	return fmt.Sprintf("Affectation n° %d : %s, %s, %s par candidature, graine %d ; %s au total (%s, %s, %s), charges de %d à %d, %s exclues pour conflit, %s, objectif %d.",
		r.ID, fr.Count(r.Candidatures, "candidature", "candidatures"), fr.Count(r.Jurors, "juré", "jurés"), fr.Count(r.PerCandidature, "évaluation", "évaluations"), r.Seed,
		fr.Count(r.Assigned, "affectation", "affectations"), fr.Count(r.Added, "ajoutée", "ajoutées"), fr.Count(r.Moved, "retirée", "retirées"),
		fr.Count(r.Started, "commencée gardée", "commencées gardées"), r.LoadMin, r.LoadMax,
		fr.Count(r.Conflicts, "paire", "paires"), fr.Count(len(r.Unfilled), "candidature incomplète", "candidatures incomplètes"), r.Objective)
}

// problem is a run's instance with what maps it back to the store.
type problem struct {
	p      assign.Problem
	cands  map[int64]store.AssignableCandidature
	jurors map[int64]store.JuryMember
	// fixed[c] are the jurors whose evaluation of c is begun or submitted.
	fixed     map[int64][]int64
	fixedLoad map[int64]int
	previous  map[[2]int64]bool
	conflicts int
	// stale are assignments dropped before solving (candidature closed,
	// juror gone, conflict); add and remove are the run's changes.
	stale       [][2]int64
	add, remove [][2]int64
}

func (s *Service) loadProblem(ctx context.Context, campaignID int64, k int, zones map[int64][]int64) (*problem, error) {
	cands, err := s.store.AssignableCandidatures(ctx, campaignID, AssignableStates())
	if err != nil {
		return nil, err
	}
	closed, err := s.store.AssignableCandidatures(ctx, campaignID, closedStates())
	if err != nil {
		return nil, err
	}
	members, err := s.store.JuryMembers(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.CampaignAssignments(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	conflictPairs, err := s.store.ConflictPairs(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	in := &problem{cands: make(map[int64]store.AssignableCandidature, len(cands)), jurors: map[int64]store.JuryMember{},
		fixed: map[int64][]int64{}, fixedLoad: map[int64]int{}, previous: map[[2]int64]bool{}}
	for _, c := range cands {
		in.cands[c.ID] = c
	}
	isClosed := map[int64]bool{}
	for _, c := range closed {
		isClosed[c.ID] = true
	}
	for _, m := range members {
		in.jurors[m.UserID] = m
	}
	conflicted := make(map[[2]int64]bool, len(conflictPairs))
	for _, pair := range conflictPairs {
		conflicted[pair] = true
	}
	// The zones' conflicts, in memory: the collectivités of the zones, the
	// jurors holding each.
	holders := map[int64][]int64{}
	for uid, zone := range zones {
		if _, seated := in.jurors[uid]; !seated {
			continue
		}
		for _, coll := range zone {
			holders[coll] = append(holders[coll], uid)
		}
	}
	for _, list := range [][]store.AssignableCandidature{cands, closed} {
		for _, c := range list {
			for _, uid := range holders[c.CollectiviteID] {
				conflicted[[2]int64{c.ID, uid}] = true
			}
		}
	}
	for _, r := range rows {
		pair := [2]int64{r.CandidatureID, r.UserID}
		_, open := in.cands[r.CandidatureID]
		_, seated := in.jurors[r.UserID]
		switch {
		case r.State == domain.EvalRemise || (r.State == domain.EvalEnCours && open && seated && !conflicted[pair]):
			// Begun or submitted: kept as it is, and counted.
			if open {
				in.fixed[r.CandidatureID] = append(in.fixed[r.CandidatureID], r.UserID)
				in.fixedLoad[r.UserID]++
			}
		case isClosed[r.CandidatureID] || !seated || conflicted[pair]:
			in.stale = append(in.stale, pair)
		case open:
			in.previous[pair] = true
		}
	}
	// Profiles: (région, kind, leading theme) of the candidatures.
	type profile struct{ region, kind, theme string }
	profiles := map[profile]int{}
	var plist []profile
	for _, c := range cands {
		pr := profile{c.RegionCode, string(c.CollectiviteKind), c.LeadTheme}
		idx, ok := profiles[pr]
		if !ok {
			idx = len(plist)
			profiles[pr] = idx
			plist = append(plist, pr)
		}
		need := k - len(in.fixed[c.ID])
		in.p.Candidatures = append(in.p.Candidatures, assign.Candidature{ID: c.ID, Need: max(need, 0), Profile: idx})
	}
	for _, m := range members {
		limit := 0
		if m.MaxLoad > 0 {
			limit = m.MaxLoad - in.fixedLoad[m.UserID]
			if limit <= 0 {
				continue // full with the evaluations it has begun
			}
		}
		in.p.Jurors = append(in.p.Jurors, assign.Juror{ID: m.UserID, Max: limit})
		row := make([]int64, len(plist))
		prefs := m.Preferences
		for q, pr := range plist {
			row[q] = preferenceCost(prefs.WantRegions, prefs.AvoidRegions, pr.region) +
				preferenceCost(prefs.WantKinds, prefs.AvoidKinds, pr.kind) + preferenceCost(prefs.WantThemes, prefs.AvoidThemes, pr.theme)
		}
		in.p.ProfileCost = append(in.p.ProfileCost, row)
	}
	inProblem := map[int64]bool{}
	for _, j := range in.p.Jurors {
		inProblem[j.ID] = true
	}
	for pair := range conflicted {
		if _, ok := in.cands[pair[0]]; ok && inProblem[pair[1]] {
			in.p.Conflicts = append(in.p.Conflicts, assign.Pair{Candidature: pair[0], Juror: pair[1]})
			in.conflicts++
		}
	}
	// A juror whose evaluation is begun does not take the candidature a
	// second time: excluded like a conflict, but not counted as one.
	for c, js := range in.fixed {
		for _, j := range js {
			if inProblem[j] && !conflicted[[2]int64{c, j}] {
				in.p.Conflicts = append(in.p.Conflicts, assign.Pair{Candidature: c, Juror: j})
			}
		}
	}
	for pair := range in.previous {
		in.p.Previous = append(in.p.Previous, assign.Pair{Candidature: pair[0], Juror: pair[1]})
	}
	slices.SortFunc(in.p.Conflicts, comparePairs)
	slices.SortFunc(in.p.Previous, comparePairs)
	return in, nil
}

func comparePairs(a, b assign.Pair) int {
	return cmp.Or(cmp.Compare(a.Candidature, b.Candidature), cmp.Compare(a.Juror, b.Juror))
}

func preferenceCost(want, avoid []string, v string) int64 {
	switch {
	case v == "":
		return 0
	case slices.Contains(avoid, v):
		return costAvoided
	case slices.Contains(want, v):
		return costWanted
	}
	return 0
}

// shuffle orders the candidatures and the jurors by the seed.
func (in *problem) shuffle(seed uint64) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	rng.Shuffle(len(in.p.Candidatures), func(i, j int) {
		in.p.Candidatures[i], in.p.Candidatures[j] = in.p.Candidatures[j], in.p.Candidatures[i]
	})
	rng.Shuffle(len(in.p.Jurors), func(i, j int) {
		in.p.Jurors[i], in.p.Jurors[j] = in.p.Jurors[j], in.p.Jurors[i]
		in.p.ProfileCost[i], in.p.ProfileCost[j] = in.p.ProfileCost[j], in.p.ProfileCost[i]
	})
}

// run computes the run's changes and figures from the solver's result.
func (in *problem) run(res *assign.Result, k int, seed uint64) *Run {
	r := &Run{Candidatures: len(in.p.Candidatures), Jurors: len(in.jurors), PerCandidature: k, Seed: seed,
		Conflicts: in.conflicts, Objective: res.Objective}
	next := make(map[[2]int64]bool, len(res.Pairs))
	for _, p := range res.Pairs {
		pair := [2]int64{p.Candidature, p.Juror}
		next[pair] = true
		if !in.previous[pair] {
			in.add = append(in.add, pair)
		}
	}
	for pair := range in.previous {
		if !next[pair] {
			in.remove = append(in.remove, pair)
		}
	}
	in.remove = append(in.remove, in.stale...)
	slices.SortFunc(in.add, func(a, b [2]int64) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	slices.SortFunc(in.remove, func(a, b [2]int64) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	for _, js := range in.fixed {
		r.Started += len(js)
	}
	r.Added, r.Moved = len(in.add), len(in.remove)
	r.Assigned = len(res.Pairs) + r.Started
	loads := map[int64]int{}
	for _, p := range res.Pairs {
		loads[p.Juror]++
	}
	first := true
	for uid, m := range in.jurors {
		l := loads[uid] + in.fixedLoad[uid]
		r.Loads = append(r.Loads, JurorLoad{UserID: uid, Email: m.Email, Name: m.Name, Seat: m.Seat, Load: l, Max: m.MaxLoad,
			Started: in.fixedLoad[uid], Charter: m.CharterAcceptedAt != nil})
		if first || l < r.LoadMin {
			r.LoadMin = l
		}
		if first || l > r.LoadMax {
			r.LoadMax = l
		}
		first = false
	}
	slices.SortFunc(r.Loads, func(a, b JurorLoad) int { return cmp.Compare(a.Email, b.Email) })
	for _, u := range res.Unfilled {
		c := in.cands[u.Candidature]
		fixed := len(in.fixed[u.Candidature])
		r.Unfilled = append(r.Unfilled, Unfilled{CandidatureID: c.ID, Reference: c.Reference, Eligible: u.Eligible + fixed,
			Assigned: u.Assigned + fixed, Reason: u.Reason.String()})
	}
	slices.SortFunc(r.Unfilled, func(a, b Unfilled) int { return cmp.Compare(a.Reference, b.Reference) })
	return r
}

// record is the stored record of a run: parameters, figures and changes.
func (in *problem) record(r *Run, who policy.Principal) (*store.JuryRun, error) {
	params, err := json.Marshal(map[string]any{"per_candidature": r.PerCandidature, "seed": r.Seed,
		"preference_costs": map[string]int{"wanted": costWanted, "avoided": costAvoided}})
	if err != nil {
		return nil, err
	}
	unfilled := make([]map[string]any, len(r.Unfilled))
	for i, u := range r.Unfilled {
		unfilled[i] = map[string]any{"reference": u.Reference, "eligible": u.Eligible, "assigned": u.Assigned, "reason": u.Reason}
	}
	figures, err := json.Marshal(map[string]any{"candidatures": r.Candidatures, "jurors": r.Jurors, "assigned": r.Assigned,
		"added": r.Added, "moved": r.Moved, "started": r.Started, "load_min": r.LoadMin, "load_max": r.LoadMax,
		"conflicts": r.Conflicts, "objective": r.Objective, "verified": r.Verified, "solve_seconds": r.SolveSeconds,
		"seconds": r.Seconds, "unfilled": unfilled})
	if err != nil {
		return nil, err
	}
	changes, err := json.Marshal(map[string][][2]int64{"added": nonNil(in.add), "removed": nonNil(in.remove)})
	if err != nil {
		return nil, err
	}
	return &store.JuryRun{Parameters: string(params), Figures: string(figures), Changes: string(changes), ActorLabel: who.Label()}, nil
}

func nonNil(pairs [][2]int64) [][2]int64 {
	if pairs == nil {
		return [][2]int64{}
	}
	return pairs
}
