package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// sfntMetrics is what the renderer needs from a TrueType font: the glyph
// advances of the characters it maps and the font descriptor values, all in
// thousandths of an em.
type sfntMetrics struct {
	psName       string
	advance      map[rune]int // characters mapped by the Unicode cmap
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

// sfnt reads a TrueType file with bounds checks on every access.
type sfnt struct {
	data   []byte
	tables map[string][]byte
}

var errTruncated = errors.New("ttf: truncated font data")

func (s *sfnt) u16(b []byte, off int) (int, error) {
	if off < 0 || off+2 > len(b) {
		return 0, errTruncated
	}
	return int(binary.BigEndian.Uint16(b[off:])), nil
}

func (s *sfnt) i16(b []byte, off int) (int, error) {
	v, err := s.u16(b, off)
	return int(int16(uint16(v))), err
}

func (s *sfnt) u32(b []byte, off int) (uint32, error) {
	if off < 0 || off+4 > len(b) {
		return 0, errTruncated
	}
	return binary.BigEndian.Uint32(b[off:]), nil
}

func (s *sfnt) table(tag string) ([]byte, error) {
	t, ok := s.tables[tag]
	if !ok {
		return nil, fmt.Errorf("ttf: missing %q table", tag)
	}
	return t, nil
}

// parseTrueType extracts the metrics of a TrueType (glyf-based) font.
func parseTrueType(data []byte) (*sfntMetrics, error) {
	s := &sfnt{data: data, tables: map[string][]byte{}}
	version, err := s.u32(data, 0)
	if err != nil {
		return nil, err
	}
	if version != 0x00010000 && version != 0x74727565 { // 1.0 or "true"
		return nil, fmt.Errorf("ttf: unsupported font version %#x", version)
	}
	n, err := s.u16(data, 4)
	if err != nil {
		return nil, err
	}
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errTruncated
		}
		tag := string(data[rec : rec+4])
		off, _ := s.u32(data, rec+8)
		length, _ := s.u32(data, rec+12)
		end := uint64(off) + uint64(length)
		if end > uint64(len(data)) {
			return nil, fmt.Errorf("ttf: table %q out of bounds", tag)
		}
		s.tables[tag] = data[off:end]
	}
	m := &sfntMetrics{}
	if err := s.readMetrics(m); err != nil {
		return nil, err
	}
	return m, nil
}

func (s *sfnt) readMetrics(m *sfntMetrics) error {
	head, err := s.table("head")
	if err != nil {
		return err
	}
	upem, err := s.u16(head, 18)
	if err != nil {
		return err
	}
	if upem == 0 {
		return errors.New("ttf: zero unitsPerEm")
	}
	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(upem))) }
	for i := range m.bbox {
		v, err := s.i16(head, 36+2*i)
		if err != nil {
			return err
		}
		m.bbox[i] = scale(v)
	}
	hhea, err := s.table("hhea")
	if err != nil {
		return err
	}
	asc, err := s.i16(hhea, 4)
	if err != nil {
		return err
	}
	desc, err := s.i16(hhea, 6)
	if err != nil {
		return err
	}
	m.ascent, m.descent = scale(asc), scale(desc)
	advances, err := s.glyphAdvances(hhea)
	if err != nil {
		return err
	}
	if len(advances) == 0 {
		return errors.New("ttf: no glyph metrics")
	}
	m.missingWidth = scale(advances[0])
	cmap, err := s.unicodeCmap()
	if err != nil {
		return err
	}
	m.advance = make(map[rune]int, len(cmap))
	for r, gid := range cmap {
		if gid == 0 {
			continue
		}
		adv := advances[len(advances)-1]
		if gid < len(advances) {
			adv = advances[gid]
		}
		m.advance[r] = scale(adv)
	}
	if err := s.readPost(m, scale); err != nil {
		return err
	}
	s.readOS2(m, scale)
	capH, err := s.capHeight(cmap, head)
	if err != nil {
		return err
	}
	m.capHeight = scale(capH)
	m.psName, err = s.postScriptName()
	return err
}

// glyphAdvances returns the advance width of every glyph, in font units.
func (s *sfnt) glyphAdvances(hhea []byte) ([]int, error) {
	maxp, err := s.table("maxp")
	if err != nil {
		return nil, err
	}
	numGlyphs, err := s.u16(maxp, 4)
	if err != nil {
		return nil, err
	}
	numHMetrics, err := s.u16(hhea, 34)
	if err != nil {
		return nil, err
	}
	hmtx, err := s.table("hmtx")
	if err != nil {
		return nil, err
	}
	if numHMetrics == 0 || numHMetrics > numGlyphs {
		return nil, errors.New("ttf: invalid numberOfHMetrics")
	}
	adv := make([]int, numGlyphs)
	for g := range numGlyphs {
		i := min(g, numHMetrics-1)
		if adv[g], err = s.u16(hmtx, 4*i); err != nil {
			return nil, err
		}
	}
	return adv, nil
}

