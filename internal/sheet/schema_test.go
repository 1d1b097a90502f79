package sheet_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/sheet"
)

func TestTableSchemaDocument(t *testing.T) {
	t.Parallel()
	b, err := sheet.TableSchema(palmares(), sheet.SchemaInfo{Name: "palmares-tnl", Version: "1.0.0", Homepage: "https://territoire-numerique-libre.org/palmares"})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := sheet.TableSchema(palmares(), sheet.SchemaInfo{Name: "palmares-tnl", Version: "1.0.0", Homepage: "https://territoire-numerique-libre.org/palmares"})
	if !bytes.Equal(b, again) {
		t.Error("two schemas of the same table differ")
	}
	var doc struct {
		Name          string   `json:"name"`
		Title         string   `json:"title"`
		Description   string   `json:"description"`
		CountryCode   string   `json:"countryCode"`
		Homepage      string   `json:"homepage"`
		Version       string   `json:"version"`
		PrimaryKey    []string `json:"primaryKey"`
		MissingValues []string `json:"missingValues"`
		Fields        []struct {
			Name        string   `json:"name"`
			Title       string   `json:"title"`
			Description string   `json:"description"`
			Type        string   `json:"type"`
			Format      string   `json:"format"`
			Example     any      `json:"example"`
			TrueValues  []string `json:"trueValues"`
			FalseValues []string `json:"falseValues"`
			Constraints *struct {
				Required bool  `json:"required"`
				Unique   bool  `json:"unique"`
				Enum     []any `json:"enum"`
			} `json:"constraints"`
		} `json:"fields"`
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("the schema is not the expected JSON: %v\n%s", err, b)
	}
	if doc.Name != "palmares-tnl" || doc.Version != "1.0.0" || doc.Title != "Palmarès du label Territoire Numérique Libre" {
		t.Errorf("name %q, version %q, title %q", doc.Name, doc.Version, doc.Title)
	}
	if doc.Description != "Les collectivités labellisées, année par année." || doc.CountryCode != "FR" || doc.Homepage != "https://territoire-numerique-libre.org/palmares" {
		t.Errorf("description %q, countryCode %q, homepage %q", doc.Description, doc.CountryCode, doc.Homepage)
	}
	if !reflect.DeepEqual(doc.PrimaryKey, []string{"annee", "code_insee"}) || !reflect.DeepEqual(doc.MissingValues, []string{""}) {
		t.Errorf("primaryKey %q, missingValues %q", doc.PrimaryKey, doc.MissingValues)
	}
	wantTypes := []string{"integer", "string", "string", "string", "integer", "number", "date", "boolean"}
	if len(doc.Fields) != len(wantTypes) {
		t.Fatalf("%d fields, want %d", len(doc.Fields), len(wantTypes))
	}
	for i, f := range doc.Fields {
		if f.Name != wantCSV[0][i] || f.Type != wantTypes[i] {
			t.Errorf("field %d = %s %s, want %s %s", i+1, f.Name, f.Type, wantCSV[0][i], wantTypes[i])
		}
	}
	annee, niveau, date, first := doc.Fields[0], doc.Fields[3], doc.Fields[6], doc.Fields[7]
	if annee.Title != "Année" || annee.Description != "Année de la campagne." || annee.Example != 2025.0 {
		t.Errorf("annee: title %q, description %q, example %v", annee.Title, annee.Description, annee.Example)
	}
	if annee.Constraints == nil || !annee.Constraints.Required {
		t.Error("annee is not required")
	}
	if niveau.Constraints == nil || len(niveau.Constraints.Enum) != 9 || niveau.Constraints.Enum[8] != "Or" || niveau.Constraints.Required {
		t.Errorf("niveau constraints = %+v", niveau.Constraints)
	}
	if date.Format != "%Y-%m-%d" {
		t.Errorf("date format = %q", date.Format)
	}
	if !reflect.DeepEqual(first.TrueValues, []string{"true"}) || !reflect.DeepEqual(first.FalseValues, []string{"false"}) {
		t.Errorf("boolean trueValues = %q, falseValues = %q", first.TrueValues, first.FalseValues)
	}
	if !bytes.Contains(b, []byte("Palmarès du label")) || bytes.Contains(b, []byte(`\u00e8`)) {
		t.Error("accents are escaped")
	}
}

// tableschemaDir returns where the npm package tableschema (the
// Frictionless reference implementation in JavaScript) is installed, or
// skips the test.
func tableschemaDir(t *testing.T) (node, dir string) {
	t.Helper()
	const msg = "the Frictionless validator is not installed (npm install --prefix ~/.cache/tnl/tableschema tableschema@1.12.6, or set TNL_TABLESCHEMA_DIR): the schema and the CSV are not validated"
	node, err := exec.LookPath("node")
	candidates := []string{os.Getenv("TNL_TABLESCHEMA_DIR")}
	if c, err := os.UserCacheDir(); err == nil {
		candidates = append(candidates, filepath.Join(c, "tnl", "tableschema"))
	}
	for _, c := range candidates {
		if c == "" || err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(c, "node_modules", "tableschema", "package.json")); err == nil {
			return node, c
		}
	}
	if os.Getenv("TNL_REQUIRE_TABLESCHEMA") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return "", ""
}

