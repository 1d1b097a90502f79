package pdf

import (
	"fmt"
	"io"
	"iter"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
)

// producer is written in every document's metadata; it carries no version
// so that output stays byte-identical across releases of the dependencies.
const producer = "tnl (Territoire Numérique Libre)"

// docInfo is the metadata of a document.
type docInfo struct {
	title   string
	subject string
	created time.Time
}

// emitState avoids re-emitting unchanged graphics state.
type emitState struct {
	fontSet      bool
	font         style
	size         float64
	fill, text   rgb
	draw         rgb
	lineWidth    float64
	fillSet      bool
	drawSet      bool
	lineWidthSet bool
}

// emit writes the canvas as a PDF document with fpdf.
func (e *Engine) emit(w io.Writer, c *canvas, info docInfo) error {
	if len(c.pages) == 0 {
		c.addPage()
	}
	return e.emitParts(w, newEncoding(c), c.landscape, info, func(yield func(*canvas) bool) { yield(c) })
}

// emitParts writes canvases, one after the other, as one PDF document in
// the encoding enc, which must cover the characters of them all (a merged
// mailing: see Letters). Each canvas's internal links point within it.
func (e *Engine) emitParts(w io.Writer, enc *encoding, landscape bool, info docInfo, parts iter.Seq[*canvas]) error {
	orientation := "P"
	if landscape {
		orientation = "L"
	}
	pdf := fpdf.New(orientation, "pt", "A4", "")
	pdf.SetCompression(e.compress)
	pdf.SetCatalogSort(true)
	created := info.created.UTC()
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetProducer(producer, true)
	pdf.SetTitle(info.title, true)
	pdf.SetSubject(info.subject, true)
	pdf.SetLang("fr-FR")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	diff := enc.differences()
	for s := range styleCount {
		if !enc.used[s] {
			continue
		}
		def, err := enc.fontDefinition(e.faces[s], s.subsetTag(), diff)
		if err != nil {
			return fmt.Errorf("pdf: font definition: %w", err)
		}
		pdf.AddFontFromBytes(fontFamily, s.fpdfStyle(), def, e.faces[s].zdata)
	}
	var st emitState
	offset := 0
	for c := range parts {
		links := make([]int, len(c.targets))
		for i, t := range c.targets {
			links[i] = pdf.AddLink()
			pdf.SetLink(links[i], t.y, offset+t.page)
		}
		for _, ops := range c.pages {
			pdf.AddPage()
			for i := range ops {
				st.emit(pdf, enc, &ops[i], links)
			}
		}
		offset += len(c.pages)
	}
	if offset == 0 {
		pdf.AddPage()
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("pdf: output: %w", err)
	}
	return nil
}

func (st *emitState) emit(pdf *fpdf.Fpdf, enc *encoding, o *op, links []int) {
	switch o.kind {
	case opText:
		if !st.fontSet || st.font != o.style || st.size != o.size {
			pdf.SetFont(fontFamily, o.style.fpdfStyle(), o.size)
			st.fontSet, st.font, st.size = true, o.style, o.size
		}
		st.setFill(pdf, o.color)
		if st.text != o.color {
			pdf.SetTextColor(int(o.color.r), int(o.color.g), int(o.color.b))
			st.text = o.color
		}
		pdf.Text(o.x, o.y, enc.encode(o.text))
	case opLine:
		st.setDraw(pdf, o.line, o.lineWidth)
		pdf.Line(o.x, o.y, o.x+o.w, o.y+o.h)
	case opRect:
		if o.fill {
			st.setFill(pdf, o.color)
		}
		if o.stroke {
			st.setDraw(pdf, o.line, o.lineWidth)
		}
		pdf.Rect(o.x, o.y, o.w, o.h, paintStyle(o))
	case opPolygon:
		if o.fill {
			st.setFill(pdf, o.color)
		}
		if o.stroke {
			st.setDraw(pdf, o.line, o.lineWidth)
		}
		pts := make([]fpdf.PointType, len(o.points))
		for i, p := range o.points {
			pts[i] = fpdf.PointType{X: p.x, Y: p.y}
		}
		pdf.Polygon(pts, paintStyle(o))
	case opURI:
		pdf.LinkString(o.x, o.y, o.w, o.h, o.text)
	case opGoto:
		if o.target >= 0 && o.target < len(links) {
			pdf.Link(o.x, o.y, o.w, o.h, links[o.target])
		}
	case opBookmark:
		pdf.Bookmark(utf16Text(o.text), o.target, o.y)
	}
}

func paintStyle(o *op) string {
	switch {
	case o.fill && o.stroke:
		return "FD"
	case o.fill:
		return "F"
	default:
		return "D"
	}
}

func (st *emitState) setFill(pdf *fpdf.Fpdf, c rgb) {
	if !st.fillSet || st.fill != c {
		pdf.SetFillColor(int(c.r), int(c.g), int(c.b))
		st.fill, st.fillSet = c, true
	}
}

func (st *emitState) setDraw(pdf *fpdf.Fpdf, c rgb, width float64) {
	if !st.drawSet || st.draw != c {
		pdf.SetDrawColor(int(c.r), int(c.g), int(c.b))
		st.draw, st.drawSet = c, true
	}
	if !st.lineWidthSet || st.lineWidth != width {
		pdf.SetLineWidth(width)
		st.lineWidth, st.lineWidthSet = width, true
	}
}

// utf16Text encodes s as a PDF text string in UTF-16BE with a byte order
// mark, as outline titles require for non-ASCII text.
func utf16Text(s string) string {
	units := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(units))
	b[0], b[1] = 0xFE, 0xFF
	for _, u := range units {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}
