package sheet_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/sheet"
)

// wantCSV is palmares() as the CSV must say it.
var wantCSV = [][]string{
	{"annee", "code_insee", "collectivite", "niveau", "population", "score", "date_deliberation", "premiere_fois"},
	{"2025", "34172", "Montpellier", "Or", "302454", "87.5", "2025-03-14", "false"},
	{"2025", "01053", "Bourg-en-Bresse & environs <test>", "Argent", "41365", "-3.25", "2025-12-01", "true"},
	{"2019", "2A004", `'=HYPERLINK("http://evil")`, "Niveau 4", "", "", "", ""},
	{"2019", "75056", "'+33 1 23", "", "2133111", "0", "", "true"},
	{"2018", "13055", "'-2+3", "Niveau 1", "0", "0.0000001", "2018-01-02", "false"},
	{"2018", "69123", "'@SUM(A1)", "Niveau 2", "-12", "1234567.891", "", ""},
	{"2017", "59350", "'\tTabulé", "Niveau 3", "", "", "", ""},
	{"2017", "33063", "'\nRetour", "Niveau 5", "", "", "", ""},
	{"2016", "31555", "  deux  espaces  \nligne 2\nligne 3", "Niveau 5", "", "", "", ""},
	{"2016", "67482", "Strasbourg — « Eurométropole » l’été", "Badge", "", "", "", ""},
}

