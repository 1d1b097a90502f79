package ambassadeurs

import (
	"cmp"
	"context"
	"slices"

	"github.com/adullact/tnl/internal/fr"
)

// Funnel counts the way from a letter to the label: collectivités
// contacted (a letter sent), that asked for a visit (request confirmed),
// visited, candidates (a candidature deposited) and labelled.
type Funnel struct {
	Contacted, Asked, Visited, Candidates, Labelled int
}

func (f *Funnel) add(kind string) {
	switch kind {
	case "contacte":
		f.Contacted++
	case "demande":
		f.Asked++
	case "visite":
		f.Visited++
	case "candidate":
		f.Candidates++
	case "labellise":
		f.Labelled++
	}
}

// AreaFunnel is a département's or région's funnel.
type AreaFunnel struct {
	Code, Name string
	Funnel
}

// Dashboard is the funnel of one year, per département and per région.
type Dashboard struct {
	Year          int
	Years         []int // the years with something to count, newest first
	Total         Funnel
	ByDepartement []AreaFunnel
	ByRegion      []AreaFunnel
}

// Dashboard counts a year's funnel (0: the latest year with data), for
// every département and région, or for those given only (a partner's).
func (s *Service) Dashboard(ctx context.Context, year int, departements ...string) (*Dashboard, error) {
	events, err := s.store.AmbassadeurEvents(ctx)
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
	years := map[int]bool{}
	for i := range events {
		if events[i].Year == 0 {
			events[i].Year = events[i].At.In(fr.Paris()).Year()
		}
		years[events[i].Year] = true
	}
	d := &Dashboard{Year: year}
	for y := range years {
		d.Years = append(d.Years, y)
	}
	slices.SortFunc(d.Years, func(a, b int) int { return cmp.Compare(b, a) })
	if d.Year == 0 && len(d.Years) > 0 {
		d.Year = d.Years[0]
	}
	if d.Year == 0 {
		d.Year = s.store.Now().In(fr.Paris()).Year()
	}
	byDep, byReg := map[string]*AreaFunnel{}, map[string]*AreaFunnel{}
	for _, e := range events {
		if e.Year != d.Year || len(departements) > 0 && !slices.Contains(departements, e.DepartementCode) {
			continue
		}
		d.Total.add(e.Kind)
		for _, m := range []struct {
			into  map[string]*AreaFunnel
			code  string
			names map[string]string
		}{{byDep, e.DepartementCode, deps}, {byReg, e.RegionCode, regs}} {
			if m.code == "" {
				continue
			}
			a, ok := m.into[m.code]
			if !ok {
				a = &AreaFunnel{Code: m.code, Name: m.names[m.code]}
				m.into[m.code] = a
			}
			a.add(e.Kind)
		}
	}
	flatten := func(m map[string]*AreaFunnel) []AreaFunnel {
		out := make([]AreaFunnel, 0, len(m))
		for _, a := range m {
			out = append(out, *a)
		}
		slices.SortFunc(out, func(a, b AreaFunnel) int { return cmp.Compare(a.Code, b.Code) })
		return out
	}
	d.ByDepartement, d.ByRegion = flatten(byDep), flatten(byReg)
	return d, nil
}
