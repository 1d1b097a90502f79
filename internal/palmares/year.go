package palmares

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/geo"
)

// PageSize is the number of laureates listed per page of a palmarès.
const PageSize = 500

// Filter narrows a palmarès.
type Filter struct {
	Region      string
	Departement string
	Kind        string
	// Level is a level's value, "np" for the laureates whose level was not
	// published, "" for all.
	Level string
	Query string
	Page  int
}

// ParseFilter reads a filter from a page's query string; unknown values
// simply match nothing.
func ParseFilter(q url.Values) Filter {
	f := Filter{Region: strings.TrimSpace(q.Get("region")), Departement: strings.TrimSpace(q.Get("departement")),
		Kind: strings.TrimSpace(q.Get("type")), Level: strings.TrimSpace(q.Get("niveau")), Query: strings.TrimSpace(q.Get("q"))}
	if r := []rune(f.Query); len(r) > 100 {
		f.Query = string(r[:100])
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	if f.Page < 1 {
		f.Page = 1
	}
	return f
}

// Active reports whether the filter narrows anything.
func (f Filter) Active() bool {
	return f.Region != "" || f.Departement != "" || f.Kind != "" || f.Level != "" || f.Query != ""
}

// Values returns the filter as a query string, without the page.
func (f Filter) Values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"region": f.Region, "departement": f.Departement, "type": f.Kind, "niveau": f.Level, "q": f.Query} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// Key is the filter as a cache key.
func (f Filter) Key() string { return f.Values().Encode() + "&page=" + strconv.Itoa(f.Page) }

// Match reports whether an entry passes the filter.
func (f Filter) Match(e *Entry) bool {
	if f.Region != "" && e.RegionCode != f.Region {
		return false
	}
	if f.Departement != "" && e.DepartementCode != f.Departement {
		return false
	}
	if f.Kind != "" && string(e.Kind) != f.Kind {
		return false
	}
	if f.Level != "" && f.Level != levelKey(e) {
		return false
	}
	if f.Query != "" {
		q := domain.SearchKey(f.Query)
		if !strings.Contains(e.SearchName, q) && !strings.Contains(domain.SearchKey(e.PublishedName), q) {
			return false
		}
	}
	return true
}

func levelKey(e *Entry) string {
	if e.Level == nil {
		return "np"
	}
	return strconv.Itoa(*e.Level)
}

// Option is a choice of a filter.
type Option struct {
	Value, Label string
	Count        int
}

// Group is the laureates of one level.
type Group struct {
	Key, Label string
	// Count is the number of laureates at this level that match the
	// filter; Entries only those of the current page.
	Count   int
	Entries []*Entry
}

// YearPage is one edition's palmarès, filtered.
type YearPage struct {
	Year  int
	Years []int
	// Total counts the edition's laureates; Matched those of the filter.
	Total, Matched int
	// Levels counts the laureates of each level, highest first, unfiltered.
	Levels []Option
	Groups []Group
	Filter Filter
	Page   int
	Pages  int

	Regions, Departements, Kinds []Option
	// Map is the SVG map of the matched laureates per département, empty
	// when the outlines are not imported.
	Map string
	// Overseas lists the laureates of the overseas départements, which the
	// map draws as insets.
	Overseas []Option
}

