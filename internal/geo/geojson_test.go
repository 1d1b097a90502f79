package geo

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

type visitProps struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Visits      int    `json:"visites"`
}

func TestWriteFeatureCollection(t *testing.T) {
	t.Parallel()
	features := []Feature{
		{ID: "59350", Point: Point{3.047061234, 50.631779999}, Properties: visitProps{Name: "Lille", Description: "Visite du 3 mars <b>", Visits: 2}},
		{Point: Point{-0.000001, 43.29164}, Properties: map[string]any{"z": 1, "a": "Marseille"}},
		{ID: "gull-1", Point: Point{2.3428, 48.85661}},
	}
	var buf bytes.Buffer
	if err := WriteFeatureCollection(&buf, features); err != nil {
		t.Fatal(err)
	}
	out := buf.String()

	// A real GeoJSON reader takes it, longitude first.
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatalf("orb cannot read the output: %v\n%s", err, out)
	}
	if len(fc.Features) != 3 {
		t.Fatalf("%d features, want 3", len(fc.Features))
	}
	lille, ok := fc.Features[0].Geometry.(orb.Point)
	if !ok {
		t.Fatalf("geometry %T, want a point", fc.Features[0].Geometry)
	}
	if math.Abs(lille.Lon()-3) > 0.5 || math.Abs(lille.Lat()-50.5) > 0.5 {
		t.Errorf("Lille read as lon %g, lat %g: want lon ≈ 3, lat ≈ 50", lille.Lon(), lille.Lat())
	}
	if lille != (orb.Point{3.04706, 50.63178}) {
		t.Errorf("Lille at %v, want rounded to (3.04706, 50.63178)", lille)
	}
	if fc.Features[0].ID != "59350" || fc.Features[0].Properties.MustString("name") != "Lille" || fc.Features[0].Properties.MustInt("visites") != 2 {
		t.Errorf("first feature read as id %v, properties %v", fc.Features[0].ID, fc.Features[0].Properties)
	}
	if fc.Features[1].ID != nil || fc.Features[1].Properties.MustString("a") != "Marseille" {
		t.Errorf("second feature read as id %v, properties %v", fc.Features[1].ID, fc.Features[1].Properties)
	}
	if len(fc.Features[2].Properties) != 0 {
		t.Errorf("nil properties read as %v, want an empty object", fc.Features[2].Properties)
	}

	// Member order, rounding and key order are fixed.
	want := `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"59350","geometry":{"type":"Point","coordinates":[3.04706,50.63178]},"properties":{"name":"Lille","description":"Visite du 3 mars \u003cb\u003e","visites":2}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[0,43.29164]},"properties":{"a":"Marseille","z":1}},
{"type":"Feature","id":"gull-1","geometry":{"type":"Point","coordinates":[2.3428,48.85661]},"properties":{}}
]}
`
	if out != want {
		t.Errorf("output\n%s\nwant\n%s", out, want)
	}
}

func TestWriteFeatureCollectionEmptyAndErrors(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteFeatureCollection(&buf, nil); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil || len(fc.Features) != 0 {
		t.Errorf("empty collection read as %v, %v", fc, err)
	}
	tests := []struct {
		name    string
		f       Feature
		wantErr string
	}{
		{"latitude out of range", Feature{Point: Point{50, 95}}, "entité n° 2 : coordonnées invalides (longitude 50, latitude 95)"},
		{"properties not an object", Feature{Point: Point{3, 50}, Properties: []int{1}}, "les propriétés doivent former un objet JSON, pas [1]"},
		{"properties that do not marshal", Feature{Point: Point{3, 50}, Properties: map[string]any{"f": func() {}}}, "propriétés illisibles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			err := WriteFeatureCollection(&buf, []Feature{{Point: Point{3, 50}}, tt.f})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written before the error", buf.Len())
			}
		})
	}
}

// TestWriteFeatureCollectionReal writes the real centres of the communes of
// the Nord and reads them back.
func TestWriteFeatureCollectionReal(t *testing.T) {
	t.Parallel()
	centres := realCentres2018(t)
	var features []Feature
	for _, code := range []string{"59350", "59512", "59183"} { // Lille, Roubaix, Dunkerque
		features = append(features, Feature{ID: code, Point: centres[code], Properties: map[string]string{"name": code}})
	}
	var buf bytes.Buffer
	if err := WriteFeatureCollection(&buf, features); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range fc.Features {
		p := f.Geometry.(orb.Point)
		if p.Lon() < 2 || p.Lon() > 4.3 || p.Lat() < 50 || p.Lat() > 51.1 {
			t.Errorf("%s read at lon %g, lat %g: not in the Nord", features[i].ID, p.Lon(), p.Lat())
		}
		if d := Distance(Point{p.Lon(), p.Lat()}, features[i].Point); d > 0.002 {
			t.Errorf("%s moved %.4f km by rounding, want under 2 m", features[i].ID, d)
		}
	}
}
