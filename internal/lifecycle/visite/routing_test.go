package visite

import (
	"testing"

	"github.com/adullact/tnl/internal/geo"
)

func TestPlan(t *testing.T) {
	t.Parallel()
	lille := geo.Point{Lon: 3.06, Lat: 50.63}
	arras := geo.Point{Lon: 2.78, Lat: 50.29}
	amiens := geo.Point{Lon: 2.30, Lat: 49.89}
	paris := geo.Point{Lon: 2.35, Lat: 48.86}
	cands := []Candidate{
		{ID: 4, Home: paris, HasHome: true},
		{ID: 2, Home: arras, HasHome: true},
		{ID: 3, Home: amiens, HasHome: true},
		{ID: 9, HasHome: false, Covers: true},
	}
	// Covered: every covering GULL, whatever the distance, none hors zone.
	got := Plan(lille, true, cands, nil, true, 2)
	if len(got) != 1 || got[0].GullID != 9 || got[0].HorsZone || got[0].DistanceKm != -1 {
		t.Errorf("covered: %+v", got)
	}
	// Not covered: the two nearest, hors zone, with their distances.
	cands[3].Covers = false
	got = Plan(lille, true, cands, nil, true, 2)
	if len(got) != 2 || got[0].GullID != 2 || got[1].GullID != 3 || !got[0].HorsZone {
		t.Fatalf("nearest: %+v", got)
	}
	if d := got[0].DistanceKm; d < 40 || d > 45 {
		t.Errorf("Lille–Arras is about 42 km, got %.1f", d)
	}
	// A later round leaves out the GULLs already asked.
	got = Plan(lille, true, cands, map[int64]bool{2: true, 3: true}, false, 2)
	if len(got) != 1 || got[0].GullID != 4 {
		t.Errorf("widening: %+v", got)
	}
	// Without the commune's centre, only the zones can route.
	if got := Plan(geo.Point{}, false, cands, nil, true, 2); got != nil {
		t.Errorf("no centre: %+v", got)
	}
	// Ties of distance go by id, as numbers.
	twins := []Candidate{{ID: 10, Home: arras, HasHome: true}, {ID: 9, Home: arras, HasHome: true}}
	if got := Plan(lille, true, twins, nil, true, 1); got[0].GullID != 9 {
		t.Errorf("tie: %+v", got)
	}
}