// Year builds an edition's palmarès page under a filter; an edition
// without laureates is not found.
func (s *Snapshot) YearPage(year int, f Filter) (*YearPage, error) {
	all := s.byYear[year]
	if len(all) == 0 {
		return nil, domain.Errorf(domain.ENotFound, "Aucun palmarès publié pour %d.", year)
	}
	p := &YearPage{Year: year, Years: s.Years, Total: len(all), Filter: f}
	levels := map[string]*Option{}
	regions, deps, kinds := map[string]int{}, map[string]int{}, map[string]int{}
	var matched []*Entry
	for _, e := range all {
		k := levelKey(e)
		if levels[k] == nil {
			levels[k] = &Option{Value: k, Label: e.LevelLabel}
		}
		levels[k].Count++
		regions[e.RegionCode]++
		deps[e.DepartementCode]++
		kinds[string(e.Kind)]++
		if f.Match(e) {
			matched = append(matched, e)
		}
	}
	p.Matched = len(matched)
	for _, o := range levels {
		p.Levels = append(p.Levels, *o)
	}
	slices.SortFunc(p.Levels, func(a, b Option) int { return compareLevelKeys(a.Value, b.Value) })
	p.Regions = options(regions, s.Regions)
	p.Departements = options(deps, s.Departements)
	for _, k := range domain.Kinds {
		if n := kinds[string(k)]; n > 0 {
			p.Kinds = append(p.Kinds, Option{Value: string(k), Label: k.Label(), Count: n})
		}
	}
	slices.SortStableFunc(matched, func(a, b *Entry) int { return compareLevelKeys(levelKey(a), levelKey(b)) })
	p.Pages = max(1, (len(matched)+PageSize-1)/PageSize)
	p.Page = min(max(f.Page, 1), p.Pages)
	page := matched[(p.Page-1)*PageSize : min(len(matched), p.Page*PageSize)]
	counts := map[string]int{}
	for _, e := range matched {
		counts[levelKey(e)]++
	}
	for _, e := range page {
		k := levelKey(e)
		if n := len(p.Groups); n == 0 || p.Groups[n-1].Key != k {
			p.Groups = append(p.Groups, Group{Key: k, Label: e.LevelLabel, Count: counts[k]})
		}
		g := &p.Groups[len(p.Groups)-1]
		g.Entries = append(g.Entries, e)
	}
	values := map[string]int{}
	for _, e := range matched {
		values[e.DepartementCode]++
	}
	for _, in := range geo.OverseasDepartements() {
		if n := values[in.Code]; n > 0 {
			p.Overseas = append(p.Overseas, Option{Value: in.Code, Label: in.Name, Count: n})
		}
	}
	var err error
	if p.Map, err = s.departementMap(year, values); err != nil {
		return nil, err
	}
	return p, nil
}

// compareLevelKeys orders levels highest first, the unpublished last.
func compareLevelKeys(a, b string) int {
	if a == b {
		return 0
	}
	if a == "np" {
		return 1
	}
	if b == "np" {
		return -1
	}
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	return cmp.Compare(y, x)
}

func options(counts map[string]int, names map[string]string) []Option {
	var out []Option
	for code, n := range counts {
		if code == "" {
			continue
		}
		label := cmp.Or(names[code], code)
		out = append(out, Option{Value: code, Label: label, Count: n})
	}
	slices.SortFunc(out, func(a, b Option) int { return cmp.Compare(domain.SearchKey(a.Label), domain.SearchKey(b.Label)) })
	return out
}

// departementMap renders the laureates per département, linking each
// département with laureates to the palmarès filtered on it; "" when the
// outlines are not imported (tnl geo import).
func (s *Snapshot) departementMap(year int, values map[string]int) (string, error) {
	if len(s.outlines) == 0 {
		return "", nil
	}
	areas, err := s.areas()
	if err != nil {
		return "", err
	}
	opts := geo.MapOptions{
		Title:       fmt.Sprintf("Lauréats %d par département", year),
		Description: "Nombre de collectivités lauréates par département ; la liste qui suit donne chacune d’elles.",
		Values:      values,
		Label: func(code, name string, n int) string {
			return name + " : " + fr.Count(n, "lauréat", "lauréats")
		},
		Link: func(code string) string {
			if values[code] == 0 {
				return ""
			}
			return fmt.Sprintf("/palmares/%d?departement=%s#laureats", year, url.QueryEscape(code))
		},
		Insets: geo.OverseasDepartements(), IDPrefix: "carte-", LegendTitle: "Lauréats",
	}
	if slices.ContainsFunc(areas, func(a geo.Area) bool { return a.Code == "75" }) {
		opts.Zoom = geo.PetiteCouronne()
	}
	var b bytes.Buffer
	if err := geo.RenderMap(&b, areas, opts); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (s *Snapshot) areas() ([]geo.Area, error) {
	areas := make([]geo.Area, 0, len(s.outlines))
	for _, r := range s.outlines {
		var coords [][][][2]float64
		if err := json.Unmarshal([]byte(r.Geometry), &coords); err != nil {
			return nil, fmt.Errorf("contour du département %s illisible : %w", r.Code, err)
		}
		a := geo.Area{Code: r.Code, Name: r.Name}
		for _, p := range coords {
			var poly geo.Polygon
			for _, ring := range p {
				rg := make(geo.Ring, len(ring))
				for k, pt := range ring {
					rg[k] = geo.Point{Lon: pt[0], Lat: pt[1]}
				}
				poly = append(poly, rg)
			}
			a.Polygons = append(a.Polygons, poly)
		}
		areas = append(areas, a)
	}
	return areas, nil
}
