package geo

import (
	"math"
	"strings"
	"testing"
)

func TestLoadOutlines(t *testing.T) {
	t.Parallel()
	square := `[[[2,48],[3,48],[3,49],[2,49],[2,48]]]`
	tests := []struct {
		name      string
		json      string
		wantCodes []string
		wantPolys []int
		wantErr   string
	}{
		{
			name: "polygon and multipolygon, with a hole and an altitude",
			json: `{"type":"FeatureCollection","features":[
				{"type":"Feature","properties":{"code":"75","nom":"Paris"},"geometry":{"type":"Polygon","coordinates":` + square + `}},
				{"type":"Feature","properties":{"code":"2A","nom":"Corse-du-Sud"},"geometry":{"type":"MultiPolygon","coordinates":[` + square + `,
					[[[8,41,10],[9,41,10],[9,42,10],[8,42,10],[8,41,10]],[[8.2,41.2],[8.4,41.2],[8.4,41.4],[8.2,41.2]]]]}}]}`,
			wantCodes: []string{"75", "2A"},
			wantPolys: []int{1, 2},
		},
		{name: "not JSON", json: `{`, wantErr: "contours : GeoJSON illisible"},
		{name: "not a collection", json: `{"type":"Feature"}`, wantErr: "une FeatureCollection est attendue, pas « Feature »"},
		{
			name:    "no code",
			json:    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"Paris"},"geometry":{"type":"Polygon","coordinates":` + square + `}}]}`,
			wantErr: "contours, entité n° 1 : propriété « code » absente",
		},
		{
			name: "duplicate",
			json: `{"type":"FeatureCollection","features":[
				{"type":"Feature","properties":{"code":"75"},"geometry":{"type":"Polygon","coordinates":` + square + `}},
				{"type":"Feature","properties":{"code":"75"},"geometry":{"type":"Polygon","coordinates":` + square + `}}]}`,
			wantErr: "entité n° 2 (code « 75 ») : code en double (déjà entité n° 1)",
		},
		{
			name:    "line",
			json:    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"75"},"geometry":{"type":"LineString","coordinates":[[2,48],[3,49]]}}]}`,
			wantErr: "géométrie « LineString » non prise en charge",
		},
		{
			name:    "no geometry",
			json:    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"75"},"geometry":null}]}`,
			wantErr: "(code « 75 ») : géométrie absente",
		},
		{
			name:    "open ring",
			json:    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"75"},"geometry":{"type":"Polygon","coordinates":[[[2,48],[3,48],[3,49],[2,49]]]}}]}`,
			wantErr: "anneau non fermé",
		},
		{
			name:    "short ring",
			json:    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"75"},"geometry":{"type":"Polygon","coordinates":[[[2,48],[3,48],[2,48]]]}}]}`,
			wantErr: "anneau de 3 positions (4 au moins)",
		},
		{
			name:    "latitude out of range",
			json:    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"75"},"geometry":{"type":"MultiPolygon","coordinates":[[[[48,2],[48,3],[3,149],[48,2]]]]}}]}`,
			wantErr: "position hors limites [3, 149]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			areas, err := LoadOutlines(strings.NewReader(tt.json))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(areas) != len(tt.wantCodes) {
				t.Fatalf("%d areas, want %d", len(areas), len(tt.wantCodes))
			}
			for i, a := range areas {
				if a.Code != tt.wantCodes[i] || len(a.Polygons) != tt.wantPolys[i] {
					t.Errorf("area %d: code %s with %d polygons, want %s with %d", i, a.Code, len(a.Polygons), tt.wantCodes[i], tt.wantPolys[i])
				}
			}
			if got := len(areas[1].Polygons[1]); got != 2 {
				t.Errorf("Corse-du-Sud's second polygon has %d rings, want 2 (a hole)", got)
			}
			if min, max := areas[1].Bounds(); min != (Point{2, 41}) || max != (Point{9, 49}) {
				t.Errorf("bounds %v %v, want (2, 41) (9, 49)", min, max)
			}
		})
	}
}

func TestLoadOutlinesReal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file     string
		count    int
		code     string
		name     string
		midLat   float64 // latitude of the middle of its box
		midLon   float64
		tolerant float64
	}{
		{"departements-simplifie-2018.geojson", 96, "59", "Nord", 50.5, 3.3, 0.2},
		{"departements-simplifie-2018.geojson", 96, "2A", "Corse-du-Sud", 41.8, 9.0, 0.3},
		{"regions-simplifie-2018.geojson", 13, "32", "Hauts-de-France", 49.9, 2.8, 0.4},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			areas, err := LoadOutlines(sharedFile(t, "geo", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(areas) != tt.count {
				t.Errorf("%d areas, want %d", len(areas), tt.count)
			}
			var found *Area
			for i := range areas {
				if areas[i].Code == tt.code {
					found = &areas[i]
				}
			}
			if found == nil {
				t.Fatalf("no area %s", tt.code)
			}
			if found.Name != tt.name {
				t.Errorf("name %q, want %q", found.Name, tt.name)
			}
			min, max := found.Bounds()
			mid := Point{(min.Lon + max.Lon) / 2, (min.Lat + max.Lat) / 2}
			if math.Abs(mid.Lat-tt.midLat) > tt.tolerant || math.Abs(mid.Lon-tt.midLon) > tt.tolerant {
				t.Errorf("middle of %s %v, want about (%g, %g)", tt.code, mid, tt.midLon, tt.midLat)
			}
		})
	}
}
