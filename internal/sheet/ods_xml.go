package sheet

import (
	"bufio"
	"io"
)

// xmlWriter writes the elements of an OpenDocument part, with literal
// prefixed names ("table:table-cell") and the namespaces declared on the
// root. The first error sticks and is returned by flush. Names are the
// package's constants; attribute values and text are escaped, and are
// valid UTF-8 without the characters XML forbids (see cleantext.Clean).
//
// It is hand-written rather than built on encoding/xml's Encoder because
// content.xml has one element per cell. Measured with BenchmarkWriteODS
// (40,000 rows × 12 columns, 2-core AMD EPYC, Go 1.26): with EncodeToken,
// 790 ms, 88 MB and 2.6 million allocations per spreadsheet, 55 % of the
// time in the encoder (an Attr slice per element, a []byte copy per text,
// its own escaping pass); with this writer, 540 ms, 7.4 MB and 0.5 million
// allocations, deflate now taking most of the time.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter {
	return &xmlWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// raw writes s as it is.
func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// start opens an element; attrs are name, value pairs.
func (x *xmlWriter) start(name string, attrs ...string) {
	x.open(name, attrs)
	x.raw(">")
}

// empty writes an element without content.
func (x *xmlWriter) empty(name string, attrs ...string) {
	x.open(name, attrs)
	x.raw("/>")
}

func (x *xmlWriter) open(name string, attrs []string) {
	x.raw("<")
	x.raw(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.raw(" ")
		x.raw(attrs[i])
		x.raw(`="`)
		x.escape(attrs[i+1], true)
		x.raw(`"`)
	}
}

func (x *xmlWriter) end(name string) {
	x.raw("</")
	x.raw(name)
	x.raw(">")
}

// text writes s as character data.
func (x *xmlWriter) text(s string) {
	x.escape(s, false)
}

// escape writes s with &, <, > and carriage returns escaped, and in an
// attribute also quotes, tabs and line feeds (which attribute-value
// normalisation would turn into spaces). Unescaped runs are written whole.
func (x *xmlWriter) escape(s string, attr bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\r':
			esc = "&#xD;"
		case '"':
			if attr {
				esc = "&quot;"
			}
		case '\t':
			if attr {
				esc = "&#x9;"
			}
		case '\n':
			if attr {
				esc = "&#xA;"
			}
		}
		if esc == "" {
			continue
		}
		x.raw(s[last:i])
		x.raw(esc)
		last = i + 1
	}
	x.raw(s[last:])
}

func (x *xmlWriter) flush() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}