// unicodeCmap decodes the format 4 Unicode BMP cmap subtable.
func (s *sfnt) unicodeCmap() (map[rune]int, error) {
	cmap, err := s.table("cmap")
	if err != nil {
		return nil, err
	}
	n, err := s.u16(cmap, 2)
	if err != nil {
		return nil, err
	}
	sub := -1
	for i := range n {
		platform, _ := s.u16(cmap, 4+8*i)
		encoding, _ := s.u16(cmap, 6+8*i)
		off, err := s.u32(cmap, 8+8*i)
		if err != nil {
			return nil, err
		}
		if (platform == 3 && encoding == 1) || platform == 0 {
			if f, err := s.u16(cmap, int(off)); err == nil && f == 4 {
				sub = int(off)
				if platform == 3 {
					break
				}
			}
		}
	}
	if sub < 0 || sub >= len(cmap) {
		return nil, errors.New("ttf: no format 4 Unicode cmap")
	}
	return s.cmapFormat4(cmap[sub:])
}

func (s *sfnt) cmapFormat4(t []byte) (map[rune]int, error) {
	segX2, err := s.u16(t, 6)
	if err != nil {
		return nil, err
	}
	ends, starts, deltas, offsets := 14, 16+segX2, 16+2*segX2, 16+3*segX2
	out := map[rune]int{}
	for i := 0; i < segX2/2; i++ {
		end, err1 := s.u16(t, ends+2*i)
		start, err2 := s.u16(t, starts+2*i)
		delta, err3 := s.u16(t, deltas+2*i)
		rangeOff, err4 := s.u16(t, offsets+2*i)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return nil, err
		}
		for c := start; c <= end && c < 0xFFFF; c++ {
			gid := (c + delta) & 0xFFFF
			if rangeOff != 0 {
				g, err := s.u16(t, offsets+2*i+rangeOff+2*(c-start))
				if err != nil {
					return nil, err
				}
				gid = 0
				if g != 0 {
					gid = (g + delta) & 0xFFFF
				}
			}
			out[rune(c)] = gid
		}
	}
	return out, nil
}

func (s *sfnt) readPost(m *sfntMetrics, scale func(int) int) error {
	post, err := s.table("post")
	if err != nil {
		return err
	}
	angle, err := s.u32(post, 4)
	if err != nil {
		return err
	}
	m.italicAngle = float64(int32(angle)) / 65536
	pos, _ := s.i16(post, 8)
	th, _ := s.i16(post, 10)
	fixed, err := s.u32(post, 12)
	m.underlinePos, m.underlineTh, m.fixedPitch = scale(pos), scale(th), fixed != 0
	return err
}

func (s *sfnt) readOS2(m *sfntMetrics, scale func(int) int) {
	m.weightClass = 400
	os2, ok := s.tables["OS/2"]
	if !ok {
		return
	}
	if w, err := s.u16(os2, 4); err == nil {
		m.weightClass = w
	}
}

// capHeight reads OS/2 sCapHeight when present (version ≥ 2), else the top
// of the « H » glyph.
func (s *sfnt) capHeight(cmap map[rune]int, head []byte) (int, error) {
	if os2, ok := s.tables["OS/2"]; ok {
		if v, err := s.u16(os2, 0); err == nil && v >= 2 {
			if h, err := s.i16(os2, 88); err == nil && h > 0 {
				return h, nil
			}
		}
	}
	gid := cmap['H']
	locFormat, err := s.i16(head, 50)
	if err != nil {
		return 0, err
	}
	loca, err := s.table("loca")
	if err != nil {
		return 0, err
	}
	glyf, err := s.table("glyf")
	if err != nil {
		return 0, err
	}
	var off int
	if locFormat == 0 {
		v, err := s.u16(loca, 2*gid)
		if err != nil {
			return 0, err
		}
		off = 2 * v
	} else {
		v, err := s.u32(loca, 4*gid)
		if err != nil {
			return 0, err
		}
		off = int(v)
	}
	return s.i16(glyf, off+8) // yMax
}

// postScriptName reads name ID 6 (Windows Unicode or Macintosh Roman).
func (s *sfnt) postScriptName() (string, error) {
	name, err := s.table("name")
	if err != nil {
		return "", err
	}
	count, err := s.u16(name, 2)
	if err != nil {
		return "", err
	}
	strOff, err := s.u16(name, 4)
	if err != nil {
		return "", err
	}
	for i := range count {
		rec := 6 + 12*i
		platform, _ := s.u16(name, rec)
		id, _ := s.u16(name, rec+6)
		length, _ := s.u16(name, rec+8)
		off, err := s.u16(name, rec+10)
		if err != nil {
			return "", err
		}
		if id != 6 || (platform != 3 && platform != 1) {
			continue
		}
		start := strOff + off
		if start+length > len(name) {
			return "", errTruncated
		}
		raw := name[start : start+length]
		var out []byte
		for j := 0; j < len(raw); j++ {
			if platform == 3 {
				j++ // UTF-16BE: PostScript names are ASCII
				if j >= len(raw) {
					break
				}
			}
			if c := raw[j]; c > ' ' && c < 0x7F && c != '/' && c != '(' && c != ')' {
				out = append(out, c)
			}
		}
		if len(out) > 0 {
			return string(out), nil
		}
	}
	return "", errors.New("ttf: no PostScript name")
}
