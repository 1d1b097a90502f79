package geo

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
)

// Ring is a closed line of points, the last equal to the first.
type Ring []Point

// Polygon is an exterior ring followed by its holes.
type Polygon []Ring

// Area is the outline of a département or a région.
type Area struct {
	Code     string
	Name     string
	Polygons []Polygon
}

// Bounds returns the south-west and north-east corners of the box around
// the area (zero points for an area without polygons).
func (a Area) Bounds() (min, max Point) {
	min = Point{math.Inf(1), math.Inf(1)}
	max = Point{math.Inf(-1), math.Inf(-1)}
	for _, poly := range a.Polygons {
		for _, ring := range poly {
			for _, p := range ring {
				min.Lon, min.Lat = math.Min(min.Lon, p.Lon), math.Min(min.Lat, p.Lat)
				max.Lon, max.Lat = math.Max(max.Lon, p.Lon), math.Max(max.Lat, p.Lat)
			}
		}
	}
	if math.IsInf(min.Lon, 1) {
		return Point{}, Point{}
	}
	return min, max
}

type featureCollectionIn struct {
	Type     string      `json:"type"`
	Features []featureIn `json:"features"`
}

type featureIn struct {
	Type       string `json:"type"`
	Properties struct {
		Code string `json:"code"`
		Nom  string `json:"nom"`
	} `json:"properties"`
	Geometry *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// LoadOutlines reads a GeoJSON FeatureCollection of Polygon and MultiPolygon
// features whose properties give the area's code and nom (the shape of
// departements-simplifie-2018.geojson and regions-simplifie-2018.geojson).
// Areas come in the file's order; a faulty feature stops the load with a
// French error naming it.
func LoadOutlines(r io.Reader) ([]Area, error) {
	var fc featureCollectionIn
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return nil, fmt.Errorf("contours : GeoJSON illisible : %w", err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("contours : une FeatureCollection est attendue, pas « %s »", fc.Type)
	}
	areas := make([]Area, 0, len(fc.Features))
	seen := map[string]int{}
	for i, f := range fc.Features {
		n := i + 1
		code := strings.TrimSpace(f.Properties.Code)
		if code == "" {
			return nil, fmt.Errorf("contours, entité n° %d : propriété « code » absente", n)
		}
		where := fmt.Sprintf("contours, entité n° %d (code « %s »)", n, code)
		if prev, dup := seen[code]; dup {
			return nil, fmt.Errorf("%s : code en double (déjà entité n° %d)", where, prev)
		}
		seen[code] = n
		if f.Geometry == nil {
			return nil, fmt.Errorf("%s : géométrie absente", where)
		}
		var polys []Polygon
		var err error
		switch f.Geometry.Type {
		case "Polygon":
			var c [][][]float64
			if err = json.Unmarshal(f.Geometry.Coordinates, &c); err == nil {
				var p Polygon
				p, err = polygon(c)
				polys = []Polygon{p}
			}
		case "MultiPolygon":
			var c [][][][]float64
			if err = json.Unmarshal(f.Geometry.Coordinates, &c); err == nil {
				for _, pc := range c {
					var p Polygon
					if p, err = polygon(pc); err != nil {
						break
					}
					polys = append(polys, p)
				}
			}
		default:
			return nil, fmt.Errorf("%s : géométrie « %s » non prise en charge (Polygon ou MultiPolygon attendu)", where, f.Geometry.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("%s : coordonnées : %w", where, err)
		}
		areas = append(areas, Area{Code: code, Name: strings.TrimSpace(f.Properties.Nom), Polygons: polys})
	}
	return areas, nil
}

// polygon checks GeoJSON polygon coordinates: rings of at least four
// positions, closed, each [longitude, latitude] and valid.
func polygon(c [][][]float64) (Polygon, error) {
	if len(c) == 0 {
		return nil, fmt.Errorf("polygone sans anneau")
	}
	p := make(Polygon, 0, len(c))
	for _, rc := range c {
		if len(rc) < 4 {
			return nil, fmt.Errorf("anneau de %d positions (4 au moins)", len(rc))
		}
		ring := make(Ring, len(rc))
		for j, pos := range rc {
			if len(pos) < 2 {
				return nil, fmt.Errorf("position de %d nombres (longitude et latitude attendues)", len(pos))
			}
			ring[j] = Point{Lon: pos[0], Lat: pos[1]}
			if !ring[j].Valid() {
				return nil, fmt.Errorf("position hors limites [%g, %g]", pos[0], pos[1])
			}
		}
		if ring[0] != ring[len(ring)-1] {
			return nil, fmt.Errorf("anneau non fermé")
		}
		p = append(p, ring)
	}
	return p, nil
}
