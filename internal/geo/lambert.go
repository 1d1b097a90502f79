package geo

import "math"

// Lambert-93 (EPSG:2154), France's official conformal conic projection:
// GRS 80 ellipsoid, standard parallels 44° and 49° N, origin 46.5° N 3° E
// at false easting 700 000 m and false northing 6 600 000 m.
const (
	l93A    = 6378137.0            // GRS 80 semi-major axis, metres
	l93F    = 1 / 298.257222101    // GRS 80 flattening
	l93Lon0 = 3 * math.Pi / 180    // central meridian
	l93Lat0 = 46.5 * math.Pi / 180 // latitude of origin
	l93Lat1 = 44 * math.Pi / 180   // first standard parallel
	l93Lat2 = 49 * math.Pi / 180   // second standard parallel
	l93X0   = 700000.0             // false easting
	l93Y0   = 6600000.0            // false northing
	l93E2   = l93F * (2 - l93F)    // first eccentricity squared
)

// lambertConsts are the projection's derived constants (cone constant n,
// the radius factor a·F and the radius at the origin ρ0).
type lambertConsts struct {
	e, n, aF, rho0 float64
}

func newLambert93() lambertConsts {
	e := math.Sqrt(l93E2)
	m := func(lat float64) float64 {
		s := math.Sin(lat)
		return math.Cos(lat) / math.Sqrt(1-l93E2*s*s)
	}
	m1, m2 := m(l93Lat1), m(l93Lat2)
	t1, t2, t0 := isometricT(l93Lat1, e), isometricT(l93Lat2, e), isometricT(l93Lat0, e)
	n := (math.Log(m1) - math.Log(m2)) / (math.Log(t1) - math.Log(t2))
	aF := l93A * m1 / (n * math.Pow(t1, n))
	return lambertConsts{e: e, n: n, aF: aF, rho0: aF * math.Pow(t0, n)}
}

// isometricT is the t of Snyder's formulas (15-9): tan(π/4 − φ/2) over
// ((1 − e sin φ)/(1 + e sin φ))^(e/2).
func isometricT(lat, e float64) float64 {
	s := e * math.Sin(lat)
	return math.Tan(math.Pi/4-lat/2) / math.Pow((1-s)/(1+s), e/2)
}

func (c lambertConsts) project(p Point) (x, y float64) {
	lat, lon := p.Lat*math.Pi/180, p.Lon*math.Pi/180
	rho := c.aF * math.Pow(isometricT(lat, c.e), c.n)
	theta := c.n * (lon - l93Lon0)
	return l93X0 + rho*math.Sin(theta), l93Y0 + c.rho0 - rho*math.Cos(theta)
}

// Lambert93 projects p to Lambert-93 easting and northing, in metres.
func Lambert93(p Point) (x, y float64) {
	return newLambert93().project(p)
}
