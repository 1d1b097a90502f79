package jury

import (
	"cmp"
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury/aggregate"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// rankedStates are the states of the candidatures the ranking lists.
func rankedStates() []string {
	return []string{domain.Recevable, domain.EnInstruction, domain.ComplementDemande, domain.Evaluee, domain.Deliberee, domain.Publiee}
}

// campaignAggregate is the aggregation of a whole campaign: the
// normalisation needs every juror's evaluations.
type campaignAggregate struct {
	Campaign *domain.Campaign
	Grid     *questionnaire.Grid
	In       aggregate.Input
	Results  []aggregate.Result
	Rows     []store.RankedCandidature // in the order of Results
	index    map[int64]int
}

func (s *Service) aggregateCampaign(ctx context.Context, cp *domain.Campaign) (*campaignAggregate, error) {
	q, g, err := s.grid(cp)
	if err != nil {
		return nil, err
	}
	if err := s.scoreMissing(ctx, cp, q); err != nil {
		return nil, err
	}
	// The three reads run at once, on three connections: at full scale
	// the ranking waits mostly for the database (measured: 1.6 s one
	// after the other).
	var (
		rows    []store.RankedCandidature
		figures []store.EvaluationFigures
		scores  map[int64]store.CandidatureScore
		errs    [3]error
		wg      sync.WaitGroup
	)
	wg.Add(3)
	go func() { defer wg.Done(); rows, errs[0] = s.store.RankedCandidatures(ctx, cp.ID, rankedStates()) }()
	go func() { defer wg.Done(); figures, errs[1] = s.store.SubmittedEvaluations(ctx, cp.ID) }()
	go func() { defer wg.Done(); scores, errs[2] = s.store.CandidatureScores(ctx, cp.ID) }()
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	a := &campaignAggregate{Campaign: cp, Grid: g, Rows: rows, index: make(map[int64]int, len(rows))}
	for _, th := range g.Themes {
		a.In.Themes = append(a.In.Themes, aggregate.Theme{Key: th.Theme, Label: th.Label, Min: float64(th.Min()), Max: float64(th.Max())})
	}
	a.In.Overall = aggregate.Theme{Key: "global", Label: "Note globale", Min: float64(g.Min()), Max: float64(g.Max())}
	for _, l := range cp.AwardScheme.Levels {
		a.In.Levels = append(a.In.Levels, aggregate.Level{Value: l.Value, Label: l.Label})
	}
	a.In.Candidatures = make([]aggregate.Candidature, len(rows))
	for i, r := range rows {
		a.index[r.ID] = i
		c := aggregate.Candidature{ID: r.ID}
		if sc, ok := scores[r.ID]; ok {
			c.Automatic = aggregate.Automatic{Known: true, Total: sc.Total, Max: sc.Max, Level: sc.Level}
		}
		a.In.Candidatures[i] = c
	}
	for _, f := range figures {
		i, ok := a.index[f.CandidatureID]
		if !ok {
			continue
		}
		level := 0
		if f.Level != nil {
			level = *f.Level
		}
		a.In.Candidatures[i].Evaluations = append(a.In.Candidatures[i].Evaluations, aggregate.Evaluation{Juror: f.UserID,
			Themes: evallc.ParseThemeScores(f.ThemeScores), Overall: f.Overall, Level: level, Confidence: f.Confidence})
	}
	a.Results = aggregate.Compute(a.In)
	return a, nil
}

// scoreMissing computes and stores the automatic score of the campaign's
// candidatures deposited before scores were kept.
func (s *Service) scoreMissing(ctx context.Context, cp *domain.Campaign, q *questionnaire.Questionnaire) error {
	ids, err := s.store.UnscoredCandidatures(ctx, cp.ID, rankedStates())
	if err != nil || len(ids) == 0 {
		return err
	}
	var scores []store.CandidatureScore
	for _, id := range ids {
		c, err := s.store.Candidature(ctx, id)
		if err != nil {
			return err
		}
		coll, err := s.store.Collectivite(ctx, c.CollectiviteID)
		if err != nil {
			return err
		}
		answers, err := s.answers(ctx, id)
		if err != nil {
			return err
		}
		scores = append(scores, candlc.ScoreOf(q, q.Prune(answers), coll, id))
	}
	return s.store.PutCandidatureScores(ctx, scores...)
}

// RankingOptions sort and filter the ranking.
type RankingOptions struct {
	// Sort: "niveau" (suggested level, the default), "note" (median
	// overall score), "normalisee" (its normalised median), "ecart"
	// (spread of the levels proposed), "auto" (automatic score),
	// "nom" (collectivité), "reference".
	Sort string
	Asc  bool
	// Kind keeps one kind of collectivité; Disagreement the candidatures
	// whose jurors disagree; Missing those whose evaluations are not all
	// submitted; State one state.
	Kind         string
	Disagreement bool
	Missing      bool
	State        string
}

// RankingRow is one candidature of the ranking.
type RankingRow struct {
	// ID is the candidature's (the aggregate's ID is the same).
	ID int64
	store.RankedCandidature
	aggregate.Result
	Assigned int
}

// Ranking is a campaign's ranking, sorted and filtered.
type Ranking struct {
	Campaign *domain.Campaign
	Grid     *questionnaire.Grid
	Rows     []RankingRow
	Total    int // before filtering
	In       aggregate.Input
}

// Ranking aggregates a campaign and ranks its candidatures, for staff and
// the jury's president (rels are the person's relations to the campaign).
// The candidatures the person is in conflict of interest with are left
// out, but for staff: a conflicted juror never sees their deliberation line.
func (s *Service) Ranking(ctx context.Context, cp *domain.Campaign, rels policy.Set, facts policy.Facts, who policy.Principal, opt RankingOptions) (*Ranking, error) {
	if err := s.policy.Decide(policy.JuryRanking, rels, facts); err != nil {
		// Those who read the deliberation read the aggregates it shows.
		if s.policy.Decide(policy.DeliberationRead, rels, facts) != nil {
			return nil, err
		}
	}
	hidden := map[int64]bool{}
	if !rels.Has(policy.Staff) && who.UserID != 0 {
		conflicts, err := s.store.Conflicts(ctx, store.ConflictFilter{CampaignID: cp.ID, UserID: who.UserID})
		if err != nil {
			return nil, err
		}
		for _, c := range conflicts {
			hidden[c.CandidatureID] = true
		}
	}
	a, err := s.aggregateCampaign(ctx, cp)
	if err != nil {
		return nil, err
	}
	counts, err := s.store.EvaluationCounts(ctx, cp.ID)
	if err != nil {
		return nil, err
	}
	rk := &Ranking{Campaign: cp, Grid: a.Grid, Total: len(a.Rows) - len(hidden), In: a.In}
	var keep []int
	for i, row := range a.Rows {
		r := &a.Results[i]
		switch {
		case hidden[row.ID],
			opt.Kind != "" && string(row.CollectiviteKind) != opt.Kind,
			opt.Disagreement && !r.Disagreement,
			opt.Missing && r.Overall.N >= counts[row.ID] && counts[row.ID] > 0,
			opt.State != "" && row.State != opt.State:
			continue
		}
		keep = append(keep, i)
	}
	// The indices are sorted, then the rows built in that order: a row is
	// a few hundred bytes, and moving 36 359 of them while sorting cost
	// half a second.
	sortRanking(keep, a, opt)
	rk.Rows = make([]RankingRow, len(keep))
	for k, i := range keep {
		rk.Rows[k] = RankingRow{ID: a.Rows[i].ID, RankedCandidature: a.Rows[i], Result: a.Results[i], Assigned: counts[a.Rows[i].ID]}
	}
	return rk, nil
}

func sortRanking(idx []int, a *campaignAggregate, opt RankingOptions) {
	key := func(r *aggregate.Result) float64 {
		switch opt.Sort {
		case "note":
			return orMinus(r.Overall.N, r.Overall.Median)
		case "normalisee":
			return orMinus(r.Overall.N, r.Overall.NormMedian)
		case "ecart":
			return orMinus(r.Levels.N, r.Levels.Spread)
		case "auto":
			if !r.Automatic.Known {
				return -1
			}
			return r.Automatic.Total
		}
		return float64(r.Suggested)
	}
	slices.SortFunc(idx, func(i, j int) int {
		ra, rb := &a.Results[i], &a.Results[j]
		ca, cb := &a.Rows[i], &a.Rows[j]
		var c int
		switch opt.Sort {
		case "nom":
			c = cmp.Compare(ca.CollectiviteName, cb.CollectiviteName)
		case "reference":
			c = cmp.Compare(ca.Reference, cb.Reference)
		default:
			c = -cmp.Compare(key(ra), key(rb)) // highest first
			if c == 0 {
				c = -cmp.Compare(orMinus(ra.Overall.N, ra.Overall.NormMedian), orMinus(rb.Overall.N, rb.Overall.NormMedian))
			}
		}
		if opt.Asc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(ca.Reference, cb.Reference))
	})
}

