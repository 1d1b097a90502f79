package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The ambassadeurs' commands on a database of the demonstration's communes:
// the geography, the kit, a GULL validated, a mailing campaign with its
// letters, its progress and the export of a GULL's requests.
func TestAmbassadeursCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := map[string]string{"TNL_DATABASE_URL": filepath.Join(dir, "t.db"), "USER": "test"}
	must := func(want string, args ...string) string {
		t.Helper()
		code, stdout, stderr := run(t, env, args...)
		if code != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("tnl %s: exit %d, stdout %q, stderr %q, want %q", strings.Join(args, " "), code, stdout, stderr, want)
		}
		return stdout
	}
	must("Commune", "territoires", "import", "../demo/territoires")
	must("Centres des communes : 12 enregistrés", "geo", "import", "../demo/geo")
	must("kit valide (« Kit de l’ambassadeur du libre »", "kit", "check")
	bad := filepath.Join(dir, "kit.yaml")
	if err := os.WriteFile(bad, []byte("version: 1\ntitre: x\npoints:\n  - cle: A\n    titre: a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := run(t, env, "kit", "check", bad); code != 1 || !strings.Contains(stdout, "kit.yaml:4: points, entrée n° 1 : clé « A » invalide") || !strings.Contains(stderr, "1\u00a0problème") {
		t.Errorf("a bad kit: %d %q %q", code, stdout, stderr)
	}
	must("Aucun GULL.", "gull", "list")
	must("Campagne n° 1 créée (« Courrier de l’Ain ») : 12\u00a0mairies.", "courrier", "create", "--title", "Courrier de l’Ain",
		"--departement", "01", "--sender", "Association des maires de l’Ain", "--signature", "Jean Dupré|Président")
	pdf := filepath.Join(dir, "lettres.pdf")
	must("lettres écrites dans "+pdf, "courrier", "lettres", "1", "-o", pdf)
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("no merged PDF: %v", err)
	}
	zip := filepath.Join(dir, "lettres.zip")
	must("12\u00a0lettres écrites", "courrier", "lettres", "1", "-o", zip)
	csvFile := filepath.Join(dir, "adresses.csv")
	if err := os.WriteFile(csvFile, []byte("code_insee;email\n01053;mairie@bourg.fr\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	must("1\u00a0mairie de la campagne avec une adresse", "courrier", "adresses", "1", csvFile)
	must("Courrier en préparation", "courrier", "suivi", "1")
	must("Envoyée", "courrier", "fire", "1", "envoyer")
	if out := must("code_insee,commune", "courrier", "suivi", "1", "-o", "-"); strings.Count(out, "\n") != 13 {
		t.Errorf("progress CSV: %q", out)
	}
	must("Envoyée", "courrier", "list")
	if code, _, stderr := run(t, env, "gull", "validate", "inconnu"); code != 1 || !strings.Contains(stderr, "GULL « inconnu » introuvable") {
		t.Errorf("validate an unknown GULL: %d %q", code, stderr)
	}
	if code, _, stderr := run(t, env, "geo", "import", dir); code != 1 || !strings.Contains(stderr, "aucun des fichiers attendus") {
		t.Errorf("geo import of an empty directory: %d %q", code, stderr)
	}
}
