package geo

import (
	"math"
	"slices"
	"testing"
)

func TestNearest(t *testing.T) {
	t.Parallel()
	lille := Point{3.0573, 50.6292}
	sites := []Site{
		{ID: "marseille", Point: Point{5.3698, 43.2965}},
		{ID: "paris-b", Point: Point{2.3522, 48.8566}},
		{ID: "roubaix", Point: Point{3.1746, 50.6942}},
		{ID: "paris-a", Point: Point{2.3522, 48.8566}}, // same point as paris-b: a tie
		{ID: "nowhere", Point: Point{math.NaN(), 0}},
		{ID: "amiens", Point: Point{2.2958, 49.8941}},
	}
	tests := []struct {
		name string
		from Point
		n    int
		want []string
	}{
		{"three nearest", lille, 3, []string{"roubaix", "amiens", "paris-a"}},
		{"tie broken by id", lille, 4, []string{"roubaix", "amiens", "paris-a", "paris-b"}},
		{"more than there are, invalid left out", lille, 10, []string{"roubaix", "amiens", "paris-a", "paris-b", "marseille"}},
		{"from Marseille", Point{5.3698, 43.2965}, 2, []string{"marseille", "paris-a"}},
		{"none asked", lille, 0, nil},
		{"invalid origin", Point{200, 0}, 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Nearest(tt.from, sites, tt.n)
			var ids []string
			for i, r := range got {
				ids = append(ids, r.ID)
				if i > 0 && r.DistanceKm < got[i-1].DistanceKm {
					t.Errorf("rank %d (%s, %.1f km) closer than rank %d (%.1f km)", i, r.ID, r.DistanceKm, i-1, got[i-1].DistanceKm)
				}
				if want := Distance(tt.from, r.Point); r.DistanceKm != want {
					t.Errorf("%s: DistanceKm %.3f, want %.3f", r.ID, r.DistanceKm, want)
				}
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("Nearest = %v, want %v", ids, tt.want)
			}
		})
	}
}

func TestNearestDoesNotReorderInput(t *testing.T) {
	t.Parallel()
	sites := []Site{{ID: "b", Point: Point{5, 45}}, {ID: "a", Point: Point{3, 50}}}
	before := slices.Clone(sites)
	_ = Nearest(Point{3, 50}, sites, 2)
	if !slices.Equal(sites, before) {
		t.Errorf("Nearest changed its input: %v, was %v", sites, before)
	}
}
