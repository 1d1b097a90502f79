package geo

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// MapOptions says what RenderMap draws.
type MapOptions struct {
	// Title is the map's accessible name (its <title>), required:
	// « Lauréats 2026 par département ».
	Title string
	// Description, when given, is the map's <desc>.
	Description string
	// Values holds the value of each area and inset, by code; a code absent
	// counts 0.
	Values map[string]int
	// Breaks, when given, fixes the classes (see NewScale); else they are
	// computed from the values of the areas and insets drawn.
	Breaks []int
	// Label gives the text of each area's <title> and link name, so that
	// the caller decides wording and plurals (« Nord : 3 lauréats »). When
	// nil it is « Nord : 3 ».
	Label func(code, name string, value int) string
	// Link gives the address an area links to, "" for none; nil for no
	// links at all.
	Link func(code string) string
	// Insets are drawn as labelled boxes left of the map: the areas without
	// an outline, OverseasDepartements() or OverseasRegions().
	Insets []Inset
	// IDPrefix starts every id of the SVG, so that several maps can share a
	// page; it must start with a letter. Default « carte- ».
	IDPrefix string
	// LegendTitle heads the legend. Default « Légende ».
	LegendTitle string
	// Zoom, when it names areas, draws them again, enlarged, in a framed
	// box over the Bay of Biscay, so that small ones can be seen and
	// clicked: PetiteCouronne() for Paris and its neighbours.
	Zoom Zoom
}

func (o MapOptions) prefix() string {
	if o.IDPrefix == "" {
		return "carte-"
	}
	return o.IDPrefix
}

func (o MapOptions) label(code, name string, v int) string {
	if o.Label == nil {
		return name + " : " + thousands(v)
	}
	return o.Label(code, name, v)
}

func (o MapOptions) link(code string) string {
	if o.Link == nil {
		return ""
	}
	return o.Link(code)
}

// Scale returns the classes RenderMap uses for these areas and o's insets,
// for a legend or a table in the page around the map.
func (o MapOptions) Scale(areas []Area) (Scale, error) {
	values := make([]int, 0, len(areas)+len(o.Insets))
	for _, a := range areas {
		values = append(values, o.Values[a.Code])
	}
	for _, in := range o.Insets {
		values = append(values, o.Values[in.Code])
	}
	return NewScale(values, o.Breaks)
}

// RenderMap writes an SVG choropleth of areas, projected in Lambert-93 into
// a fixed viewBox of 1 460 × 1 080 units (one per kilometre for the map):
// one <path> per area, id IDPrefix+code, filled by the class of its value,
// with a <title> and, where Link gives one, inside an <a href> that the
// keyboard reaches. Insets come as labelled squares in a column on the left,
// above the legend. The SVG is role="img" (role="group" when it holds links,
// which an image would hide) and named by its <title> and <desc>; it uses no
// external resource and the same input gives the same bytes.
func RenderMap(w io.Writer, areas []Area, opts MapOptions) error {
	if strings.TrimSpace(opts.Title) == "" {
		return errors.New("carte : titre manquant")
	}
	p := opts.prefix()
	if !validIDPrefix(p) {
		return fmt.Errorf("carte : préfixe d’identifiant « %s » invalide (une lettre, puis lettres, chiffres, - ou _)", p)
	}
	seen := map[string]bool{}
	for _, code := range slices.Concat(codesOf(areas), insetCodes(opts.Insets)) {
		if seen[code] {
			return fmt.Errorf("carte : zone « %s » en double", code)
		}
		seen[code] = true
	}
	scale, err := opts.Scale(areas)
	if err != nil {
		return fmt.Errorf("carte : %w", err)
	}
	if h := columnHeight(opts, scale); h > viewHeight {
		return fmt.Errorf("carte : %d encarts et %d classes ne tiennent pas dans la colonne de gauche", len(opts.Insets), len(scale))
	}
	linked := false
	for code := range seen {
		if opts.link(code) != "" {
			linked = true
			break
		}
	}

	var b bytes.Buffer
	b.Grow(128 << 10)
	role := "img"
	if linked {
		role = "group"
	}
	labelledBy := p + "title"
	if opts.Description != "" {
		labelledBy += " " + p + "desc"
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" id="%smap" role="%s" aria-labelledby="%s" font-family="sans-serif">`+"\n",
		viewWidth, viewHeight, p, role, labelledBy)
	fmt.Fprintf(&b, `<title id="%stitle">%s</title>`+"\n", p, esc(opts.Title))
	if opts.Description != "" {
		fmt.Fprintf(&b, `<desc id="%sdesc">%s</desc>`+"\n", p, esc(opts.Description))
	}
	// Focus and hover show as a thick dark outline, on top of the browser's
	// own focus ring; the selectors are scoped by id because a <style> in an
	// SVG inlined in HTML applies to the whole page.
	fmt.Fprintf(&b, "<style>#%[1]smap a:focus>path,#%[1]smap a:focus>rect,#%[1]smap a:hover>path,#%[1]smap a:hover>rect{stroke:#000;stroke-width:4}</style>\n", p)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="%s"/>`+"\n", viewWidth, viewHeight, background)

	proj := newLambert93()
	b.WriteString(`<g stroke="#4d4d4d" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">` + "\n")
	var d []byte
	for _, a := range slices.SortedFunc(slices.Values(areas), func(x, y Area) int { return cmp.Compare(x.Code, y.Code) }) {
		v := opts.Values[a.Code]
		d = appendPathData(d[:0], proj, mainView(), a.Polygons)
		open, closing := linkTags(opts.link(a.Code))
		fmt.Fprintf(&b, `%s<path id="%s%s" fill="%s" d="%s"><title>%s</title></path>%s`+"\n",
			open, p, esc(a.Code), scale[scale.Index(v)].Fill, d, esc(opts.label(a.Code, a.Name, v)), closing)
	}
	b.WriteString("</g>\n")

	if err := writeZoom(&b, areas, opts, scale, proj); err != nil {
		return err
	}
	writeInsets(&b, opts, scale, p)
	writeLegend(&b, opts, scale)
	b.WriteString("</svg>\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("carte : écriture : %w", err)
	}
	return nil
}

