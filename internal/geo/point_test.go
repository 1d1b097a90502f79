package geo

import (
	"math"
	"testing"
)

func TestDistance(t *testing.T) {
	t.Parallel()
	lille := Point{Lon: 3.0573, Lat: 50.6292}     // town hall
	marseille := Point{Lon: 5.3698, Lat: 43.2965} // town hall
	paris := Point{Lon: 2.3522, Lat: 48.8566}
	bordeaux := Point{Lon: -0.5792, Lat: 44.8378}
	tests := []struct {
		name string
		a, b Point
		want float64 // km
		tol  float64
	}{
		{"Lille–Marseille", lille, marseille, 834, 3},
		{"Marseille–Lille, symmetric", marseille, lille, 834, 3},
		{"Paris–Bordeaux", paris, bordeaux, 499, 2},
		{"same point", paris, paris, 0, 1e-9},
		{"one degree of latitude", Point{0, 0}, Point{0, 1}, math.Pi * EarthRadiusKm / 180, 1e-9},
		{"half the equator", Point{0, 0}, Point{180, 0}, math.Pi * EarthRadiusKm, 1e-6},
		{"antipodes", Point{2, 48}, Point{-178, -48}, math.Pi * EarthRadiusKm, 1e-6},
		{"across the antimeridian", Point{179.5, 0}, Point{-179.5, 0}, math.Pi * EarthRadiusKm / 180, 1e-6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Distance(tt.a, tt.b)
			if math.Abs(got-tt.want) > tt.tol {
				t.Errorf("Distance(%v, %v) = %.3f km, want %.3f ± %g", tt.a, tt.b, got, tt.want, tt.tol)
			}
		})
	}
}

func TestPointValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    Point
		want bool
	}{
		{Point{3, 50}, true},
		{Point{-180, -90}, true},
		{Point{180, 90}, true},
		{Point{180.1, 0}, false},
		{Point{0, -90.5}, false},
		{Point{math.NaN(), 0}, false},
		{Point{0, math.Inf(1)}, false},
	}
	for _, tt := range tests {
		if got := tt.p.Valid(); got != tt.want {
			t.Errorf("%v.Valid() = %v, want %v", tt.p, got, tt.want)
		}
	}
}
