package pdf

import (
	"bytes"
	"reflect"
	"testing"
)

func TestEmbeddedFaces(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	names := [styleCount]string{"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
	for s, f := range e.faces {
		m := f.metrics
		if m.psName != names[s] {
			t.Errorf("face %d: PostScript name %q, want %q", s, m.psName, names[s])
		}
		if m.ascent <= 0 || m.descent >= 0 || m.capHeight <= 0 || m.capHeight >= m.ascent {
			t.Errorf("%s: implausible vertical metrics %+v", m.psName, m)
		}
		if f.advance('M') <= f.advance('i') || f.advance(' ') == 0 {
			t.Errorf("%s: implausible advances M=%d i=%d space=%d", m.psName, f.advance('M'), f.advance('i'), f.advance(' '))
		}
		if (style(s) == italic) != (m.italicAngle != 0) {
			t.Errorf("%s: italic angle %v", m.psName, m.italicAngle)
		}
		if f.size == 0 || len(f.zdata) == 0 || len(f.zdata) >= f.size {
			t.Errorf("%s: compressed %d of %d bytes", m.psName, len(f.zdata), f.size)
		}
	}
	if e.faces[bold].metrics.weightClass < 600 || e.faces[regular].metrics.weightClass >= 600 {
		t.Error("weight classes do not distinguish bold from regular")
	}
}

// TestDejaVuMetrics pins the figures read from the embedded fonts; the
// former hand-written parser gave exactly these.
func TestDejaVuMetrics(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file        string
		bbox        [4]int
		italicAngle float64
		weightClass int
		advanceA    int
	}{
		{"DejaVuSans", [4]int{-1021, -463, 1793, 1232}, 0, 400, 684},
		{"DejaVuSans-Bold", [4]int{-1069, -415, 1975, 1175}, 0, 700, 774},
		{"DejaVuSans-Oblique", [4]int{-1016, -350, 1659, 1068}, -11, 400, 684},
	}
	for _, c := range cases {
		data, err := fontFiles.ReadFile("fonts/" + c.file + ".ttf")
		if err != nil {
			t.Fatal(err)
		}
		m, err := parseTrueType(data)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		got := *m
		got.advance = nil
		want := sfntMetrics{
			psName: c.file, missingWidth: 600, ascent: 928, descent: -236, capHeight: 729,
			bbox: c.bbox, italicAngle: c.italicAngle, weightClass: c.weightClass, underlinePos: -20, underlineTh: 44,
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: metrics\n%+v\nwant\n%+v", c.file, got, want)
		}
		if len(m.advance) != 449 || m.advance['A'] != c.advanceA || m.advance['é'] != m.advance['e'] || m.advance['\u202f'] == 0 {
			t.Errorf("%s: %d characters, A=%d é=%d e=%d U+202F=%d", c.file, len(m.advance), m.advance['A'], m.advance['é'], m.advance['e'], m.advance['\u202f'])
		}
	}
}

func TestFacesCoverFrench(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	for _, r := range "abcABC0123456789éèêëàâäçîïôöùûüÿœæÉÈÊËÀÂÇÎÏÔÙÛÜŸŒÆ«»€’‘“”…–—°\u00a0\u202f\u2009§²³ŁłŠšŽžȘșȚț" {
		if !e.chars.has(r) {
			t.Errorf("%U %q is not drawable", r, r)
		}
	}
	for _, r := range "\x00\n\t\u200b\u00ad\ufeff日😀" {
		if e.chars.has(r) {
			t.Errorf("%U should not be drawable", r)
		}
	}
}

func TestParseTrueTypeRejectsBadData(t *testing.T) {
	t.Parallel()
	good, err := fontFiles.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"empty":       nil,
		"short":       {0, 1, 0},
		"not a font":  []byte("%PDF-1.4 not a font at all"),
		"opentype":    append([]byte("OTTO"), good[4:]...),
		"no tables":   append(append([]byte{}, good[:4]...), 0, 0),
		"zeroed body": append(append([]byte{}, good[:300]...), make([]byte, len(good)-300)...),
	}
	for _, n := range []int{5, 12, 100, 200, len(good) / 2, len(good) - 1} {
		cases["truncated"+string(rune('A'+len(cases)))] = good[:n]
	}
	for name, data := range cases {
		if _, err := parseTrueType(data); err == nil {
			t.Errorf("%s: parseTrueType accepted bad data", name)
		}
	}
	// Corrupting any byte of the table directory must not panic.
	for i := 12; i < 12+16*12 && i < len(good); i++ {
		bad := bytes.Clone(good)
		bad[i] ^= 0xFF
		_, _ = parseTrueType(bad)
	}
}
