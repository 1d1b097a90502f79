package territoires

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// communeInfo is what other kinds need to know of a commune.
type communeInfo struct {
	departement, region string
	population          int
}

// communeIndex returns the current communes, from the file being imported or,
// when it is not part of this import, from the database.
func communeIndex(ctx context.Context, st *store.Store, ds *dataset) (map[string]communeInfo, error) {
	idx := map[string]communeInfo{}
	if ds.has[FileCommunes] {
		for _, c := range ds.communes {
			idx[c.Code] = communeInfo{c.Departement, c.Region, c.Population}
		}
		return idx, nil
	}
	if !ds.has[FileEPCI] && !ds.has[FileDepartements] && !ds.has[FileRegions] {
		return idx, nil
	}
	rows, err := st.CollectivitesOfKinds(ctx, domain.KindCommune)
	if err != nil {
		return nil, fmt.Errorf("lecture des communes : %w", err)
	}
	for _, c := range rows {
		if c.Active {
			idx[c.Code] = communeInfo{c.DepartementCode, c.RegionCode, c.Population}
		}
	}
	return idx, nil
}

func communeRows(entries []communeEntry) []domain.Collectivite {
	rows := make([]domain.Collectivite, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, domain.Collectivite{
			Kind:            domain.KindCommune,
			Code:            e.Code,
			Name:            e.Nom,
			SearchName:      domain.SearchKey(e.Nom),
			Siren:           e.Siren,
			DepartementCode: e.Departement,
			RegionCode:      e.Region,
			Population:      e.Population,
			PostalCodes:     joinSorted(e.CodesPostaux),
		})
	}
	return rows
}

func epciRows(entries []epciEntry, communes map[string]communeInfo) []domain.Collectivite {
	rows := make([]domain.Collectivite, 0, len(entries))
	for _, e := range entries {
		// An EPCI is placed in the département and région of its most
		// populated member commune.
		var main communeInfo
		for _, m := range e.Membres {
			if c, ok := communes[m.Code]; ok && c.population >= main.population {
				main = c
			}
		}
		rows = append(rows, domain.Collectivite{
			Kind:            domain.KindEPCI,
			Code:            e.Code,
			Name:            e.Nom,
			SearchName:      domain.SearchKey(e.Nom),
			Siren:           e.Code,
			Subtype:         e.Type,
			DepartementCode: main.departement,
			RegionCode:      main.region,
			Population:      e.PopulationMunicipale,
		})
	}
	return rows
}

// departementRows gives each département the population of its communes.
func departementRows(entries []departementEntry, communes map[string]communeInfo) []domain.Collectivite {
	pop := map[string]int{}
	for _, c := range communes {
		pop[c.departement] += c.population
	}
	rows := make([]domain.Collectivite, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, domain.Collectivite{
			Kind:            domain.KindDepartement,
			Code:            e.Code,
			Name:            e.Nom,
			SearchName:      domain.SearchKey(e.Nom),
			DepartementCode: e.Code,
			RegionCode:      e.Region,
			Population:      pop[e.Code],
		})
	}
	return rows
}

func regionRows(entries []regionEntry, communes map[string]communeInfo) []domain.Collectivite {
	pop := map[string]int{}
	for _, c := range communes {
		pop[c.region] += c.population
	}
	rows := make([]domain.Collectivite, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, domain.Collectivite{
			Kind:       domain.KindRegion,
			Code:       e.Code,
			Name:       e.Nom,
			SearchName: domain.SearchKey(e.Nom),
			RegionCode: e.Code,
			Population: pop[e.Code],
		})
	}
	return rows
}

func joinSorted(codes []string) string {
	cp := append([]string(nil), codes...)
	sort.Strings(cp)
	out := cp[:0]
	for i, c := range cp {
		if i == 0 || c != cp[i-1] {
			out = append(out, c)
		}
	}
	return strings.Join(out, " ")
}
