package sheet_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
)

// The namespaces the test reader matches, as a real reader must: by URI,
// whatever the prefixes.
const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsFo     = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
)

// odsCell is a cell as a spreadsheet reads it.
type odsCell struct {
	Type      string // office:value-type
	Value     string // office:value
	DateValue string // office:date-value
	BoolValue string // office:boolean-value
	Formula   string // table:formula
	Style     string // table:style-name
	Text      string // the paragraphs, joined with line feeds, spaces and tabs expanded
}

// odsSheet is a sheet: its rows, trailing empty cells and rows dropped.
type odsSheet struct {
	Name         string
	Rows         [][]odsCell
	ColumnStyles []string
}

// odsDoc is what the reader gathers from a content.xml or a flat .fods.
type odsDoc struct {
	Sheets []odsSheet
	// Bold lists the cell styles whose text is bold.
	Bold map[string]bool
	// Widths maps column styles to their width in centimetres.
	Widths map[string]float64
}

func attr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readODSContent parses the body and automatic styles of an OpenDocument
// spreadsheet with encoding/xml, expanding repeated rows and cells and
// applying OpenDocument's white-space rule to text.
func readODSContent(r io.Reader) (*odsDoc, error) {
	return readODSText(r, false)
}

// readLibreOfficeFlat parses a flat ODS that LibreOffice saved. LibreOffice
// 7.4 writes the paragraphs of a multi-line cell with literal runs of
// spaces, against its own white-space rule, so spaces are kept as they are.
func readLibreOfficeFlat(r io.Reader) (*odsDoc, error) {
	return readODSText(r, true)
}

func readODSText(r io.Reader, literalSpaces bool) (*odsDoc, error) {
	doc := &odsDoc{Bold: map[string]bool{}, Widths: map[string]float64{}}
	d := xml.NewDecoder(r)
	var (
		sheet     *odsSheet
		row       []odsCell
		rowRepeat int
		cur       *odsCell
		cellRep   int
		para      strings.Builder
		paras     []string
		inPara    bool
		lastSpace bool
		styleName string
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return doc, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsStyle && t.Name.Local == "style":
				styleName = attr(t, nsStyle, "name")
			case t.Name.Space == nsStyle && t.Name.Local == "text-properties":
				if attr(t, nsFo, "font-weight") == "bold" {
					doc.Bold[styleName] = true
				}
			case t.Name.Space == nsStyle && t.Name.Local == "table-column-properties":
				if w := attr(t, nsStyle, "column-width"); w != "" {
					cm, err := centimetres(w)
					if err != nil {
						return nil, err
					}
					doc.Widths[styleName] = cm
				}
			case t.Name.Space == nsTable && t.Name.Local == "table":
				doc.Sheets = append(doc.Sheets, odsSheet{Name: attr(t, nsTable, "name")})
				sheet = &doc.Sheets[len(doc.Sheets)-1]
			case t.Name.Space == nsTable && t.Name.Local == "table-column":
				n := repeat(attr(t, nsTable, "number-columns-repeated"))
				for range min(n, 1024) {
					sheet.ColumnStyles = append(sheet.ColumnStyles, attr(t, nsTable, "style-name"))
				}
			case t.Name.Space == nsTable && t.Name.Local == "table-row":
				row = nil
				rowRepeat = repeat(attr(t, nsTable, "number-rows-repeated"))
			case t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell"):
				cur = &odsCell{
					Type:      attr(t, nsOffice, "value-type"),
					Value:     attr(t, nsOffice, "value"),
					DateValue: attr(t, nsOffice, "date-value"),
					BoolValue: attr(t, nsOffice, "boolean-value"),
					Formula:   attr(t, nsTable, "formula"),
					Style:     attr(t, nsTable, "style-name"),
				}
				cellRep = repeat(attr(t, nsTable, "number-columns-repeated"))
				paras = nil
			case t.Name.Space == nsText && t.Name.Local == "p":
				inPara = true
				lastSpace = true
				para.Reset()
			case t.Name.Space == nsText && t.Name.Local == "s":
				n := 1
				if c := attr(t, nsText, "c"); c != "" {
					n, _ = strconv.Atoi(c)
				}
				para.WriteString(strings.Repeat(" ", n))
				lastSpace = false
			case t.Name.Space == nsText && t.Name.Local == "tab":
				para.WriteString("\t")
				lastSpace = false
			case t.Name.Space == nsText && t.Name.Local == "line-break":
				para.WriteString("\n")
				lastSpace = false
			}
		case xml.CharData:
			if inPara {
				// OpenDocument's white-space rule, as LibreOffice applies it: a
				// space at the start of a paragraph or after another space is
				// dropped (line feeds and carriage returns count as spaces).
				for _, r := range string(t) {
					if r == '\n' || r == '\r' {
						r = ' '
					}
					if r == ' ' && lastSpace && !literalSpaces {
						continue
					}
					lastSpace = r == ' '
					para.WriteRune(r)
				}
			}
		case xml.EndElement:
			switch {
			case t.Name.Space == nsText && t.Name.Local == "p":
				inPara = false
				paras = append(paras, para.String())
			case t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell"):
				cur.Text = strings.Join(paras, "\n")
				for range min(cellRep, 1024) {
					row = append(row, *cur)
				}
			case t.Name.Space == nsTable && t.Name.Local == "table-row":
				for len(row) > 0 && row[len(row)-1] == (odsCell{}) {
					row = row[:len(row)-1]
				}
				if len(row) > 0 {
					for range rowRepeat {
						sheet.Rows = append(sheet.Rows, row)
					}
				} else if rowRepeat < 1024 {
					for range rowRepeat {
						sheet.Rows = append(sheet.Rows, nil)
					}
				}
			case t.Name.Space == nsTable && t.Name.Local == "table":
				for len(sheet.Rows) > 0 && sheet.Rows[len(sheet.Rows)-1] == nil {
					sheet.Rows = sheet.Rows[:len(sheet.Rows)-1]
				}
			}
		}
	}
}

func repeat(s string) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n
	}
	return 1
}

// centimetres converts an OpenDocument length to centimetres.
func centimetres(s string) (float64, error) {
	for unit, factor := range map[string]float64{"cm": 1, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72} {
		if v, ok := strings.CutSuffix(s, unit); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f * factor, err
		}
	}
	return 0, fmt.Errorf("unknown length unit in %q", s)
}

// odsArchive opens the archive of an ODS and returns its entries by name,
// in archive order.
func odsArchive(t *testing.T, data []byte) (*zip.Reader, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the ODS is not a zip archive: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("opening %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("reading %s: %v (its checksum or size is wrong)", f.Name, err)
		}
		files[f.Name] = b
	}
	return zr, files
}
