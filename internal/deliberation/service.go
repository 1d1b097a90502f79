// Package deliberation is the jury's deliberation on a campaign: the table
// of the evaluated candidatures with the jury's aggregates, the suggested
// level, last year's result and the trend; and the decisions, one by one
// (each candidature's « deliberer » event) or in bulk on a selection, in
// one transaction.
package deliberation

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Service answers the deliberation's questions.
type Service struct {
	store  *store.Store
	engine *workflow.Engine
	jury   *jury.Service
}

// New returns the service.
func New(st *store.Store, engine *workflow.Engine, j *jury.Service) *Service {
	return &Service{store: st, engine: engine, jury: j}
}

// States are the states of the candidatures the deliberation lists: the
// evaluated ones, decided or not, and once published.
func States() []string { return []string{domain.Evaluee, domain.Deliberee, domain.Publiee} }

// Trends of a collectivité's result against its previous one.
const (
	TrendNew       = "nouvelle"   // never in the palmarès before
	TrendSame      = "maintenue"  // the same level as its last result
	TrendUp        = "en hausse"  // higher
	TrendDown      = "en baisse"  // lower
	TrendBack      = "de retour"  // a laureate again after a gap or a year without label
	TrendUnknown   = "à comparer" // the previous level was not published
	TrendNoneAgain = "sans label" // no label this year either
)

// Row is one candidature of the table.
type Row struct {
	store.DecisionRow
	// The jury's aggregate (Evaluations counts the submitted ones).
	Evaluations  int
	Median       float64
	NormMedian   float64
	Disagreement bool
	Suggested    int
	// SuggestedLabel names the suggested level, « Pas de label » for 0.
	SuggestedLabel string
	// DecisionLabel names the decision recorded, "" while none.
	DecisionLabel string
	// Previous is the collectivité's latest result before this campaign.
	Previous *domain.PalmaresEntry
	// Trend compares the decision (or, before it, the suggestion) with
	// Previous.
	Trend string
}

// Filter selects and orders the table's rows.
type Filter struct {
	// State: "a_decider" (evaluated, no decision), "decidees", or "" (all).
	State string
	Kind  string // a domain.CollectiviteKind, or ""
	// Decision: a level's value, "0" (pas de label), or "" (any).
	Decision string
	// Disagreement keeps the candidatures whose jurors disagree.
	Disagreement bool
	// Search in the collectivité's name or the reference.
	Search string
	// Sort: "suggere" (default), "note", "nom", "precedent", "decision".
	Sort string
	Asc  bool
}

// Table is the deliberation of a campaign as a person sees it.
type Table struct {
	Campaign *domain.Campaign
	Rows     []Row
	Total    int // before filtering
	Decided  int // decisions recorded among all rows
	// CanDecide: the person may record decisions (staff, the president);
	// jury members read.
	CanDecide bool
}

// Table reads the deliberation of a campaign (rels and facts: the
// person's relations to the campaign). The candidatures the person is in
// conflict of interest with are left out, but for staff.
func (s *Service) Table(ctx context.Context, cp *domain.Campaign, rels policy.Set, facts policy.Facts, who policy.Principal, f Filter) (*Table, error) {
	pol := s.engine.Policy()
	if err := pol.Decide(policy.DeliberationRead, rels, facts); err != nil {
		return nil, err
	}
	rk, err := s.jury.Ranking(ctx, cp, rels, facts, who, jury.RankingOptions{})
	if err != nil {
		return nil, err
	}
	rows, err := s.store.DecisionRows(ctx, cp.ID, States())
	if err != nil {
		return nil, err
	}
	ranked := make(map[int64]*jury.RankingRow, len(rk.Rows))
	for i := range rk.Rows {
		ranked[rk.Rows[i].ID] = &rk.Rows[i]
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.CollectiviteID)
	}
	prev, err := s.store.PreviousResults(ctx, cp.Year, ids)
	if err != nil {
		return nil, err
	}
	schemes := schemeCache{store: s.store, byYear: map[int]domain.AwardScheme{cp.Year: cp.AwardScheme}}
	t := &Table{Campaign: cp, CanDecide: pol.Allows(policy.DeliberationDecide, rels, facts)}
	for _, dr := range rows {
		rr, ok := ranked[dr.ID]
		if !ok {
			continue // a conflict hides it
		}
		row := Row{DecisionRow: dr, Evaluations: rr.Overall.N, Median: rr.Overall.Median, NormMedian: rr.Overall.NormMedian,
			Disagreement: rr.Disagreement, Suggested: rr.Suggested}
		row.SuggestedLabel = levelLabel(cp.AwardScheme, rr.Suggested)
		if dr.Decided() {
			row.DecisionLabel = levelLabel(cp.AwardScheme, *dr.Level)
			t.Decided++
		}
		if p, ok := prev[dr.CollectiviteID]; ok {
			row.Previous = &p
		}
		current := rr.Suggested
		if dr.Decided() {
			current = *dr.Level
		}
		row.Trend = trend(ctx, &schemes, cp, current, row.Previous)
		t.Total++
		if keep(row, f) {
			t.Rows = append(t.Rows, row)
		}
	}
	sortRows(t.Rows, f)
	return t, nil
}

