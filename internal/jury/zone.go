package jury

import (
	"context"
	"slices"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// territory is the map of the collectivités and how they contain each
// other (commune ⊂ EPCI, commune ⊂ département ⊂ région), loaded once for
// a computation of conflict zones.
type territory struct {
	byID   map[int64]*domain.Collectivite
	byKey  map[domain.CollectiviteKey]int64
	epcis  map[string][]string // commune code → codes of its EPCIs
	member map[string][]string // EPCI code → its communes' codes
	// Communes and EPCIs of each département and région, by code.
	inDep, inRegion map[string][]int64
}

func loadTerritory(ctx context.Context, st *store.Store) (*territory, error) {
	colls, err := st.CollectivitesOfKinds(ctx, domain.Kinds...)
	if err != nil {
		return nil, err
	}
	members, err := st.EPCIMembers(ctx)
	if err != nil {
		return nil, err
	}
	t := &territory{byID: make(map[int64]*domain.Collectivite, len(colls)), byKey: make(map[domain.CollectiviteKey]int64, len(colls)),
		epcis: map[string][]string{}, member: map[string][]string{}, inDep: map[string][]int64{}, inRegion: map[string][]int64{}}
	for i := range colls {
		c := &colls[i]
		t.byID[c.ID], t.byKey[c.Key()] = c, c.ID
	}
	for _, m := range members {
		t.epcis[m.CommuneCode] = append(t.epcis[m.CommuneCode], m.EPCICode)
		t.member[m.EPCICode] = append(t.member[m.EPCICode], m.CommuneCode)
	}
	for i := range colls {
		c := &colls[i]
		switch c.Kind {
		case domain.KindCommune:
			t.inDep[c.DepartementCode] = append(t.inDep[c.DepartementCode], c.ID)
			t.inRegion[c.RegionCode] = append(t.inRegion[c.RegionCode], c.ID)
		case domain.KindEPCI:
			// An EPCI lies in the départements and régions of its communes.
			deps, regs := map[string]bool{}, map[string]bool{}
			for _, code := range t.member[c.Code] {
				if cm := t.commune(code); cm != nil {
					deps[cm.DepartementCode], regs[cm.RegionCode] = true, true
				}
			}
			for d := range deps {
				t.inDep[d] = append(t.inDep[d], c.ID)
			}
			for r := range regs {
				t.inRegion[r] = append(t.inRegion[r], c.ID)
			}
		case domain.KindDepartement:
			t.inRegion[c.RegionCode] = append(t.inRegion[c.RegionCode], c.ID)
		}
	}
	return t, nil
}

func (t *territory) lookup(kind domain.CollectiviteKind, code string) *domain.Collectivite {
	if id, ok := t.byKey[domain.CollectiviteKey{Kind: kind, Code: code}]; ok {
		return t.byID[id]
	}
	return nil
}

func (t *territory) commune(code string) *domain.Collectivite {
	return t.lookup(domain.KindCommune, code)
}

// zone returns the collectivités a link to these collectivités puts in
// conflict of interest, sorted: each one itself, the collectivités it
// contains and those that contain it (commune ↔ its EPCI ↔ its
// département ↔ its région), and for a commune the other communes of its
// EPCI.
func (t *territory) zone(links []int64) []int64 {
	set := map[int64]bool{}
	add := func(c *domain.Collectivite) {
		if c != nil {
			set[c.ID] = true
		}
	}
	addAll := func(ids []int64) {
		for _, id := range ids {
			set[id] = true
		}
	}
	for _, id := range links {
		c := t.byID[id]
		if c == nil {
			continue
		}
		add(c)
		switch c.Kind {
		case domain.KindCommune:
			add(t.lookup(domain.KindDepartement, c.DepartementCode))
			add(t.lookup(domain.KindRegion, c.RegionCode))
			for _, e := range t.epcis[c.Code] {
				add(t.lookup(domain.KindEPCI, e))
				for _, other := range t.member[e] {
					add(t.commune(other))
				}
			}
		case domain.KindEPCI:
			for _, code := range t.member[c.Code] {
				cm := t.commune(code)
				add(cm)
				if cm != nil {
					add(t.lookup(domain.KindDepartement, cm.DepartementCode))
					add(t.lookup(domain.KindRegion, cm.RegionCode))
				}
			}
		case domain.KindDepartement:
			add(t.lookup(domain.KindRegion, c.RegionCode))
			addAll(t.inDep[c.Code])
		case domain.KindRegion:
			addAll(t.inRegion[c.Code])
		}
	}
	out := make([]int64, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// resolve reads collectivité codes as a jury member's links are given: the
// code INSEE of a commune (5 characters), the SIREN of an EPCI (9 digits),
// or « kind:code » (departement:01, region:84, commune:01053, epci:…,
// autre:…).
func (t *territory) resolve(codes []string) ([]int64, error) {
	var out []int64
	for _, raw := range codes {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		kind, code, explicit := strings.Cut(raw, ":")
		var c *domain.Collectivite
		if explicit {
			c = t.lookup(domain.CollectiviteKind(strings.ToLower(kind)), strings.ToUpper(strings.TrimSpace(code)))
		} else {
			switch code = strings.ToUpper(raw); {
			case len(code) == 5:
				c = t.commune(code)
			case len(code) == 9:
				c = t.lookup(domain.KindEPCI, code)
			default:
				return nil, domain.Errorf(domain.EInvalid, "Collectivité « %s » : précisez son type, par exemple departement:%s ou region:%s.", raw, code, code)
			}
		}
		if c == nil {
			return nil, domain.Errorf(domain.ENotFound, "Collectivité « %s » inconnue (code INSEE d’une commune, SIREN d’un EPCI, ou departement:01, region:84).", raw)
		}
		out = append(out, c.ID)
	}
	return out, nil
}

// Territory is the map of the collectivités, to compute conflict zones in
// bulk (« tnl demo fill »).
type Territory struct{ t *territory }

// LoadTerritory reads the collectivités and the EPCIs' members.
func LoadTerritory(ctx context.Context, st *store.Store) (*Territory, error) {
	t, err := loadTerritory(ctx, st)
	if err != nil {
		return nil, err
	}
	return &Territory{t: t}, nil
}

// Zone returns the collectivités that links to these put in conflict of
// interest (see the jury's rules), sorted.
func (t *Territory) Zone(links []int64) []int64 { return t.t.zone(links) }
