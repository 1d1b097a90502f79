package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/testdb"
)

// The jury from the command line: a synthetic campaign, settings, an
// invitation, the assignment as JSON with exactly the members the issue
// lists, conflicts, the ranking as CSV and the blank grid as PDF.
func TestJuryFromTheCommandLine(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		env := map[string]string{"TNL_DATABASE_URL": testdb.URL(t, dialect)}
		must := func(want string, args ...string) string {
			t.Helper()
			code, stdout, stderr := run(t, env, args...)
			if code != 0 || !strings.Contains(stdout, want) {
				t.Fatalf("tnl %s: exit %d, output %q %q, want %q", strings.Join(args, " "), code, stdout, stderr, want)
			}
			return stdout
		}
		year := time.Now().Format("2006")
		today := time.Now()
		must("créée", "territoires", "import", "../territoires/testdata/v1")
		must("en préparation", "campaign", "create", "--year", year, "--opens", today.AddDate(0, 0, -1).Format("2006-01-02"),
			"--closes", today.AddDate(0, 1, 0).Format("2006-01-02"))
		must("4\u00a0candidatures recevables créées", "demo", "fill", "--campaign", year, "--candidatures", "4", "--jurors", "3", "--seed", "5")
		must("2\u00a0évaluations par candidature", "jury", "settings", "--campaign", year, "--per-candidature", "2", "--visibility", "toujours", "--deadline", today.AddDate(0, 2, 0).Format("2006-01-02"))
		must("Invitation envoyée à nouveau@exemple.fr", "jury", "add", "--campaign", year, "--email", "nouveau@exemple.fr", "--collectivite", "01004", "--organisation", "GULL de l’Ain")
		out := must(`"per_candidature": 2`, "jury", "assign", "--campaign", year, "--seed", "9", "--json")
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &obj); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := []string{"assigned", "candidatures", "conflicts", "jurors", "load_max", "load_min", "moved", "objective", "per_candidature", "seconds", "unfilled"}
		if !slices.Equal(keys, want) {
			t.Errorf("JSON members %v, want %v", keys, want)
		}
		if string(obj["assigned"]) != "8" || string(obj["jurors"]) != "3" || string(obj["moved"]) != "0" {
			t.Errorf("run %s", out)
		}
		must("Affectation n° 2", "jury", "assign", "--campaign", year, "--seed", "9")
		must("3\u00a0membres, 1\u00a0invitation en attente", "jury", "list", "--campaign", year)
		must("conflit", "jury", "conflicts", "--campaign", year)
		must("8\u00a0évaluations : 8\u00a0assignées, 0 en cours, 0\u00a0remise.", "jury", "evaluations", "--campaign", year)
		csv := filepath.Join(t.TempDir(), "classement.csv")
		must("", "jury", "ranking", "--campaign", year, "--format", "csv", "-o", csv)
		if data, err := os.ReadFile(csv); err != nil || strings.Count(string(data), "\n") != 5 || !strings.HasPrefix(string(data), "rang,reference") {
			t.Errorf("ranking CSV %v:\n%s", err, data)
		}
		grid := filepath.Join(t.TempDir(), "grille.pdf")
		must("grille.pdf écrit", "jury", "grid", "--campaign", year, "-o", grid)
		if data, _ := os.ReadFile(grid); !strings.HasPrefix(string(data), "%PDF-") {
			t.Error("the grid is not a PDF")
		}
		if code, _, stderr := run(t, env, "demo", "fill", "--campaign", year, "--candidatures", "1", "--jurors", "0"); code != 0 {
			t.Errorf("a second fill of a synthetic campaign refused: %s", stderr)
		}
	})
}