// Layout of the left column, in SVG units.
const (
	insetTop    = 40
	insetSize   = 80
	insetStep   = 110
	columnLeft  = 20
	textLeft    = columnLeft + insetSize + 16
	fontSize    = 28
	legendGap   = 50
	legendRow   = 44
	swatchW     = 40
	swatchH     = 30
	legendWrap  = 16 // characters a legend title line holds
	textColour  = "#1a1a1a"
	strokeStyle = `stroke="#4d4d4d" stroke-width="1"`
)

func writeInsets(b *bytes.Buffer, opts MapOptions, scale Scale, p string) {
	if len(opts.Insets) == 0 {
		return
	}
	fmt.Fprintf(b, `<g font-size="%d" fill="%s">`+"\n", fontSize, textColour)
	for i, in := range opts.Insets {
		v := opts.Values[in.Code]
		y := insetTop + i*insetStep
		open, closing := linkTags(opts.link(in.Code))
		fmt.Fprintf(b, `%s<rect id="%s%s" x="%d" y="%d" width="%d" height="%d" fill="%s" %s><title>%s</title></rect>`,
			open, p, esc(in.Code), columnLeft, y, insetSize, insetSize, scale[scale.Index(v)].Fill, strokeStyle, esc(opts.label(in.Code, in.Name, v)))
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text><text x="%d" y="%d" font-weight="bold">%s</text>%s`+"\n",
			textLeft, y+32, esc(in.Name), textLeft, y+68, thousands(v), closing)
	}
	b.WriteString("</g>\n")
}

func (o MapOptions) legendTitle() string {
	if o.LegendTitle == "" {
		return "Légende"
	}
	return o.LegendTitle
}

// legendTop is where the legend starts, under the insets.
func legendTop(opts MapOptions) int {
	if len(opts.Insets) == 0 {
		return insetTop
	}
	return insetTop + len(opts.Insets)*insetStep + legendGap
}

// columnHeight is the height the insets and the legend take.
func columnHeight(opts MapOptions, scale Scale) int {
	return legendTop(opts) + len(wrapWords(opts.legendTitle(), legendWrap))*(fontSize+4) + 12 + len(scale)*legendRow
}

func writeLegend(b *bytes.Buffer, opts MapOptions, scale Scale) {
	title := opts.legendTitle()
	y := legendTop(opts)
	fmt.Fprintf(b, `<g font-size="%d" fill="%s">`+"\n", fontSize, textColour)
	for _, line := range wrapWords(title, legendWrap) {
		y += fontSize + 4
		fmt.Fprintf(b, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", columnLeft, y, esc(line))
	}
	y += 12
	for _, c := range scale {
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" %s/><text x="%d" y="%d">%s</text>`+"\n",
			columnLeft, y, swatchW, swatchH, c.Fill, strokeStyle, columnLeft+swatchW+16, y+swatchH-6, esc(c.Label))
		y += legendRow
	}
	b.WriteString("</g>\n")
}

func linkTags(href string) (open, closing string) {
	if href == "" {
		return "", ""
	}
	return `<a href="` + esc(href) + `">`, "</a>"
}

// wrapWords cuts s into lines of at most width characters, at spaces.
func wrapWords(s string, width int) []string {
	var lines []string
	var cur string
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = word
		case len([]rune(cur))+1+len([]rune(word)) <= width:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func validIDPrefix(p string) bool {
	for i, c := range p {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if i == 0 && !letter || !letter && !(c >= '0' && c <= '9') && c != '-' && c != '_' {
			return false
		}
	}
	return p != ""
}

func codesOf(areas []Area) []string {
	codes := make([]string, len(areas))
	for i, a := range areas {
		codes[i] = a.Code
	}
	return codes
}

func insetCodes(insets []Inset) []string {
	codes := make([]string, len(insets))
	for i, in := range insets {
		codes[i] = in.Code
	}
	return codes
}

// esc escapes text for XML content and double-quoted attributes.
func esc(s string) string {
	if !strings.ContainsAny(s, `&<>"`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
