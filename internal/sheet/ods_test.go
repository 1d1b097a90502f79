package sheet_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/sheet"
)

func writeODS(t *testing.T, tab *sheet.Table) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := sheet.WriteODS(&b, tab); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The archive is laid out as OpenDocument's packaging rules require.
func TestODSPackage(t *testing.T) {
	t.Parallel()
	data := writeODS(t, palmares())
	zr, files := odsArchive(t, data)

	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 || first.Flags&0x8 != 0 {
		t.Errorf("first entry: %s, method %d, %d bytes of extra field, flags %#x; want mimetype, stored, no extra field, no data descriptor",
			first.Name, first.Method, len(first.Extra), first.Flags)
	}
	const media = "application/vnd.oasis.opendocument.spreadsheet"
	if string(files["mimetype"]) != media {
		t.Errorf("mimetype = %q", files["mimetype"])
	}
	// The media type is readable at a fixed offset, as file(1) does.
	if len(data) < 38+len(media) || string(data[30:38]) != "mimetype" || string(data[38:38+len(media)]) != media {
		t.Error("the media type is not at offset 38 of the archive")
	}

	var manifest struct {
		Version string `xml:"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0 version,attr"`
		Entries []struct {
			Path  string `xml:"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0 full-path,attr"`
			Media string `xml:"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0 media-type,attr"`
		} `xml:"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0 file-entry"`
	}
	if err := xml.Unmarshal(files["META-INF/manifest.xml"], &manifest); err != nil {
		t.Fatalf("manifest.xml: %v", err)
	}
	if manifest.Version != "1.2" {
		t.Errorf("manifest version = %q", manifest.Version)
	}
	listed := map[string]string{}
	for _, e := range manifest.Entries {
		listed[e.Path] = e.Media
	}
	if listed["/"] != media {
		t.Errorf("the manifest's root entry has media type %q", listed["/"])
	}
	for _, part := range []string{"content.xml", "styles.xml", "meta.xml"} {
		if listed[part] != "text/xml" {
			t.Errorf("the manifest lists %s as %q", part, listed[part])
		}
	}
	for name, b := range files {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		if _, ok := listed[name]; !ok && name != "META-INF/manifest.xml" {
			t.Errorf("%s is not in the manifest", name)
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed XML: %v", name, err)
				break
			}
		}
	}
}

// readODS parses the content of an ODS with the test reader.
func readODS(t *testing.T, data []byte) (*odsDoc, map[string][]byte) {
	t.Helper()
	_, files := odsArchive(t, data)
	doc, err := readODSContent(bytes.NewReader(files["content.xml"]))
	if err != nil {
		t.Fatalf("content.xml: %v", err)
	}
	return doc, files
}

func TestODSContent(t *testing.T) {
	t.Parallel()
	doc, files := readODS(t, writeODS(t, palmares()))
	if bytes.Contains(files["content.xml"], []byte("formula")) {
		t.Error("content.xml has a formula")
	}
	checkPalmaresSheet(t, doc, frenchDisplay)
}

// frenchDisplay is the text the writer puts in typed cells' paragraphs.
var frenchDisplay = map[string]string{
	"87.5": "87,5", "-3.25": "-3,25", "0.0000001": "0,0000001", "1234567.891": "1234567,891",
	"2025-03-14": "14/03/2025", "2025-12-01": "01/12/2025", "2018-01-02": "02/01/2018",
	"true": "VRAI", "false": "FAUX",
}