// validateScript loads the schema strictly (checked against the Table
// Schema profile), then reads and casts every row of the CSV, which checks
// types, formats and constraints; it prints the rows or the errors.
const validateScript = `
const path = require('path');
const fs = require('fs');
const {Schema, Table} = require(path.join(process.argv[2], 'node_modules', 'tableschema'));
(async () => {
  let schema;
  try {
    schema = await Schema.load(JSON.parse(fs.readFileSync(process.argv[3], 'utf8')), {strict: true});
  } catch (e) {
    console.log(JSON.stringify({errors: ['schema: ' + e.message].concat((e.errors || []).map(x => x.message))}));
    return;
  }
  try {
    const table = await Table.load(process.argv[4], {schema});
    const rows = await table.read({keyed: true, cast: true});
    console.log(JSON.stringify({rows}));
  } catch (e) {
    console.log(JSON.stringify({errors: ['data: ' + e.message].concat((e.errors || []).map(x => x.message))}));
  }
})();
`

type validation struct {
	Rows   []map[string]any `json:"rows"`
	Errors []string         `json:"errors"`
}

func validate(t *testing.T, node, dir string, schema, data []byte) validation {
	t.Helper()
	tmp := t.TempDir()
	files := map[string][]byte{"validate.js": []byte(validateScript), "schema.json": schema, "data.csv": data}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.CommandContext(t.Context(), node, filepath.Join(tmp, "validate.js"), dir,
		filepath.Join(tmp, "schema.json"), filepath.Join(tmp, "data.csv")).CombinedOutput()
	if err != nil {
		t.Fatalf("the validator failed: %v\n%s", err, out)
	}
	var v validation
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("the validator's output: %v\n%s", err, out)
	}
	return v
}

// The Frictionless validator accepts the schema and the CSV, casts every
// cell to its type, and rejects a CSV that breaks the schema.
func TestTableSchemaValidatesTheCSV(t *testing.T) {
	t.Parallel()
	node, dir := tableschemaDir(t)
	schema, err := sheet.TableSchema(palmares(), sheet.SchemaInfo{Name: "palmares-tnl"})
	if err != nil {
		t.Fatal(err)
	}
	var data bytes.Buffer
	if err := sheet.WriteCSV(&data, palmares()); err != nil {
		t.Fatal(err)
	}
	v := validate(t, node, dir, schema, data.Bytes())
	if len(v.Errors) > 0 {
		t.Fatalf("the validator rejects the CSV: %q", v.Errors)
	}
	if len(v.Rows) != len(wantCSV)-1 {
		t.Fatalf("the validator read %d rows, want %d", len(v.Rows), len(wantCSV)-1)
	}
	first, third := v.Rows[0], v.Rows[2]
	for key, want := range map[string]any{
		"annee": 2025.0, "code_insee": "34172", "score": 87.5, "premiere_fois": false,
		"date_deliberation": "2025-03-14T00:00:00.000Z", "population": 302454.0,
	} {
		if first[key] != want {
			t.Errorf("the validator cast %s to %#v, want %#v", key, first[key], want)
		}
	}
	if third["collectivite"] != `'=HYPERLINK("http://evil")` || third["population"] != nil {
		t.Errorf("row 3 = %v", third)
	}

	for name, change := range map[string]func(string) string{
		"a word in an integer column":  func(s string) string { return strings.Replace(s, "\n2025,34172", "\ndeux mille,34172", 1) },
		"a level outside the enum":     func(s string) string { return strings.Replace(s, "Montpellier,Or,", "Montpellier,Platine,", 1) },
		"a date in the French format":  func(s string) string { return strings.Replace(s, "2025-03-14", "14/03/2025", 1) },
		"an empty required cell":       func(s string) string { return strings.Replace(s, "34172,Montpellier", "34172,", 1) },
		"a duplicated primary key":     func(s string) string { return strings.Replace(s, "2025,01053", "2025,34172", 1) },
		"a boolean the schema refuses": func(s string) string { return strings.Replace(s, ",false\n", ",peut-être\n", 1) },
	} {
		bad := change(data.String())
		if bad == data.String() {
			t.Fatalf("%s: the change did nothing", name)
		}
		if v := validate(t, node, dir, schema, []byte(bad)); len(v.Errors) == 0 {
			t.Errorf("the validator accepts %s", name)
		}
	}
	if v := validate(t, node, dir, []byte(`{"fields": [{"name": "annee", "type": "entier"}]}`), data.Bytes()); len(v.Errors) == 0 {
		t.Error("the validator accepts a schema with an unknown type")
	}
}
