package ambassadeurs

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/geo"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/store"
)

// SiteEntry is a mairie on the public site (it agreed to appear there).
type SiteEntry struct {
	store.VisiteSummary
	Departement string // name
	Visited     bool
	Fiche       *domain.MairieFiche
}

// AreaCount is the number of mairies of a département or région that asked
// for a visit, and that received one.
type AreaCount struct {
	Code, Name     string
	Asked, Visited int
}

// Site is the public site of the ambassadeurs.
type Site struct {
	Entries       []SiteEntry
	ByDepartement []AreaCount
	ByRegion      []AreaCount
	Asked         int
	Visited       int
	Gulls         int
	// Map is the SVG map by département, empty when the outlines are not
	// imported (MapMissing says so).
	Map        string
	MapMissing bool
}

// Site gathers the public site: only mairies that agreed to appear count.
func (s *Service) Site(ctx context.Context) (*Site, error) {
	rows, err := s.store.PublicVisites(ctx)
	if err != nil {
		return nil, err
	}
	deps, err := s.store.DepartementNames(ctx)
	if err != nil {
		return nil, err
	}
	regs, err := s.regionNames(ctx)
	if err != nil {
		return nil, err
	}
	fiches, err := s.store.Fiches(ctx)
	if err != nil {
		return nil, err
	}
	site := &Site{}
	byDep, byReg := map[string]*AreaCount{}, map[string]*AreaCount{}
	count := func(m map[string]*AreaCount, code, name string, visited bool) {
		c, ok := m[code]
		if !ok {
			c = &AreaCount{Code: code, Name: name}
			m[code] = c
		}
		c.Asked++
		if visited {
			c.Visited++
		}
	}
	for _, v := range rows {
		e := SiteEntry{VisiteSummary: v, Departement: deps[v.DepartementCode], Visited: slices.Contains(domain.VisitedStates(), v.State)}
		if f, ok := fiches[v.CollectiviteID]; ok {
			e.Fiche = &f
		}
		site.Entries = append(site.Entries, e)
		site.Asked++
		if e.Visited {
			site.Visited++
		}
		count(byDep, v.DepartementCode, deps[v.DepartementCode], e.Visited)
		count(byReg, v.RegionCode, regs[v.RegionCode], e.Visited)
	}
	site.ByDepartement, site.ByRegion = sortedCounts(byDep), sortedCounts(byReg)
	gulls, err := s.store.Gulls(ctx, domain.GullValidated)
	if err != nil {
		return nil, err
	}
	site.Gulls = len(gulls)
	values := map[string]int{}
	for _, c := range site.ByDepartement {
		values[c.Code] = c.Asked
	}
	site.Map, err = s.departementMap(ctx, "carte-", "Mairies ayant demandé la visite d’un ambassadeur, par département",
		"Nombre de mairies, par département, qui ont demandé la visite d’un ambassadeur du libre et accepté d’apparaître sur ce site ; le tableau qui suit donne les mêmes chiffres.",
		"Mairies", values, func(code string) string {
			if values[code] == 0 {
				return ""
			}
			return "#dep-" + code
		}, func(code, name string, n int) string {
			return name + " : " + fr.Count(n, "mairie", "mairies")
		})
	if err != nil {
		return nil, err
	}
	site.MapMissing = site.Map == ""
	return site, nil
}

func sortedCounts(m map[string]*AreaCount) []AreaCount {
	out := make([]AreaCount, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b AreaCount) int { return cmp.Compare(a.Code, b.Code) })
	return out
}

func (s *Service) regionNames(ctx context.Context) (map[string]string, error) {
	regs, err := s.store.CollectivitesOfKinds(ctx, domain.KindRegion)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(regs))
	for _, r := range regs {
		out[r.Code] = r.Name
	}
	return out, nil
}

// departementMap renders the SVG map of the départements, or "" when their
// outlines are not imported.
func (s *Service) departementMap(ctx context.Context, prefix, title, desc, legend string, values map[string]int,
	link func(string) string, label func(code, name string, n int) string, breaks ...int) (string, error) {
	areas, err := s.outlines(ctx, "departement")
	if err != nil || len(areas) == 0 {
		return "", err
	}
	opts := geo.MapOptions{Title: title, Description: desc, Values: values, Label: label, Link: link,
		Insets: geo.OverseasDepartements(), IDPrefix: prefix, LegendTitle: legend, Breaks: breaks}
	if slices.ContainsFunc(areas, func(a geo.Area) bool { return a.Code == "75" }) {
		opts.Zoom = geo.PetiteCouronne()
	}
	var b bytes.Buffer
	if err := geo.RenderMap(&b, areas, opts); err != nil {
		return "", err
	}
	return b.String(), nil
}

// GullEntry is a validated GULL in the public directory.
type GullEntry struct {
	domain.Gull
	Zone []ZoneEntry
	Home string
}

// Directory lists the validated GULLs.
func (s *Service) Directory(ctx context.Context) ([]GullEntry, error) {
	gulls, err := s.store.Gulls(ctx, domain.GullValidated)
	if err != nil {
		return nil, err
	}
	out := make([]GullEntry, 0, len(gulls))
	for _, g := range gulls {
		e := GullEntry{Gull: g}
		if e.Zone, err = s.Zone(ctx, g.ID); err != nil {
			return nil, err
		}
		if c, err := s.store.CollectiviteByCode(ctx, domain.KindCommune, g.HomeCommuneCode); err == nil {
			e.Home = c.Name
		}
		out = append(out, e)
	}
	return out, nil
}

