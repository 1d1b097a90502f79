package visite

import (
	"cmp"
	"context"
	"slices"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/geo"
	"github.com/adullact/tnl/internal/store"
)

// Candidate is a validated GULL as the routing sees it.
type Candidate struct {
	ID int64
	// Home is the centre of its home commune; HasHome is false when the
	// commune has no imported centre.
	Home    geo.Point
	HasHome bool
	// Covers: its zone holds the commune, its EPCI or its département.
	Covers bool
}

// Route is a GULL a request goes to.
type Route struct {
	GullID int64
	// DistanceKm between the commune's centre and the GULL's home
	// commune's centre; -1 when either is unknown.
	DistanceKm float64
	HorsZone   bool
}

// Plan chooses the GULLs to add to a request for a commune whose centre is
// given (hasCentre false when unknown), among the candidates, leaving out
// those already routed.
//
// The first round goes to every GULL whose zone covers the commune; when
// none does, to the n GULLs nearest to it by distance between commune
// centres, flagged hors zone. A later round (the request left unclaimed, or
// declined by all) adds the n nearest GULLs not asked yet, covering or not.
// Ties of distance are broken by GULL id, so the plan is deterministic.
func Plan(centre geo.Point, hasCentre bool, cands []Candidate, routed map[int64]bool, first bool, n int) []Route {
	distance := func(c Candidate) float64 {
		if !hasCentre || !c.HasHome {
			return -1
		}
		return geo.Distance(centre, c.Home)
	}
	var out []Route
	if first {
		for _, c := range cands {
			if c.Covers && !routed[c.ID] {
				out = append(out, Route{GullID: c.ID, DistanceKm: distance(c)})
			}
		}
		if len(out) > 0 {
			slices.SortFunc(out, func(a, b Route) int { return cmp.Compare(a.GullID, b.GullID) })
			return out
		}
	}
	if !hasCentre {
		return nil
	}
	sites := make([]geo.Site, 0, len(cands))
	byID := map[string]Candidate{}
	for _, c := range cands {
		if routed[c.ID] || !c.HasHome {
			continue
		}
		id := strconv.FormatInt(c.ID, 10)
		// Nearest breaks ties by ID: zero-padded, ids sort as numbers.
		id = padded(id)
		sites = append(sites, geo.Site{ID: id, Point: c.Home})
		byID[id] = c
	}
	for _, r := range geo.Nearest(centre, sites, n) {
		c := byID[r.ID]
		out = append(out, Route{GullID: c.ID, DistanceKm: r.DistanceKm, HorsZone: !c.Covers})
	}
	return out
}

func padded(id string) string {
	const width = 20
	if len(id) >= width {
		return id
	}
	b := make([]byte, width-len(id), width)
	for i := range b {
		b[i] = '0'
	}
	return string(append(b, id...))
}

// candidates loads the validated GULLs for a commune, with whether their
// zone covers it, and the commune's centre.
func candidates(ctx context.Context, tx *store.Tx, commune *domain.Collectivite) ([]Candidate, geo.Point, bool, error) {
	gulls, err := tx.RoutableGulls(ctx)
	if err != nil {
		return nil, geo.Point{}, false, err
	}
	epcis, err := tx.EPCIsOf(ctx, commune.Code)
	if err != nil {
		return nil, geo.Point{}, false, err
	}
	areas := []domain.GullZone{{Kind: domain.KindCommune, Code: commune.Code}}
	if commune.DepartementCode != "" {
		areas = append(areas, domain.GullZone{Kind: domain.KindDepartement, Code: commune.DepartementCode})
	}
	for _, e := range epcis {
		areas = append(areas, domain.GullZone{Kind: domain.KindEPCI, Code: e})
	}
	covering, err := tx.GullsCovering(ctx, areas)
	if err != nil {
		return nil, geo.Point{}, false, err
	}
	codes := []string{commune.Code}
	for _, g := range gulls {
		codes = append(codes, g.HomeCommuneCode)
	}
	centres, err := tx.CommuneCentres(ctx, codes...)
	if err != nil {
		return nil, geo.Point{}, false, err
	}
	out := make([]Candidate, 0, len(gulls))
	for _, g := range gulls {
		c := Candidate{ID: g.ID, Covers: slices.Contains(covering, g.ID)}
		if p, ok := centres[g.HomeCommuneCode]; ok {
			c.Home, c.HasHome = geo.Point{Lon: p.Lon, Lat: p.Lat}, true
		}
		out = append(out, c)
	}
	p, ok := centres[commune.Code]
	return out, geo.Point{Lon: p.Lon, Lat: p.Lat}, ok, nil
}

// route adds a round of GULLs to a request and records it; it returns the
// routes added (none when no GULL is left to ask).
func (d Deps) route(ctx context.Context, tx *store.Tx, s *subject, first bool) ([]domain.VisiteRoute, error) {
	cands, centre, hasCentre, err := candidates(ctx, tx, s.P.Commune)
	if err != nil {
		return nil, err
	}
	routed := map[int64]bool{}
	for _, r := range s.P.Routes {
		routed[r.GullID] = true
	}
	round := s.P.Visite.Round + 1
	plan := Plan(centre, hasCentre, cands, routed, first, d.nearest())
	rows := make([]domain.VisiteRoute, len(plan))
	for i, r := range plan {
		rows[i] = domain.VisiteRoute{VisiteID: s.ID, GullID: r.GullID, Round: round, DistanceKm: r.DistanceKm, HorsZone: r.HorsZone}
	}
	if err := tx.AddVisiteRoutes(ctx, rows); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		round--
	}
	if err := tx.SetVisiteRound(ctx, s.ID, max(round, 1)); err != nil {
		return nil, err
	}
	// Reload what the messages need: the routes with the GULLs' names, and
	// the members of every GULL asked.
	if s.P.Routes, err = tx.VisiteRoutes(ctx, s.ID); err != nil {
		return nil, err
	}
	if s.P.Members, err = tx.GullContacts(ctx, routeIDs(s.P.Routes)); err != nil {
		return nil, err
	}
	var added []domain.VisiteRoute
	for _, r := range s.P.Routes {
		if !routed[r.GullID] {
			added = append(added, r)
		}
	}
	return added, nil
}

func routeIDs(rs []domain.VisiteRoute) []int64 {
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.GullID
	}
	return ids
}