// checkPalmaresSheet checks a sheet read back from palmares(): name,
// bold header of French titles, typed cells, neutralised strings, accents,
// white space, and no formula. display maps the CSV text of a typed cell
// to the text the reader shows; nil skips the check of typed cells' text.
func checkPalmaresSheet(t *testing.T, doc *odsDoc, display map[string]string) {
	t.Helper()
	if len(doc.Sheets) != 1 {
		t.Fatalf("%d sheets, want 1", len(doc.Sheets))
	}
	s := doc.Sheets[0]
	if s.Name != "Palmarès" {
		t.Errorf("sheet name = %q, want Palmarès", s.Name)
	}
	if len(s.Rows) != len(wantCSV) {
		t.Fatalf("%d rows, want %d", len(s.Rows), len(wantCSV))
	}
	titles := []string{"Année", "Code INSEE", "Collectivité", "Niveau", "Population", "Score", "Date de délibération", "Première labellisation"}
	for i, c := range s.Rows[0] {
		if c.Text != titles[i] || c.Type != "string" {
			t.Errorf("header cell %d = %q (%s), want the string %q", i+1, c.Text, c.Type, titles[i])
		}
		if !doc.Bold[c.Style] {
			t.Errorf("header cell %d has style %q, which is not bold", i+1, c.Style)
		}
	}
	types := []string{"float", "string", "string", "string", "float", "float", "date", "boolean"}
	for r, want := range wantCSV[1:] {
		row := s.Rows[r+1]
		for i, w := range want {
			var c odsCell
			if i < len(row) {
				c = row[i]
			}
			if c.Formula != "" {
				t.Errorf("row %d, cell %d has the formula %q", r+1, i+1, c.Formula)
			}
			if w == "" {
				if c.Type != "" || c.Text != "" {
					t.Errorf("row %d, cell %d = %+v, want an empty cell", r+1, i+1, c)
				}
				continue
			}
			if c.Type != types[i] {
				t.Errorf("row %d, cell %d has type %q, want %q", r+1, i+1, c.Type, types[i])
				continue
			}
			var value string
			switch c.Type {
			case "float":
				value = c.Value
			case "date":
				value = c.DateValue
			case "boolean":
				value = c.BoolValue
			default:
				value = c.Text
			}
			if value != w {
				t.Errorf("row %d, cell %d holds %q, want %q (as in the CSV)", r+1, i+1, value, w)
			}
			if c.Type != "string" && display != nil {
				wantText := w
				if d, ok := display[w]; ok {
					wantText = d
				}
				if c.Text != wantText {
					t.Errorf("row %d, cell %d shows %q, want %q", r+1, i+1, c.Text, wantText)
				}
			}
		}
	}
}

func TestODSIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := writeODS(t, palmares()), writeODS(t, palmares())
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same table differ")
	}
	zr, files := odsArchive(t, a)
	for _, f := range zr.File {
		if !f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) && f.Modified.Format(time.DateTime) != "1980-01-01 00:00:00" {
			t.Errorf("%s is dated %v, want the fixed 1980-01-01", f.Name, f.Modified)
		}
	}
	if bytes.Contains(files["meta.xml"], []byte("date")) {
		t.Error("meta.xml carries a date for a table without one")
	}

	tab := palmares()
	tab.Updated = time.Date(2026, 1, 15, 10, 30, 0, 0, time.FixedZone("Paris", 3600))
	c := writeODS(t, tab)
	if bytes.Equal(a, c) {
		t.Error("the date does not change the document")
	}
	if !bytes.Equal(c, writeODS(t, tab)) {
		t.Error("two writes of the same dated table differ")
	}
	zr, files = odsArchive(t, c)
	if got := zr.File[1].Modified; got.Format(time.DateTime) != "2026-01-15 09:30:00" {
		t.Errorf("entries are dated %v, want 2026-01-15 09:30:00 UTC", got)
	}
	var meta struct {
		Title    string `xml:"meta>title"`
		Language string `xml:"meta>language"`
		Date     string `xml:"meta>date"`
		Created  string `xml:"meta>creation-date"`
	}
	if err := xml.Unmarshal(files["meta.xml"], &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Date != "2026-01-15T09:30:00Z" || meta.Created != meta.Date {
		t.Errorf("meta.xml dates = %q, %q", meta.Date, meta.Created)
	}
	if meta.Title != "Palmarès du label Territoire Numérique Libre" || meta.Language != "fr-FR" {
		t.Errorf("meta.xml title %q, language %q", meta.Title, meta.Language)
	}
}

// Columns are as wide as their content, within bounds, and long texts wrap.
func TestODSColumnWidths(t *testing.T) {
	t.Parallel()
	tab := &sheet.Table{
		Name: "Largeurs",
		Columns: []sheet.Column{
			{Name: "a", Title: "A", Type: sheet.Integer},
			{Name: "nom", Title: "Nom", Type: sheet.String},
			{Name: "texte", Title: "Texte", Type: sheet.String},
		},
		Rows: [][]any{{1, "Communauté de communes du Pays de Lunel", strings.Repeat("très long ", 40)}},
	}
	doc, _ := readODS(t, writeODS(t, tab))
	s := doc.Sheets[0]
	if len(s.ColumnStyles) != 3 {
		t.Fatalf("%d columns", len(s.ColumnStyles))
	}
	w := make([]float64, 3)
	for i, st := range s.ColumnStyles {
		w[i] = doc.Widths[st]
	}
	if w[0] < 0.8 || w[0] > 1.5 {
		t.Errorf("a one-digit column is %.2f cm wide", w[0])
	}
	if w[1] < 7.5 || w[1] > 9 {
		t.Errorf("a 39-character column is %.2f cm wide", w[1])
	}
	if w[2] > 11 {
		t.Errorf("a 400-character column is %.2f cm wide, want it capped", w[2])
	}
	cell := s.Rows[1][2]
	if cell.Style == "" || cell.Style == s.Rows[1][1].Style {
		t.Errorf("the long text has style %q, want a wrapping style", cell.Style)
	}
}
