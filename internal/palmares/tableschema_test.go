package palmares

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tableschemaValidator loads the schema strictly, then reads and casts
// every row of the CSV (types, formats, required, enum, primary key).
const tableschemaValidator = `
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

// The Frictionless validator accepts /donnees/schema.json and the CSV of
// the open data, and refuses a CSV that breaks it.
func TestOpenDataCSVMatchesItsTableSchema(t *testing.T) {
	t.Parallel()
	const msg = "the Frictionless validator is not installed (npm install --prefix ~/.cache/tnl/tableschema tableschema@1.12.6, or set TNL_TABLESCHEMA_DIR)"
	node, err := exec.LookPath("node")
	dir := ""
	candidates := []string{os.Getenv("TNL_TABLESCHEMA_DIR")}
	if c, err := os.UserCacheDir(); err == nil {
		candidates = append(candidates, filepath.Join(c, "tnl", "tableschema"))
	}
	for _, c := range candidates {
		if _, statErr := os.Stat(filepath.Join(c, "node_modules", "tableschema", "package.json")); c != "" && err == nil && statErr == nil {
			dir = c
			break
		}
	}
	if dir == "" {
		if os.Getenv("TNL_REQUIRE_TABLESCHEMA") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	schema, err := Schema("https://tnl.example")
	if err != nil {
		t.Fatal(err)
	}
	good, err := CSV(Table("Palmarès", sample().Entries, time.Date(2025, 11, 23, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), ",commune,", ",ville,", 1)
	for _, c := range []struct {
		name   string
		data   string
		errors bool
	}{{"the open data", string(good), false}, {"an unknown type", bad, true}} {
		tmp := t.TempDir()
		for name, b := range map[string][]byte{"v.js": []byte(tableschemaValidator), "schema.json": schema, "data.csv": []byte(c.data)} {
			if err := os.WriteFile(filepath.Join(tmp, name), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		out, err := exec.CommandContext(t.Context(), node, filepath.Join(tmp, "v.js"), dir, filepath.Join(tmp, "schema.json"), filepath.Join(tmp, "data.csv")).CombinedOutput()
		if err != nil {
			t.Fatalf("validator: %v\n%s", err, out)
		}
		var v struct {
			Rows   []map[string]any `json:"rows"`
			Errors []string         `json:"errors"`
		}
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("validator output: %v\n%s", err, out)
		}
		if (len(v.Errors) > 0) != c.errors {
			t.Errorf("%s: errors %v", c.name, v.Errors)
		}
		if !c.errors && (len(v.Rows) != 4 || v.Rows[0]["annee"] != float64(2023)) {
			t.Errorf("%s: rows %v", c.name, v.Rows)
		}
	}
}
