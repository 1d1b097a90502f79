package geo

import (
	"math"
	"testing"
)

func TestLambert93(t *testing.T) {
	t.Parallel()
	// The origin is the false easting and northing.
	if x, y := Lambert93(Point{3, 46.5}); math.Abs(x-700000) > 1e-6 || math.Abs(y-6600000) > 1e-6 {
		t.Errorf("origin projects to (%.3f, %.3f), want (700000, 6600000)", x, y)
	}
	// The scale is exactly 1 along both standard parallels: a short arc of
	// parallel projects to its length on the ellipsoid, N·cos φ·Δλ.
	for _, lat := range []float64{44, 49} {
		phi := lat * math.Pi / 180
		n := l93A / math.Sqrt(1-l93E2*math.Sin(phi)*math.Sin(phi))
		const dLon = 0.001
		want := n * math.Cos(phi) * dLon * math.Pi / 180
		x1, y1 := Lambert93(Point{3, lat})
		x2, y2 := Lambert93(Point{3 + dLon, lat})
		if got := math.Hypot(x2-x1, y2-y1); math.Abs(got/want-1) > 1e-6 {
			t.Errorf("scale on the %g° parallel %.8f, want 1", lat, got/want)
		}
	}
	// Between them it shrinks, by about 1 m per kilometre at the origin.
	x1, _ := Lambert93(Point{3, 46.5})
	x2, _ := Lambert93(Point{3.001, 46.5})
	phi := 46.5 * math.Pi / 180
	arc := l93A / math.Sqrt(1-l93E2*math.Sin(phi)*math.Sin(phi)) * math.Cos(phi) * 0.001 * math.Pi / 180
	if k := (x2 - x1) / arc; k > 0.9995 || k < 0.998 {
		t.Errorf("scale at the origin %.6f, want about 0.99905", k)
	}
	// North is up along the central meridian; Brest lies west, Strasbourg east.
	_, yS := Lambert93(Point{3, 43})
	_, yN := Lambert93(Point{3, 51})
	xBrest, _ := Lambert93(Point{-4.49, 48.39})
	xStras, _ := Lambert93(Point{7.75, 48.58})
	if yN <= yS || xBrest >= 700000 || xStras <= 700000 {
		t.Errorf("orientation: north %.0f vs south %.0f, Brest x %.0f, Strasbourg x %.0f", yN, yS, xBrest, xStras)
	}
	// Brest's Lambert-93 easting is about 146 km (IGN: 145 900 m or so).
	if math.Abs(xBrest-146000) > 3000 {
		t.Errorf("Brest easting %.0f m, want about 146 000", xBrest)
	}
}
