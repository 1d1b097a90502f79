package geo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Feature is a point of a GeoJSON feed: a visit, a GULL.
type Feature struct {
	// ID, when not empty, is written as the feature's "id".
	ID string
	// Point is written as a GeoJSON Point, [longitude, latitude].
	Point Point
	// Properties is marshalled with encoding/json and must give a JSON
	// object (a map, whose keys come sorted, or a struct, whose fields come
	// in order); nil gives {}. uMap shows the "name" and "description"
	// members in its pop-ups.
	Properties any
}

// WriteFeatureCollection writes features as a GeoJSON FeatureCollection
// (RFC 7946), one feature a line, members in a fixed order (type, id,
// geometry, properties) and coordinates rounded to 5 decimals (about a
// metre), so that the same features give the same bytes. A feature with an
// invalid point or properties that are not an object stops the writing
// before anything is written.
func WriteFeatureCollection(w io.Writer, features []Feature) error {
	lines := make([][]byte, len(features))
	for i, f := range features {
		line, err := featureJSON(f)
		if err != nil {
			return fmt.Errorf("GeoJSON, entité n° %d : %w", i+1, err)
		}
		lines[i] = line
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, line := range lines {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		bw.Write(line)
	}
	bw.WriteString("\n]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("GeoJSON : écriture : %w", err)
	}
	return nil
}

func featureJSON(f Feature) ([]byte, error) {
	if !f.Point.Valid() {
		return nil, fmt.Errorf("coordonnées invalides (longitude %g, latitude %g)", f.Point.Lon, f.Point.Lat)
	}
	props := []byte("{}")
	if f.Properties != nil {
		var err error
		if props, err = json.Marshal(f.Properties); err != nil {
			return nil, fmt.Errorf("propriétés illisibles : %w", err)
		}
		switch {
		case bytes.Equal(props, []byte("null")):
			props = []byte("{}")
		case props[0] != '{':
			return nil, fmt.Errorf("les propriétés doivent former un objet JSON, pas %s", props)
		}
	}
	b := []byte(`{"type":"Feature",`)
	if f.ID != "" {
		id, _ := json.Marshal(f.ID) // a string always marshals
		b = append(b, `"id":`...)
		b = append(b, id...)
		b = append(b, ',')
	}
	b = append(b, `"geometry":{"type":"Point","coordinates":[`...)
	b = appendDegrees(b, f.Point.Lon)
	b = append(b, ',')
	b = appendDegrees(b, f.Point.Lat)
	b = append(b, `]},"properties":`...)
	b = append(b, props...)
	return append(b, '}'), nil
}

// appendDegrees appends v rounded to 5 decimals, in its shortest form.
func appendDegrees(b []byte, v float64) []byte {
	r := math.Round(v*1e5) / 1e5
	if r == 0 {
		r = 0 // no « -0 »
	}
	return strconv.AppendFloat(b, r, 'f', -1, 64)
}
