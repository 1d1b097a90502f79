package sheet_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/sheet"
)

// LibreOffice is the reader these tests trust: no Go module that reads
// OpenDocument spreadsheets is served by the module proxy here, and
// LibreOffice Calc is what most French collectivités open an ODS with.

// soffice returns LibreOffice's command, or skips the test when it is
// absent (unless TNL_REQUIRE_SOFFICE is set, as in CI).
func soffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui): the ODS is not read back by a spreadsheet"
	if os.Getenv("TNL_REQUIRE_SOFFICE") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// convert has LibreOffice open the ODS and save it with the given filter
// ("fods", or a CSV filter), in a profile of its own, and returns the
// converted file.
func convert(t *testing.T, bin string, ods []byte, filter, ext string) []byte {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "palmares.ods")
	if err := os.WriteFile(in, ods, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", filter, "--outdir", filepath.Join(dir, "out"), in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("LibreOffice failed: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "palmares."+ext))
	if err != nil {
		t.Fatalf("LibreOffice wrote nothing (%v); it said:\n%s", err, out)
	}
	return b
}

const libreOfficeCSV = "csv:Text - txt - csv (StarCalc):44,34,76,1"

// LibreOffice opens the ODS and saves it as flat XML, in its own words:
// the sheet, its bold header, the typed values, the neutralised strings,
// the accents and the white space are what was written, and no formula.
func TestLibreOfficeReadsTheODS(t *testing.T) {
	t.Parallel()
	bin := soffice(t)
	ods := writeODS(t, palmares())
	fods := convert(t, bin, ods, "fods", "fods")
	doc, err := readLibreOfficeFlat(bytes.NewReader(fods))
	if err != nil {
		t.Fatalf("LibreOffice's flat ODS: %v", err)
	}
	checkPalmaresSheet(t, doc, nil)
	if bytes.Contains(fods, []byte("table:formula")) {
		t.Error("LibreOffice found a formula")
	}
	s := doc.Sheets[0]
	if got := s.Rows[1][6].Text; got != "14/03/2025" {
		t.Errorf("LibreOffice shows the date as %q, want 14/03/2025", got)
	}
	if name, annee := doc.Widths[s.ColumnStyles[2]], doc.Widths[s.ColumnStyles[0]]; name < 2*annee || annee < 1 {
		t.Errorf("LibreOffice's columns: collectivité %.2f cm, année %.2f cm", name, annee)
	}

	// Its CSV export shows each string exactly as WriteCSV wrote it.
	got, err := csv.NewReader(bytes.NewReader(convert(t, bin, ods, libreOfficeCSV, "csv"))).ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV: %v", err)
	}
	if len(got) != len(wantCSV) {
		t.Fatalf("LibreOffice's CSV has %d rows, want %d", len(got), len(wantCSV))
	}
	for r := 1; r < len(wantCSV); r++ {
		for i, c := range palmares().Columns {
			var g string
			if i < len(got[r]) {
				g = got[r][i]
			}
			if !sameCell(c.Type, g, wantCSV[r][i]) {
				t.Errorf("row %d, column %s: LibreOffice shows %q, WriteCSV wrote %q", r, c.Name, g, wantCSV[r][i])
			}
		}
	}
}

// LibreOffice reads a 40,000-row ODS whole, and its CSV export agrees with
// WriteCSV cell by cell.
func TestLibreOfficeReadsALargeODS(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the 40,000-row conversion takes about 15 seconds")
	}
	t.Parallel()
	bin := soffice(t)
	tab := bigTable(40000)
	var ours bytes.Buffer
	if err := sheet.WriteCSV(&ours, tab); err != nil {
		t.Fatal(err)
	}
	want, err := csv.NewReader(&ours).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(bytes.NewReader(convert(t, bin, writeODS(t, tab), libreOfficeCSV, "csv"))).ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("LibreOffice read %d rows, want %d", len(got), len(want))
	}
	for i, c := range tab.Columns {
		if got[0][i] != c.Title {
			t.Errorf("header %d = %q, want %q", i+1, got[0][i], c.Title)
		}
	}
	bad := 0
	for r := 1; r < len(want) && bad < 10; r++ {
		for i, c := range tab.Columns {
			g, w := got[r][i], want[r][i]
			if !sameCell(c.Type, g, w) {
				t.Errorf("row %d, column %s: LibreOffice shows %q, WriteCSV wrote %q", r, c.Name, g, w)
				bad++
			}
		}
	}
}

// sameCell compares LibreOffice's text of a cell with WriteCSV's: strings
// exactly, numbers by value, dates and booleans in LibreOffice's format.
func sameCell(typ sheet.Type, lo, ours string) bool {
	if lo == "" || ours == "" {
		return lo == ours
	}
	switch typ {
	case sheet.Integer, sheet.Number:
		a, err1 := strconv.ParseFloat(strings.Replace(lo, ",", ".", 1), 64)
		b, err2 := strconv.ParseFloat(ours, 64)
		return err1 == nil && err2 == nil && a == b
	case sheet.Date:
		d, err := time.Parse(time.DateOnly, ours)
		return err == nil && lo == d.Format("02/01/2006")
	case sheet.Boolean:
		return strings.EqualFold(lo, ours) || (ours == "true") == (lo == "VRAI")
	}
	return lo == ours
}
