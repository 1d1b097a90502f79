package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/testdb"
)

// The PDF commands on a campaign with two candidatures, one submitted and
// one draft, on both databases.
func TestPDFCommands(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		env := map[string]string{"TNL_DATABASE_URL": testdb.URL(t, dialect)}
		must := func(args ...string) string {
			t.Helper()
			code, stdout, stderr := run(t, env, args...)
			if code != 0 {
				t.Fatalf("tnl %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
			}
			return stdout
		}
		must("territoires", "import", "../territoires/testdata/v1")
		code, _, stderr := runWithInput(t, env, "un mot de passe solide\n", "user", "add", "--email", "maire@exemple.fr", "--role", "membre", "--password-stdin")
		if code != 0 {
			t.Fatalf("user add: %s", stderr)
		}
		today := time.Now().UTC()
		must("campaign", "create", "--year", "2026", "--opens", today.AddDate(0, 0, -1).Format("2006-01-02"),
			"--closes", today.AddDate(0, 1, 0).Format("2006-01-02"), "--questionnaire", "../../workflow/testdata/mini.yaml")
		must("campaign", "open", "2026")
		must("candidature", "create", "--campaign", "2026", "--collectivite", "01001", "--elu", "maire@exemple.fr")
		must("candidature", "create", "--campaign", "2026", "--collectivite", "01004", "--elu", "maire@exemple.fr")
		must("candidature", "answer", "1", "general.deliberation", "true", "--as", "maire@exemple.fr")
		must("candidature", "answer", "1", "general.deliberation_lien", `"https://exemple.fr/délibération.pdf"`, "--as", "maire@exemple.fr")
		must("candidature", "fire", "1", "deposer", "--as", "maire@exemple.fr", "--attest", "--elu-name", "Camille Dupont", "--mandate", "Maire")

		dir := t.TempDir()
		tests := []struct {
			name     string
			args     []string
			code     int
			stdout   string
			stderr   string
			pdf      string // file expected to hold a PDF
			contains string // in the PDF's text
		}{
			{"dossier by reference", []string{"pdf", "dossier", "TNL-2026-COM-01001", "-o", filepath.Join(dir, "dossier.pdf")}, 0, "dossier.pdf écrit (", "", "dossier.pdf", "https://exemple.fr/délibération.pdf"},
			{"dossier of a draft", []string{"pdf", "dossier", "2", "--output", filepath.Join(dir, "brouillon.pdf")}, 0, "écrit", "", "brouillon.pdf", "Non déposée"},
			{"receipt", []string{"pdf", "receipt", "1", "-o", filepath.Join(dir, "accuse.pdf")}, 0, "accuse.pdf écrit", "", "accuse.pdf", "Accusé de réception"},
			{"receipt of a draft", []string{"pdf", "receipt", "2", "-o", filepath.Join(dir, "non.pdf")}, 1, "", "n’est pas déposée", "", ""},
			{"certificate before the deliberation", []string{"pdf", "certificate", "1", "-o", filepath.Join(dir, "non.pdf")}, 1, "", "une fois la candidature délibérée", "", ""},
			{"unknown candidature", []string{"pdf", "dossier", "TNL-1999-X", "-o", filepath.Join(dir, "non.pdf")}, 1, "", "introuvable", "", ""},
			{"missing output", []string{"pdf", "dossier", "1"}, 2, "", "tnl pdf dossier : L’option -o FICHIER est obligatoire.", "", ""},
			{"missing candidature", []string{"pdf", "receipt", "-o", "x.pdf"}, 2, "", "tnl pdf receipt : Donnez le numéro ou la référence de la candidature.", "", ""},
			{"export without a campaign", []string{"pdf", "dossiers", "-o", dir}, 2, "", "tnl pdf dossiers : Les options --campaign et -o sont obligatoires.", "", ""},
			{"export of an unknown state", []string{"pdf", "dossiers", "--campaign", "2026", "-o", dir, "--state", "deposee,perdue"}, 2, "", "État « perdue » inconnu ; les états sont : brouillon, ", "", ""},
			{"export of an unknown campaign", []string{"pdf", "dossiers", "--campaign", "1999", "-o", dir}, 1, "", "Aucune campagne 1999", "", ""},
			{"export of no candidature", []string{"pdf", "dossiers", "--campaign", "2026", "--state", "publiee", "-o", filepath.Join(dir, "vide")}, 0, "Aucun dossier à exporter : la campagne 2026 n’a pas de candidature dans l’état « Publiée ».", "", "", ""},
			{"too many workers", []string{"pdf", "dossiers", "--campaign", "2026", "-o", dir, "--workers", "4611686018427387904"}, 2, "", "L’option --workers doit être comprise entre 1 et 256 (0 : autant que de cœurs).", "", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				code, stdout, stderr := run(t, env, tt.args...)
				if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
					t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
				}
				if tt.pdf == "" {
					return
				}
				data, err := os.ReadFile(filepath.Join(dir, tt.pdf))
				if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Fatalf("%s: %v, not a PDF", tt.pdf, err)
				}
				if text := pdfCommandText(t, data); !strings.Contains(text, tt.contains) {
					t.Errorf("%s lacks %q:\n%s", tt.pdf, tt.contains, text)
				}
			})
		}

		t.Run("dossier to standard output", func(t *testing.T) {
			code, stdout, stderr := run(t, env, "pdf", "dossier", "1", "-o", "-")
			if code != 0 || !strings.HasPrefix(stdout, "%PDF-") {
				t.Errorf("exit %d, stderr %q, stdout starts %q", code, stderr, stdout[:min(len(stdout), 10)])
			}
		})
		t.Run("export to a zip archive", func(t *testing.T) {
			archive := filepath.Join(dir, "dossiers-2026.zip")
			stdout := must("pdf", "dossiers", "--campaign", "2026", "-o", archive, "--workers", "2")
			if !strings.Contains(stdout, fr.Count(2, "dossier", "dossiers")+" exportés dans "+archive+" (") || !strings.Contains(stdout, "dossiers par seconde") {
				t.Errorf("summary %q", stdout)
			}
			z, err := zip.OpenReader(archive)
			if err != nil {
				t.Fatal(err)
			}
			defer z.Close()
			var names []string
			for _, e := range z.File {
				names = append(names, e.Name)
				r, err := e.Open()
				if err != nil {
					t.Fatal(err)
				}
				head, _ := io.ReadAll(io.LimitReader(r, 5))
				r.Close()
				if string(head) != "%PDF-" {
					t.Errorf("%s starts with %q", e.Name, head)
				}
			}
			if want := []string{"TNL-2026-COM-01001.pdf", "TNL-2026-COM-01004.pdf"}; !slices.Equal(names, want) {
				t.Errorf("entries %q, want %q", names, want)
			}
			// An export of nothing leaves the archive as it was.
			before, _ := os.ReadFile(archive)
			if out := must("pdf", "dossiers", "--campaign", "2026", "--state", "publiee", "-o", archive); !strings.Contains(out, "Aucun dossier à exporter") {
				t.Errorf("empty export said %q", out)
			}
			if after, _ := os.ReadFile(archive); !bytes.Equal(before, after) {
				t.Errorf("an empty export replaced the archive (%d bytes, now %d)", len(before), len(after))
			}
		})
		t.Run("export of the submitted ones to a directory", func(t *testing.T) {
			out := filepath.Join(dir, "deposees")
			code, stdout, stderr := run(t, env, "pdf", "dossiers", "--campaign", "2026", "--state", "deposee", "-o", out)
			if code != 0 || !strings.Contains(stdout, fr.Count(1, "dossier", "dossiers")+" exporté dans "+out) {
				t.Fatalf("exit %d, %q %q", code, stdout, stderr)
			}
			if !strings.Contains(stderr, "1 / "+fr.Count(1, "dossier", "dossiers")+" (100\u202f%)") {
				t.Errorf("progress on stderr: %q", stderr)
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 1 || entries[0].Name() != "TNL-2026-COM-01001.pdf" {
				t.Errorf("files %v", entries)
			}
		})
	})
}

func TestPDFProgressLine(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	p := newPDFProgress(&out)
	p.start = time.Now().Add(-10 * time.Second)
	p.update(1, 36359) // first call: printed
	p.update(2, 36359) // within 5 s of the last line: skipped
	p.last = time.Now().Add(-time.Minute)
	p.update(12000, 36359)
	p.update(36359, 36359) // the last one is always printed
	p.finish()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "1 / "+fr.Count(36359, "dossier", "dossiers")+" (0\u202f%), ") ||
		!strings.HasPrefix(lines[1], fr.Int(12000)+" / "+fr.Count(36359, "dossier", "dossiers")+" (33\u202f%), 1") || !strings.HasSuffix(lines[1], "/s") ||
		!strings.HasPrefix(lines[2], fr.Int(36359)+" / "+fr.Count(36359, "dossier", "dossiers")+" (100\u202f%), ") {
		t.Errorf("progress lines:\n%s", out.String())
	}
}

// pdfCommandText extracts the text of a PDF with pdftotext, skipping the
// test when poppler-utils is absent.
func pdfCommandText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext introuvable : installez poppler-utils pour vérifier le texte des PDF")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}
