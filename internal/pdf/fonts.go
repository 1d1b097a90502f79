package pdf

import (
	"bytes"
	"compress/zlib"
	"embed"
	"fmt"
)

//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf fonts/DejaVuSans-Oblique.ttf
var fontFiles embed.FS

// style selects one of the embedded faces.
type style uint8

const (
	regular style = iota
	bold
	italic
	styleCount
)

// fpdfStyle is the style string fpdf associates with each face.
func (s style) fpdfStyle() string {
	switch s {
	case bold:
		return "B"
	case italic:
		return "I"
	default:
		return ""
	}
}

// subsetTag prefixes the PostScript name of the face: PDF requires a tag
// for font subsets, and the embedded faces are subsets of DejaVu Sans.
func (s style) subsetTag() string {
	return [...]string{"TNLAAA", "TNLAAB", "TNLAAC"}[s%styleCount]
}

// fontFamily is the family name the faces are registered under in fpdf.
const fontFamily = "dejavu"

// face is one embedded font, parsed and compressed once by New.
type face struct {
	metrics *sfntMetrics
	widths  []uint16 // advance per rune in thousandths of an em, 0 = unmapped
	file    string   // fpdf font file name; the ".z" suffix means zlib data
	zdata   []byte   // zlib-compressed font program, embedded as is
	size    int      // uncompressed size of the font program
}

// loadFace parses and compresses one embedded font file.
func loadFace(name string) (*face, error) {
	data, err := fontFiles.ReadFile("fonts/" + name + ".ttf")
	if err != nil {
		return nil, fmt.Errorf("pdf: read font %s: %w", name, err)
	}
	m, err := parseTrueType(data)
	if err != nil {
		return nil, fmt.Errorf("pdf: parse font %s: %w", name, err)
	}
	maxRune := rune(0)
	for r := range m.advance {
		maxRune = max(maxRune, r)
	}
	widths := make([]uint16, maxRune+1)
	for r, w := range m.advance {
		// Zero-width glyphs are stored as 1/1000 em so that 0 keeps meaning
		// "unmapped"; the difference is invisible.
		widths[r] = uint16(min(max(w, 1), 0xFFFF))
	}
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return &face{metrics: m, widths: widths, file: name + ".z", zdata: z.Bytes(), size: len(data)}, nil
}

// has reports whether the face maps r.
func (f *face) has(r rune) bool {
	return r >= 0 && int(r) < len(f.widths) && f.widths[r] != 0
}

// advance returns the width of r in thousandths of an em.
func (f *face) advance(r rune) int {
	if r >= 0 && int(r) < len(f.widths) && f.widths[r] != 0 {
		return int(f.widths[r])
	}
	return f.metrics.missingWidth
}

// stringWidth returns the width of s in points at the given size.
func (f *face) stringWidth(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		w += f.advance(r)
	}
	return float64(w) * size / 1000
}