func TestWriteCSVReadBack(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := sheet.WriteCSV(&b, palmares()); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(b.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Error("the CSV starts with a byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(b.Bytes()))
	r.FieldsPerRecord = len(wantCSV[0])
	got, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the CSV back: %v", err)
	}
	if len(got) != len(wantCSV) {
		t.Fatalf("read %d records, want %d", len(got), len(wantCSV))
	}
	for i := range wantCSV {
		if !slices.Equal(got[i], wantCSV[i]) {
			t.Errorf("record %d:\n got %q\nwant %q", i, got[i], wantCSV[i])
		}
	}
}

// Typed numbers are never prefixed, even when negative; strings are,
// whatever their column.
func TestWriteCSVNeutralisesOnlyStrings(t *testing.T) {
	t.Parallel()
	tab := &sheet.Table{
		Name: "Essai",
		Columns: []sheet.Column{
			{Name: "n", Type: sheet.Number},
			{Name: "i", Type: sheet.Integer},
			{Name: "s", Type: sheet.String},
		},
		Rows: [][]any{{-1.5, -7, "-1.5"}, {2.0, 3, "=1+1"}, {nil, nil, "\x00=cmd|' /C calc'!A0"}},
	}
	var b bytes.Buffer
	if err := sheet.WriteCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"n", "i", "s"}, {"-1.5", "-7", "'-1.5"}, {"2", "3", "'=1+1"}, {"", "", "'=cmd|' /C calc'!A0"}}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("record %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestNeutralise(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+33 1", "'+33 1"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=1", "a=1"},
		{" =1", " =1"},
		{"'=1", "'=1"},
		{"", ""},
		{"Île-de-France", "Île-de-France"},
	} {
		if got := sheet.Neutralise(tc.in); got != tc.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A table the writers refuse writes nothing, in any format.
func TestWritersRefuseInvalidTables(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change func(*sheet.Table)
		want   string
	}{
		{"no name", func(t *sheet.Table) { t.Name = "" }, "no name"},
		{"sheet name with a slash", func(t *sheet.Table) { t.Name = "2016/2025" }, "[]*?:/"},
		{"sheet name too long", func(t *sheet.Table) { t.Name = strings.Repeat("é", 32) }, "31 characters"},
		{"sheet name quoted", func(t *sheet.Table) { t.Name = "'Palmarès" }, "quote"},
		{"sheet name with a control character", func(t *sheet.Table) { t.Name = "Pal\x00marès" }, "control"},
		{"no column", func(t *sheet.Table) { t.Columns, t.Rows, t.PrimaryKey = nil, nil, nil }, "no column"},
		{"bad column name", func(t *sheet.Table) { t.Columns[0].Name = "Année" }, "lower-case"},
		{"duplicate column", func(t *sheet.Table) { t.Columns[1].Name = "annee"; t.PrimaryKey = nil }, "declared twice"},
		{"unknown type", func(t *sheet.Table) { t.Columns[5].Type = 42 }, "unknown type"},
		{"short row", func(t *sheet.Table) { t.Rows[1] = t.Rows[1][:3] }, "row 2 has 3 cells"},
		{"string in an integer column", func(t *sheet.Table) { t.Rows[0][0] = "2025" }, `row 1, column "annee": string value in a column of type integer`},
		{"float in an integer column", func(t *sheet.Table) { t.Rows[0][4] = 1.5 }, "float64 value in a column of type integer"},
		{"integer beyond 2^53", func(t *sheet.Table) { t.Rows[0][4] = int64(1<<53 + 1) }, "2^53"},
		{"NaN", func(t *sheet.Table) { t.Rows[0][5] = float64Nan() }, "finite"},
		{"string in a date column", func(t *sheet.Table) { t.Rows[0][6] = "2025-03-14" }, "string value in a column of type date"},
		{"empty required cell", func(t *sheet.Table) { t.Rows[2][2] = nil }, "required"},
		{"empty string in a required cell", func(t *sheet.Table) { t.Rows[2][2] = "\x00" }, "required"},
		{"value outside the enum", func(t *sheet.Table) { t.Rows[0][3] = "Platine" }, "not one of the allowed values"},
		{"enum value of the wrong type", func(t *sheet.Table) { t.Columns[3].Enum = append(t.Columns[3].Enum, 4) }, "enum value 4"},
		{"enum value that is a formula", func(t *sheet.Table) { t.Columns[3].Enum = append(t.Columns[3].Enum, "=1") }, "neutralised"},
		{"duplicate in a unique column", func(t *sheet.Table) { t.Columns[1].Unique = true; t.Rows[1][1] = "34172" }, `"34172" already appears in row 1`},
		{"primary key not a column", func(t *sheet.Table) { t.PrimaryKey = []string{"code"} }, "not a column"},
		{"primary key not required", func(t *sheet.Table) { t.PrimaryKey = []string{"niveau"} }, "required"},
		{"invalid UTF-8", func(t *sheet.Table) { t.Rows[0][2] = "B\xe9ziers" }, "UTF-8"},
		{"invalid UTF-8 in a title", func(t *sheet.Table) { t.Columns[0].Title = "Ann\xe9e" }, "UTF-8"},
		{"example of the wrong type", func(t *sheet.Table) { t.Columns[0].Example = "2025" }, "example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tab := palmares()
			tc.change(tab)
			for name, write := range map[string]func(io.Writer, *sheet.Table) error{"CSV": sheet.WriteCSV, "ODS": sheet.WriteODS} {
				var b bytes.Buffer
				err := write(&b, tab)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: error = %v, want one that says %q", name, err, tc.want)
				}
				if b.Len() != 0 {
					t.Errorf("%s: %d bytes written for a refused table", name, b.Len())
				}
			}
			if _, err := sheet.TableSchema(tab, sheet.SchemaInfo{}); err == nil {
				t.Error("TableSchema accepted the table")
			}
		})
	}
}

func TestWriteCSVReportsWriteErrors(t *testing.T) {
	t.Parallel()
	err := sheet.WriteCSV(failingWriter{}, bigTable(2000))
	if err == nil || !strings.Contains(err.Error(), "disque plein") {
		t.Errorf("error = %v, want the writer's", err)
	}
	err = sheet.WriteODS(failingWriter{}, bigTable(2000))
	if err == nil || !strings.Contains(err.Error(), "disque plein") {
		t.Errorf("ODS error = %v, want the writer's", err)
	}
}
