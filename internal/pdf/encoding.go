package pdf

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"golang.org/x/text/unicode/norm"
)

// Why a per-document encoding: fpdf's UTF-8 font support
// (AddUTF8FontFromBytes) re-parses the TrueType file, hashes a 65,536-entry
// width table and re-subsets the font for every document, about 4 ms of CPU
// per face and per document. Instead each document gets a single-byte
// encoding built from the characters it actually uses: codes 32–126 keep
// their ASCII meaning and codes 127–255 are assigned, in Unicode order, to
// the other characters. The encoding is declared to PDF readers through a
// /Differences array of « uni » + four hex digits glyph names, which readers map through
// the font's Unicode cmap (PDF 32000-1, 9.6.6.4) and which text extraction
// maps back to Unicode. The font programs are embedded as compressed once by
// New, so adding a face to a document costs a small JSON definition.

const (
	firstCode = 127             // first code assigned to a non-ASCII character
	codeCount = 256 - firstCode // codes available per document
)

// encoding maps the non-ASCII characters of one document to single bytes.
type encoding struct {
	runes []rune // runes[i] has code firstCode+i
	codes map[rune]byte
	used  [styleCount]bool
}

// newEncoding collects the characters of every text on the canvas. When a
// document uses more than codeCount distinct non-ASCII characters, the most
// frequent ones get codes and the others are approximated by encode.
func newEncoding(c *canvas) *encoding {
	rc := newRuneCounts()
	rc.add(c)
	return rc.encoding()
}

// runeCounts counts the characters of the canvases of one document, for a
// document made of several laid-out parts (the merged letters).
type runeCounts struct {
	counts map[rune]int
	used   [styleCount]bool
}

func newRuneCounts() *runeCounts { return &runeCounts{counts: map[rune]int{}} }

func (rc *runeCounts) add(c *canvas) {
	for _, ops := range c.pages {
		for i := range ops {
			if ops[i].kind != opText {
				continue
			}
			rc.used[ops[i].style] = true
			for _, r := range ops[i].text {
				if r >= firstCode {
					rc.counts[r]++
				}
			}
		}
	}
}

func (rc *runeCounts) encoding() *encoding {
	counts := rc.counts
	e := &encoding{used: rc.used}
	e.runes = make([]rune, 0, len(counts))
	for r := range counts {
		e.runes = append(e.runes, r)
	}
	if len(e.runes) > codeCount {
		slices.SortFunc(e.runes, func(a, b rune) int {
			return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
		})
		e.runes = e.runes[:codeCount]
	}
	slices.Sort(e.runes)
	e.codes = make(map[rune]byte, len(e.runes))
	for i, r := range e.runes {
		e.codes[r] = byte(firstCode + i)
	}
	return e
}

// encode converts clean text to the document encoding.
func (e *encoding) encode(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] >= ' ' && s[i] < firstCode
	}
	if ascii {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = e.appendRune(b, r)
	}
	return string(b)
}

func (e *encoding) appendRune(b []byte, r rune) []byte {
	switch {
	case r >= ' ' && r < firstCode:
		return append(b, byte(r))
	case r < ' ':
		return append(b, ' ')
	}
	if c, ok := e.codes[r]; ok {
		return append(b, c)
	}
	// Out of codes: keep the encodable part of the compatibility
	// decomposition (« ř » → « r »), else '?'.
	n := len(b)
	for _, d := range norm.NFKD.String(string(r)) {
		if d == r {
			continue
		}
		if d >= ' ' && d < firstCode {
			b = append(b, byte(d))
		} else if c, ok := e.codes[d]; ok {
			b = append(b, c)
		}
	}
	if len(b) == n {
		b = append(b, '?')
	}
	return b
}

// differences returns the /Differences array body declaring the codes.
func (e *encoding) differences() string {
	if len(e.runes) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(8 * len(e.runes))
	fmt.Fprintf(&b, "%d", firstCode)
	for _, r := range e.runes {
		fmt.Fprintf(&b, " /uni%04X", r)
	}
	return b.String()
}

// fontDef mirrors the exported fields of fpdf's font definition JSON, as
// read by fpdf.AddFontFromBytes.
type fontDef struct {
	Tp           string
	Name         string
	Desc         fpdf.FontDescType
	Up           int
	Ut           int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

// fontDefinition returns the fpdf font definition of f in this encoding.
// subsetTag prefixes the PostScript name as PDF requires for font subsets.
func (e *encoding) fontDefinition(f *face, subsetTag, diff string) ([]byte, error) {
	m := f.metrics
	cw := make([]int, 256)
	for c := ' '; c < firstCode; c++ {
		cw[c] = f.advance(c)
	}
	for i, r := range e.runes {
		cw[firstCode+i] = f.advance(r)
	}
	flags := 32 // nonsymbolic
	if m.fixedPitch {
		flags |= 1
	}
	if m.italicAngle != 0 {
		flags |= 64
	}
	stemV := 70
	if m.weightClass >= 600 {
		stemV = 120
	}
	d := fontDef{
		Tp:   "TrueType",
		Name: subsetTag + "+" + m.psName,
		Desc: fpdf.FontDescType{
			Ascent:       m.ascent,
			Descent:      m.descent,
			CapHeight:    m.capHeight,
			Flags:        flags,
			ItalicAngle:  int(math.Round(m.italicAngle)),
			StemV:        stemV,
			MissingWidth: m.missingWidth,
		},
		Up:           m.underlinePos,
		Ut:           m.underlineTh,
		Cw:           cw,
		Diff:         diff,
		File:         f.file,
		OriginalSize: f.size,
	}
	d.Desc.FontBBox.Xmin, d.Desc.FontBBox.Ymin = m.bbox[0], m.bbox[1]
	d.Desc.FontBBox.Xmax, d.Desc.FontBBox.Ymax = m.bbox[2], m.bbox[3]
	return json.Marshal(d)
}
