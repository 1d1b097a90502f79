package geo

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Report tells how Centres2026 found the centre of each current commune.
type Report struct {
	Current     int // current communes read (type commune-actuelle)
	Direct      int // centre found under the commune's own code
	ViaFormer   int // centre of one of its former communes
	Approximate int // mean centre of the communes sharing its postal code
	Unresolved  int // no centre

	// Former maps each commune counted in ViaFormer to the former commune
	// whose centre it took.
	Former map[string]string
	// ApproximateCodes and UnresolvedCodes list those communes, in code order.
	ApproximateCodes []string
	UnresolvedCodes  []string
}

// communeEntry is the part of an entry of etalab's decoupage-administratif
// communes.json that Centres2026 reads.
type communeEntry struct {
	Code         string   `json:"code"`
	Type         string   `json:"type"`
	Departement  string   `json:"departement"`
	ChefLieu     string   `json:"chefLieu"`
	AnciensCodes []string `json:"anciensCodes"`
	CodesPostaux []string `json:"codesPostaux"`
	Population   *int     `json:"population"`
}

// Centres2026 gives a centre to the current communes of communes2026
// (etalab's decoupage-administratif communes.json, a JSON array) from the
// centres of the 2018 codes, in this order:
//
//   - the commune's own code, when it existed in 2018;
//   - else the centre of one of its former communes, listed in its
//     anciensCodes or as a commune-deleguee or commune-associee whose
//     chefLieu it is: the most populous when populations are given, else
//     the first in code order;
//   - else, for the few communes restored after the split of a commune
//     nouvelle (whose 2018 code covered them but is not named in the file),
//     the mean of the centres found above for the communes of the same
//     département that share one of its postal codes: within a few
//     kilometres, counted apart as Approximate;
//   - else none: the Report lists the commune as unresolved.
func Centres2026(centres2018 map[string]Point, communes2026 io.Reader) (map[string]Point, Report, error) {
	current, formers, population, err := readCommunes(communes2026)
	if err != nil {
		return nil, Report{}, err
	}
	rep := Report{Current: len(current), Former: map[string]string{}}
	out := make(map[string]Point, len(current))
	var pending []communeEntry
	for _, c := range current {
		if p, ok := centres2018[c.Code]; ok {
			out[c.Code] = p
			rep.Direct++
			continue
		}
		if code, ok := bestFormer(c, formers[c.Code], population, centres2018); ok {
			out[c.Code] = centres2018[code]
			rep.Former[c.Code] = code
			rep.ViaFormer++
			continue
		}
		pending = append(pending, c)
	}
	if len(pending) > 0 {
		byPostal := postalIndex(current, out)
		for _, c := range pending {
			if p, ok := postalCentre(c, byPostal, out); ok {
				out[c.Code] = p
				rep.ApproximateCodes = append(rep.ApproximateCodes, c.Code)
				continue
			}
			rep.UnresolvedCodes = append(rep.UnresolvedCodes, c.Code)
		}
	}
	rep.Approximate, rep.Unresolved = len(rep.ApproximateCodes), len(rep.UnresolvedCodes)
	return out, rep, nil
}

// readCommunes decodes the array entry by entry and returns the current
// communes in code order, the delegated and associated communes by chef-lieu,
// and every population given.
func readCommunes(r io.Reader) ([]communeEntry, map[string][]string, map[string]int, error) {
	dec := json.NewDecoder(r)
	if tok, err := dec.Token(); err != nil {
		return nil, nil, nil, fmt.Errorf("communes : JSON illisible : %w", err)
	} else if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, nil, nil, errors.New("communes : un tableau JSON d’entrées est attendu")
	}
	var current []communeEntry
	formers := map[string][]string{}
	population := map[string]int{}
	seen := map[string]int{}
	for n := 1; dec.More(); n++ {
		var e communeEntry
		if err := dec.Decode(&e); err != nil {
			return nil, nil, nil, fmt.Errorf("communes, entrée n° %d : %w", n, err)
		}
		e.Code = strings.TrimSpace(e.Code)
		if !validCommuneCode(e.Code) {
			return nil, nil, nil, fmt.Errorf("communes, entrée n° %d : code commune illisible « %s »", n, e.Code)
		}
		switch e.Type {
		case "commune-actuelle":
			if prev, dup := seen[e.Code]; dup {
				return nil, nil, nil, fmt.Errorf("communes, entrée n° %d : commune « %s » en double (déjà entrée n° %d)", n, e.Code, prev)
			}
			seen[e.Code] = n
			current = append(current, e)
		case "commune-deleguee", "commune-associee":
			if e.ChefLieu == "" {
				return nil, nil, nil, fmt.Errorf("communes, entrée n° %d (code « %s ») : chefLieu absent", n, e.Code)
			}
			formers[e.ChefLieu] = append(formers[e.ChefLieu], e.Code)
			if e.Population != nil {
				population[e.Code] = *e.Population
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, nil, fmt.Errorf("communes : fin du tableau JSON illisible : %w", err)
	}
	slices.SortFunc(current, func(a, b communeEntry) int { return cmp.Compare(a.Code, b.Code) })
	return current, formers, population, nil
}

// bestFormer picks, among c's former communes that have a 2018 centre, the
// most populous when populations are known, else the first in code order.
func bestFormer(c communeEntry, delegated []string, population map[string]int, centres2018 map[string]Point) (string, bool) {
	var candidates []string
	for _, code := range slices.Concat(c.AnciensCodes, delegated) {
		if _, ok := centres2018[code]; ok && code != c.Code && !slices.Contains(candidates, code) {
			candidates = append(candidates, code)
		}
	}
	if len(candidates) == 0 {
		return "", false
	}
	return slices.MinFunc(candidates, func(a, b string) int {
		pa, okA := population[a]
		pb, okB := population[b]
		switch {
		case okA && !okB:
			return -1
		case okB && !okA:
			return 1
		case pa != pb:
			return cmp.Compare(pb, pa) // more populous first
		}
		return cmp.Compare(a, b)
	}), true
}

// postalIndex maps département and postal code to the current communes that
// already have a centre, in code order.
func postalIndex(current []communeEntry, centres map[string]Point) map[[2]string][]string {
	idx := map[[2]string][]string{}
	for _, c := range current {
		if _, ok := centres[c.Code]; !ok {
			continue
		}
		for _, cp := range c.CodesPostaux {
			key := [2]string{c.Departement, cp}
			idx[key] = append(idx[key], c.Code)
		}
	}
	return idx
}

// postalCentre is the mean centre of the communes of c's département that
// share one of its postal codes, each counted once, in code order.
func postalCentre(c communeEntry, idx map[[2]string][]string, centres map[string]Point) (Point, bool) {
	var near []string
	for _, cp := range c.CodesPostaux {
		for _, code := range idx[[2]string{c.Departement, cp}] {
			if !slices.Contains(near, code) {
				near = append(near, code)
			}
		}
	}
	if len(near) == 0 {
		return Point{}, false
	}
	slices.Sort(near)
	var sum Point
	for _, code := range near {
		sum.Lon += centres[code].Lon
		sum.Lat += centres[code].Lat
	}
	n := float64(len(near))
	return Point{Lon: sum.Lon / n, Lat: sum.Lat / n}, true
}
