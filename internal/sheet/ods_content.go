package sheet

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/cleantext"
)

// Automatic style names of content.xml.
const (
	styleTable  = "ta1"
	styleRow    = "ro1"
	styleHeader = "ceH" // bold header cells
	styleDate   = "ceD" // dates shown as DD/MM/YYYY
	styleBool   = "ceB" // booleans shown as VRAI or FAUX
	styleWrap   = "ceW" // long texts, wrapped
	dataDate    = "N1"
	dataBool    = "N2"
)

// writeContent streams content.xml: the styles, then the sheet row by row.
func writeContent(w io.Writer, t *Table) error {
	cols := layout(t)
	x := newXMLWriter(w)
	x.raw(xml.Header)
	x.start("office:document-content",
		"xmlns:office", nsOffice, "xmlns:style", nsStyle, "xmlns:text", nsText,
		"xmlns:table", nsTable, "xmlns:fo", nsFo, "xmlns:number", nsNumber,
		"office:version", odfVersion)
	writeAutomaticStyles(x, cols)
	x.start("office:body")
	x.start("office:spreadsheet")
	x.start("table:table", "table:name", t.Name, "table:style-name", styleTable)
	for i := range cols {
		x.empty("table:table-column", "table:style-name", "co"+strconv.Itoa(i+1), "table:default-cell-style-name", "Default")
	}
	x.start("table:table-header-rows")
	x.start("table:table-row", "table:style-name", styleRow)
	for i := range t.Columns {
		title, _ := cleantext.Clean(t.Columns[i].title()) // validated by Table.Validate
		x.start("table:table-cell", "table:style-name", styleHeader, "office:value-type", "string")
		x.paragraph(title)
		x.end("table:table-cell")
	}
	x.end("table:table-row")
	x.end("table:table-header-rows")
	for _, row := range t.Rows {
		x.start("table:table-row", "table:style-name", styleRow)
		for i, v := range row {
			n, _ := normalise(&t.Columns[i], v) // validated by Table.Validate
			writeCell(x, n, cols[i])
		}
		x.end("table:table-row")
		if x.err != nil {
			return x.err
		}
	}
	x.end("table:table")
	x.end("office:spreadsheet")
	x.end("office:body")
	x.end("office:document-content")
	x.raw("\n")
	return x.flush()
}

func writeCell(x *xmlWriter, n cell, col columnLayout) {
	if n.null {
		x.empty("table:table-cell")
		return
	}
	switch n.typ {
	case String:
		if col.wrap {
			x.start("table:table-cell", "table:style-name", styleWrap, "office:value-type", "string")
		} else {
			x.start("table:table-cell", "office:value-type", "string")
		}
	case Integer, Number:
		x.start("table:table-cell", "office:value-type", "float", "office:value", n.csv())
	case Date:
		x.start("table:table-cell", "table:style-name", styleDate, "office:value-type", "date", "office:date-value", n.csv())
	case Boolean:
		x.start("table:table-cell", "table:style-name", styleBool, "office:value-type", "boolean", "office:boolean-value", n.csv())
	}
	x.paragraph(n.display())
	x.end("table:table-cell")
}

func writeAutomaticStyles(x *xmlWriter, cols []columnLayout) {
	x.start("office:automatic-styles")
	for i, c := range cols {
		x.start("style:style", "style:name", "co"+strconv.Itoa(i+1), "style:family", "table-column")
		x.empty("style:table-column-properties", "fo:break-before", "auto", "style:column-width", c.width)
		x.end("style:style")
	}
	x.start("style:style", "style:name", styleRow, "style:family", "table-row")
	x.empty("style:table-row-properties", "fo:break-before", "auto", "style:use-optimal-row-height", "true")
	x.end("style:style")
	x.start("style:style", "style:name", styleTable, "style:family", "table", "style:master-page-name", "Default")
	x.empty("style:table-properties", "table:display", "true", "style:writing-mode", "lr-tb")
	x.end("style:style")

	x.start("number:date-style", "style:name", dataDate, "number:language", "fr", "number:country", "FR")
	x.empty("number:day", "number:style", "long")
	x.start("number:text")
	x.text("/")
	x.end("number:text")
	x.empty("number:month", "number:style", "long")
	x.start("number:text")
	x.text("/")
	x.end("number:text")
	x.empty("number:year", "number:style", "long")
	x.end("number:date-style")
	x.start("number:boolean-style", "style:name", dataBool, "number:language", "fr", "number:country", "FR")
	x.empty("number:boolean")
	x.end("number:boolean-style")

	x.start("style:style", "style:name", styleHeader, "style:family", "table-cell", "style:parent-style-name", "Default")
	x.empty("style:text-properties", "fo:font-weight", "bold", "style:font-weight-asian", "bold", "style:font-weight-complex", "bold")
	x.end("style:style")
	x.empty("style:style", "style:name", styleDate, "style:family", "table-cell", "style:parent-style-name", "Default", "style:data-style-name", dataDate)
	x.empty("style:style", "style:name", styleBool, "style:family", "table-cell", "style:parent-style-name", "Default", "style:data-style-name", dataBool)
	x.start("style:style", "style:name", styleWrap, "style:family", "table-cell", "style:parent-style-name", "Default")
	x.empty("style:table-cell-properties", "fo:wrap-option", "wrap", "style:vertical-align", "top")
	x.end("style:style")
	x.end("office:automatic-styles")
}

// paragraph writes s, whose lines end with line feeds, as text:p elements, keeping what OpenDocument's
// white-space rules would otherwise collapse. Each line is a paragraph of
// its own: that is how LibreOffice writes a multi-line cell, and
// LibreOffice 7.4 drops text:line-break elements in cells. For the same
// reason a tab stays a tab character rather than a text:tab element, which
// LibreOffice 7.4 drops too (a strict reader shows it as a space). Runs of
// spaces become text:s elements.
func (x *xmlWriter) paragraph(s string) {
	for l := range strings.SplitSeq(s, "\n") {
		x.start("text:p")
		for {
			part, rest, more := strings.Cut(l, "\t")
			x.spaced(part)
			if !more {
				break
			}
			x.text("\t")
			l = rest
		}
		x.end("text:p")
	}
}

// spaced writes s, where OpenDocument would drop a leading or trailing
// space and all but the first of consecutive spaces: those become text:s
// elements. Spaces next to a tab count as leading or trailing, a tab being
// white space too.
func (x *xmlWriter) spaced(s string) {
	for s != "" {
		i := strings.Index(s, " ")
		if i < 0 {
			x.text(s)
			return
		}
		x.text(s[:i])
		n := len(s[i:]) - len(strings.TrimLeft(s[i:], " "))
		atEdge := i == 0 || i+n == len(s)
		switch {
		case atEdge:
			x.spaces(n)
		case n == 1:
			x.text(" ")
		default:
			x.text(" ")
			x.spaces(n - 1)
		}
		s = s[i+n:]
	}
}

func (x *xmlWriter) spaces(n int) {
	if n == 1 {
		x.empty("text:s")
		return
	}
	x.empty("text:s", "text:c", strconv.Itoa(n))
}