// GullPage is a GULL's public page.
type GullPage struct {
	GullEntry
	// Ambassadeurs are the names its members gave (never their addresses).
	Ambassadeurs []string
	Visits       []SiteEntry
	Candidatures []store.VisitCandidature
	Map          string
}

// GullPublic returns the public page of a validated GULL.
func (s *Service) GullPublic(ctx context.Context, slug string) (*GullPage, error) {
	g, err := s.store.GullBySlug(ctx, slug)
	if err != nil || g.State != domain.GullValidated {
		return nil, domain.Errorf(domain.ENotFound, "Aucun GULL à cette adresse dans l’annuaire.")
	}
	p := &GullPage{GullEntry: GullEntry{Gull: *g}}
	if p.Zone, err = s.Zone(ctx, g.ID); err != nil {
		return nil, err
	}
	if c, err := s.store.CollectiviteByCode(ctx, domain.KindCommune, g.HomeCommuneCode); err == nil {
		p.Home = c.Name
	}
	members, err := s.store.GullMembers(ctx, g.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.Name != "" {
			p.Ambassadeurs = append(p.Ambassadeurs, m.Name)
		}
	}
	rows, err := s.store.PublicVisites(ctx)
	if err != nil {
		return nil, err
	}
	deps, err := s.store.DepartementNames(ctx)
	if err != nil {
		return nil, err
	}
	for _, v := range rows {
		if v.GullID != nil && *v.GullID == g.ID && slices.Contains(domain.VisitedStates(), v.State) {
			p.Visits = append(p.Visits, SiteEntry{VisiteSummary: v, Departement: deps[v.DepartementCode], Visited: true})
		}
	}
	if p.Candidatures, err = s.store.CandidaturesOfGull(ctx, g.ID); err != nil {
		return nil, err
	}
	// The zone on the map: each département it covers in full, or in part.
	zoneDeps := map[string]int{}
	for _, z := range p.Zone {
		switch z.Kind {
		case domain.KindDepartement:
			zoneDeps[z.Code] = 2
		default:
			if c, err := s.store.CollectiviteByCode(ctx, z.Kind, z.Code); err == nil && zoneDeps[c.DepartementCode] == 0 {
				zoneDeps[c.DepartementCode] = 1
			}
		}
	}
	p.Map, err = s.departementMap(ctx, "zone-", "Zone d’action de "+g.Name,
		"Départements où le GULL se déplace : en entier (foncé) ou en partie (clair) ; la liste de sa zone suit la carte.",
		"Zone : 1 en partie, 2 en entier", zoneDeps, nil, func(code, name string, n int) string {
			switch n {
			case 2:
				return name + " : tout le département"
			case 1:
				return name + " : une partie du département"
			}
			return name + " : hors de la zone"
		}, 1, 2)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// feature properties of the GeoJSON feed, in this order.
type visitFeature struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Type        string `json:"type"` // "visite" or "gull"
	State       string `json:"state,omitempty"`
	Commune     string `json:"code_insee,omitempty"`
	Gull        string `json:"gull,omitempty"`
	URL         string `json:"url,omitempty"`
}

// WriteGeoJSON writes the feed of the visits (mairies that agreed to appear)
// and of the validated GULLs (at their home commune), as an RFC 7946
// FeatureCollection that uMap or any map can load. Places without an
// imported centre are left out.
func (s *Service) WriteGeoJSON(ctx context.Context, w io.Writer, baseURL string) error {
	site, err := s.store.PublicVisites(ctx)
	if err != nil {
		return err
	}
	gulls, err := s.store.Gulls(ctx, domain.GullValidated)
	if err != nil {
		return err
	}
	codes := make([]string, 0, len(site)+len(gulls))
	for _, v := range site {
		codes = append(codes, v.CommuneCode)
	}
	for _, g := range gulls {
		codes = append(codes, g.HomeCommuneCode)
	}
	centres, err := s.store.CommuneCentres(ctx, codes...)
	if err != nil {
		return err
	}
	base := strings.TrimRight(baseURL, "/")
	var features []geo.Feature
	for _, v := range site {
		c, ok := centres[v.CommuneCode]
		if !ok {
			continue
		}
		desc := visitelc.StateLabel(v.State)
		if v.GullName != "" {
			desc += " — " + v.GullName
		}
		if v.Summary != "" {
			desc += ". " + v.Summary
		}
		features = append(features, geo.Feature{ID: fmt.Sprintf("visite-%d", v.ID), Point: geo.Point{Lon: c.Lon, Lat: c.Lat},
			Properties: visitFeature{Name: v.CommuneName, Description: desc, Type: "visite", State: v.State, Commune: v.CommuneCode, Gull: v.GullName}})
	}
	for _, g := range gulls {
		c, ok := centres[g.HomeCommuneCode]
		if !ok {
			continue
		}
		features = append(features, geo.Feature{ID: "gull-" + g.Slug, Point: geo.Point{Lon: c.Lon, Lat: c.Lat},
			Properties: visitFeature{Name: g.Name, Description: g.Description, Type: "gull", Commune: g.HomeCommuneCode, URL: base + "/ambassadeurs/gulls/" + g.Slug}})
	}
	return geo.WriteFeatureCollection(w, features)
}
