package geo

import "math"

// EarthRadiusKm is the mean Earth radius (IUGG), used for great-circle
// distances.
const EarthRadiusKm = 6371.0088

// Point is a position in WGS 84 degrees.
type Point struct {
	Lon, Lat float64
}

// Valid reports whether p is a finite position with a longitude in
// [-180, 180] and a latitude in [-90, 90].
func (p Point) Valid() bool {
	return !math.IsNaN(p.Lon) && !math.IsNaN(p.Lat) &&
		p.Lon >= -180 && p.Lon <= 180 && p.Lat >= -90 && p.Lat <= 90
}

// Distance returns the great-circle distance between a and b in kilometres
// (haversine formula on a sphere of radius EarthRadiusKm).
func Distance(a, b Point) float64 {
	const rad = math.Pi / 180
	lat1, lat2 := a.Lat*rad, b.Lat*rad
	dLat := lat2 - lat1
	dLon := (b.Lon - a.Lon) * rad
	s := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	// Rounding can push s a hair above 1 for antipodal points.
	return 2 * EarthRadiusKm * math.Asin(math.Sqrt(math.Min(1, s)))
}