func levelLabel(scheme domain.AwardScheme, v int) string {
	if v <= 0 {
		return "Pas de label"
	}
	return scheme.LevelLabel(&v)
}

func keep(r Row, f Filter) bool {
	switch {
	case f.State == "a_decider" && r.Decided(), f.State == "decidees" && !r.Decided():
		return false
	case f.Kind != "" && string(r.CollectiviteKind) != f.Kind:
		return false
	case f.Decision != "" && (!r.Decided() || strconv.Itoa(*r.Level) != f.Decision):
		return false
	case f.Disagreement && !r.Disagreement:
		return false
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		hay := domain.SearchKey(r.CollectiviteName + " " + r.Reference)
		if !strings.Contains(hay, domain.SearchKey(q)) {
			return false
		}
	}
	return true
}

func sortRows(rows []Row, f Filter) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		var c int
		switch f.Sort {
		case "note":
			c = -cmp.Compare(a.NormMedian, b.NormMedian)
		case "nom":
			c = cmp.Compare(domain.SearchKey(a.CollectiviteName), domain.SearchKey(b.CollectiviteName))
		case "precedent":
			c = -cmp.Compare(prevValue(a), prevValue(b))
		case "decision":
			c = -cmp.Compare(decisionValue(a), decisionValue(b))
		default:
			c = -cmp.Compare(a.Suggested, b.Suggested)
			if c == 0 {
				c = -cmp.Compare(a.NormMedian, b.NormMedian)
			}
		}
		if f.Asc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.Reference, b.Reference))
	})
}

func prevValue(r Row) int {
	if r.Previous == nil || r.Previous.Level == nil {
		return -1
	}
	return *r.Previous.Level
}

func decisionValue(r Row) int {
	if !r.Decided() {
		return -1
	}
	return *r.Level
}

// schemeCache reads the award scheme of past editions once each.
type schemeCache struct {
	store  *store.Store
	byYear map[int]domain.AwardScheme
}

func (c *schemeCache) scheme(ctx context.Context, year int) domain.AwardScheme {
	if s, ok := c.byYear[year]; ok {
		return s
	}
	s := domain.DefaultAwardScheme()
	if year >= 2025 {
		s = domain.Scheme2025()
	}
	if cp, err := c.store.CampaignByYear(ctx, year); err == nil {
		s = cp.AwardScheme
	}
	c.byYear[year] = s
	return s
}

// trend compares a level of the campaign with the collectivité's previous
// result. Levels of different schemes compare by their place in their
// scheme (Or in 2025, the top of four, is above level 3 of five in 2024):
// the level's value over the scheme's highest value.
func trend(ctx context.Context, schemes *schemeCache, cp *domain.Campaign, level int, prev *domain.PalmaresEntry) string {
	switch {
	case prev == nil && level > 0:
		return TrendNew
	case prev == nil:
		return ""
	case level <= 0 && !prev.Awarded:
		return TrendNoneAgain
	case level <= 0:
		return TrendDown
	case !prev.Awarded || prev.Year < cp.Year-1:
		return TrendBack
	case prev.Level == nil:
		return TrendUnknown
	}
	before := float64(*prev.Level) / float64(max(1, schemes.scheme(ctx, prev.Year).Max()))
	now := float64(level) / float64(max(1, cp.AwardScheme.Max()))
	switch {
	case now > before+1e-9:
		return TrendUp
	case now < before-1e-9:
		return TrendDown
	}
	return TrendSame
}

// DecideMany records one decision on several candidatures of the campaign
// (a selection of the table), in one transaction: each one's « deliberer »
// event is checked on its own (the person's right on it, its state, the
// levels its track may receive), and any refusal records none, saying
// which candidature and why.
func (s *Service) DecideMany(ctx context.Context, cp *domain.Campaign, ids []int64, in workflow.Input, rels policy.Set, facts policy.Facts, who policy.Principal) (int, error) {
	if err := s.engine.Policy().Decide(policy.DeliberationDecide, rels, facts); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, domain.Errorf(domain.EInvalid, "Cochez au moins une candidature.")
	}
	rows, err := s.store.DecisionRows(ctx, cp.ID, States())
	if err != nil {
		return 0, err
	}
	byID := map[int64]store.DecisionRow{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	seen := map[int64]bool{}
	var unique []int64
	for _, id := range ids {
		if _, ok := byID[id]; !ok {
			return 0, domain.Errorf(domain.EInvalid, "La candidature n° %d n’est pas une candidature évaluée de la campagne %d.", id, cp.Year)
		}
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	_, err = s.engine.FireMany(ctx, "candidature", unique, "deliberer", who, in)
	var many *workflow.ManyError
	if errors.As(err, &many) {
		r := byID[many.ID]
		msg := many.Err.Error()
		code := domain.EUnprocessable
		if de := domain.AsError(many.Err); de != nil {
			msg, code = de.Message, de.Code
		}
		return 0, domain.Errorf(code, "Aucune décision n’est enregistrée : %s (%s) : %s", r.CollectiviteName, r.Reference, msg)
	}
	if err != nil {
		return 0, err
	}
	return len(unique), nil
}
