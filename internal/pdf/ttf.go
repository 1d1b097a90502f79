package pdf

// The font metrics come from golang.org/x/image/font/sfnt, which gives,
// for the three embedded DejaVu fonts, exactly the figures the former
// hand-written parser computed (advance of each of the 449 mapped
// characters, glyph 0, units per em, head bounding box, hhea ascent and
// descent, cap height, PostScript name, post table). Three things are
// still done here because sfnt does not offer them:
//   - the OS/2 usWeightClass, which sfnt does not expose;
//   - refusing CFF-flavoured (« OTTO ») fonts, which sfnt parses but fpdf
//     cannot embed as a TrueType font program;
//   - listing the mapped characters: sfnt only answers « which glyph for
//     this character », so every code point of the Basic Multilingual
//     Plane is asked (the former parser read the format 4 cmap, which
//     covers the same plane). This makes parsing a face about 1 ms instead
//     of 0.1 ms, paid once per process by New (BenchmarkNew: 3.2 → 5.0 ms,
//     most of it compressing the fonts).

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// sfntMetrics is what the renderer needs from a TrueType font: the glyph
// advances of the characters it maps and the font descriptor values, all in
// thousandths of an em.
type sfntMetrics struct {
	psName       string
	advance      map[rune]int // characters of the Basic Multilingual Plane mapped by the cmap
	missingWidth int          // advance of glyph 0
	ascent       int
	descent      int
	capHeight    int
	bbox         [4]int
	italicAngle  float64
	fixedPitch   bool
	weightClass  int
	underlinePos int
	underlineTh  int
}

// lastBMPRune is the last code point of the Basic Multilingual Plane that
// can be a character (U+FFFF is a noncharacter).
const lastBMPRune = 0xFFFE

// parseTrueType extracts the metrics of a TrueType (glyf-based) font.
func parseTrueType(data []byte) (*sfntMetrics, error) {
	if len(data) < 4 {
		return nil, errors.New("ttf: truncated font data")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 { // 1.0 or "true"
		return nil, fmt.Errorf("ttf: unsupported font version %#x", v)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	var buf sfnt.Buffer
	upem := int(f.UnitsPerEm())
	if upem == 0 {
		return nil, errors.New("ttf: zero unitsPerEm")
	}
	// At this size sfnt's 26.6 fixed-point results are plain font units.
	ppem := fixed.Int26_6(upem)
	scale := func(v fixed.Int26_6) int { return int(math.Round(float64(v) * 1000 / float64(upem))) }

	m := &sfntMetrics{}
	bounds, err := f.Bounds(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	// sfnt's y axis points down.
	m.bbox = [4]int{scale(bounds.Min.X), scale(-bounds.Max.Y), scale(bounds.Max.X), scale(-bounds.Min.Y)}
	vm, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("ttf: %w", err)
	}
	m.ascent, m.descent = scale(vm.Ascent), -scale(vm.Descent)
	// For an OS/2 table older than version 2 (the DejaVu fonts have
	// version 1), sfnt takes the top of « H » but returns it negated.
	m.capHeight = scale(max(vm.CapHeight, -vm.CapHeight))

	if m.advance, m.missingWidth, err = advances(f, &buf, ppem, scale); err != nil {
		return nil, err
	}
	post := f.PostTable()
	if post == nil {
		return nil, errors.New(`ttf: missing "post" table`)
	}
	m.italicAngle, m.fixedPitch = post.ItalicAngle, post.IsFixedPitch
	m.underlinePos = scale(fixed.Int26_6(post.UnderlinePosition))
	m.underlineTh = scale(fixed.Int26_6(post.UnderlineThickness))
	m.weightClass = weightClass(data)
	if m.psName, err = postScriptName(f, &buf); err != nil {
		return nil, err
	}
	return m, nil
}

// advances returns the advance of every mapped character of the Basic
// Multilingual Plane and that of glyph 0.
func advances(f *sfnt.Font, buf *sfnt.Buffer, ppem fixed.Int26_6, scale func(fixed.Int26_6) int) (map[rune]int, int, error) {
	missing, err := f.GlyphAdvance(buf, 0, ppem, font.HintingNone)
	if err != nil {
		return nil, 0, fmt.Errorf("ttf: no glyph metrics: %w", err)
	}
	out := map[rune]int{}
	for r := rune(0); r <= lastBMPRune; r++ {
		g, err := f.GlyphIndex(buf, r)
		if err != nil {
			return nil, 0, fmt.Errorf("ttf: cmap: %w", err)
		}
		if g == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(buf, g, ppem, font.HintingNone)
		if err != nil {
			return nil, 0, fmt.Errorf("ttf: advance of %U: %w", r, err)
		}
		out[r] = scale(adv)
	}
	return out, scale(missing), nil
}

// postScriptName reads name ID 6, keeping the characters a PDF name
// accepts without escaping (PostScript names are ASCII).
func postScriptName(f *sfnt.Font, buf *sfnt.Buffer) (string, error) {
	name, err := f.Name(buf, sfnt.NameIDPostScript)
	if err != nil {
		return "", fmt.Errorf("ttf: no PostScript name: %w", err)
	}
	out := make([]byte, 0, len(name))
	for _, c := range []byte(name) {
		if c > ' ' && c < 0x7F && c != '/' && c != '(' && c != ')' {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "", errors.New("ttf: no PostScript name")
	}
	return string(out), nil
}

// weightClass reads usWeightClass from the OS/2 table, which sfnt does not
// expose; 400 (normal) when the table is absent or too short.
func weightClass(data []byte) int {
	const normal = 400
	if len(data) < 12 {
		return normal
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return normal
		}
		if string(data[rec:rec+4]) != "OS/2" {
			continue
		}
		off, length := binary.BigEndian.Uint32(data[rec+8:]), binary.BigEndian.Uint32(data[rec+12:])
		if length < 6 || uint64(off)+6 > uint64(len(data)) {
			return normal
		}
		return int(binary.BigEndian.Uint16(data[off+4:]))
	}
	return normal
}
