package geo

import (
	"cmp"
	"slices"
)

// Site is something with an identifier at a point: a GULL, a commune.
type Site struct {
	ID    string
	Point Point
}

// Ranked is a site with its distance in kilometres from a reference point.
type Ranked struct {
	Site
	DistanceKm float64
}

// Nearest returns the n sites closest to from, by great-circle distance, ties
// broken by ID so that the order is deterministic. Sites whose point is not
// Valid are left out. n <= 0, or a from that is not Valid, gives nil; n
// larger than the number of sites gives them all.
func Nearest(from Point, sites []Site, n int) []Ranked {
	if n <= 0 || !from.Valid() {
		return nil
	}
	ranked := make([]Ranked, 0, len(sites))
	for _, s := range sites {
		if !s.Point.Valid() {
			continue
		}
		ranked = append(ranked, Ranked{Site: s, DistanceKm: Distance(from, s.Point)})
	}
	// A full sort: BenchmarkNearestCommunes ranks all 35 357 commune
	// centres in 13 ms, so the few hundred GULLs take a fraction of a
	// millisecond and a bounded heap would save nothing that matters.
	slices.SortFunc(ranked, func(a, b Ranked) int {
		if c := cmp.Compare(a.DistanceKm, b.DistanceKm); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if n < len(ranked) {
		ranked = ranked[:n:n]
	}
	return ranked
}