func orMinus(n int, v float64) float64 {
	if n == 0 || math.IsNaN(v) {
		return -1
	}
	return v
}

// CandidatureJury is what a candidature's page shows of the jury's work to
// a reviewer: their own evaluation, the others' when visible, the
// aggregate, and for staff every assignment and conflict.
type CandidatureJury struct {
	Grid          *questionnaire.Grid
	Settings      domain.JurySettings
	Own           *domain.Evaluation
	OthersVisible bool
	Evaluations   []store.EvaluationRow // submitted ones the person sees, their own aside
	Aggregate     *aggregate.Result
	Explanation   string
	In            aggregate.Input
	// Staff only: every assignment with its state, and the conflicts.
	Assignments []store.EvaluationRow
	Conflicts   []store.Conflict
	Staff       bool
	// Remarks kept for the collectivité (shown to it once published).
	Remarks []string
}

// CandidatureJury returns the jury's work on a candidature as the person
// may see it (rels and facts: their relations to the candidature). The
// collectivité sees only the remarks the jury kept, once the result is
// published; a conflicted juror nothing.
func (s *Service) CandidatureJury(ctx context.Context, c *domain.Candidature, rels policy.Set, facts policy.Facts, who policy.Principal) (*CandidatureJury, error) {
	cp, err := s.store.Campaign(ctx, c.CampaignID)
	if err != nil {
		return nil, err
	}
	out := &CandidatureJury{}
	rows, err := s.store.EvaluationsOfCandidature(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if !policy.Reviewer(rels) {
		if c.State == domain.Publiee {
			for _, r := range rows {
				if r.RemarkKept && strings.TrimSpace(r.Remark) != "" {
					out.Remarks = append(out.Remarks, r.Remark)
				}
			}
		}
		return out, nil
	}
	if err := s.policy.Decide(policy.CandidatureEvaluations, rels, facts); err != nil {
		return nil, err
	}
	q, err := s.questionnaire(cp)
	if err != nil {
		return nil, err
	}
	out.Grid = q.Grid
	if out.Settings, err = s.store.JurySettings(ctx, cp.ID); err != nil {
		return nil, err
	}
	out.Staff = rels.Has(policy.Staff)
	for i := range rows {
		if rows[i].UserID == who.UserID {
			e := rows[i].Evaluation
			out.Own = &e
		}
	}
	out.OthersVisible = policy.OthersEvaluationsVisible(rels, out.Settings.Visibility, out.Own != nil && out.Own.State == domain.EvalRemise)
	if out.OthersVisible {
		for _, r := range rows {
			if r.State == domain.EvalRemise && r.UserID != who.UserID {
				out.Evaluations = append(out.Evaluations, r)
			}
		}
		if q.Grid != nil {
			a, err := s.aggregateCampaign(ctx, cp)
			if err != nil {
				return nil, err
			}
			if i, ok := a.index[c.ID]; ok {
				out.Aggregate, out.In = &a.Results[i], a.In
				out.Explanation = a.Results[i].Explain(a.In)
			}
		}
	}
	if out.Staff {
		out.Assignments = rows
		if out.Conflicts, err = s.store.Conflicts(ctx, store.ConflictFilter{CampaignID: cp.ID, CandidatureID: c.ID}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// KeepRemark records whether the jury keeps an evaluation's remark for the
// collectivité (president or staff; rels and facts: their relations to
// the evaluation).
func (s *Service) KeepRemark(ctx context.Context, evaluationID int64, keep bool, rels policy.Set, facts policy.Facts, who policy.Principal) error {
	if err := s.policy.Decide(policy.EvaluationKeepRemark, rels, facts); err != nil {
		return err
	}
	e, err := s.store.Evaluation(ctx, evaluationID)
	if err != nil {
		return err
	}
	if err := s.store.SetRemarkKept(ctx, evaluationID, keep); err != nil {
		return err
	}
	rel := policy.President
	if rels.Has(policy.Staff) {
		rel = policy.Staff
	}
	comment := "Remarque gardée pour la collectivité"
	if !keep {
		comment = "Remarque écartée"
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		return s.engine.Record(ctx, tx, evallc.Name, evaluationID, evallc.RecordKeep, e.State, who, rel, comment)
	})
}
