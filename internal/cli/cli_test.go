package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes the command line in a test environment and returns the exit
// code, stdout and stderr.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	return runWithInput(t, env, "", args...)
}

func runWithInput(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &Env{
		Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string { return env[k] },
	}
	code := Main(context.Background(), args, e)
	return code, stdout.String(), stderr.String()
}

func TestUsageAndExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"no command", nil, 2, "Commandes :", ""},
		{"help", []string{"help"}, 0, "territoires import", ""},
		{"help of a command", []string{"help", "migrate"}, 0, "Utilisation : tnl migrate [options]\n", ""},
		{"help of an unknown command", []string{"help", "bogus"}, 2, "", "tnl : commande inconnue « bogus »."},
		{"unknown command", []string{"bogus"}, 2, "", "tnl : commande inconnue « bogus »."},
		{"unknown flag", []string{"migrate", "-nope"}, 2, "", "tnl migrate : Option inconnue : --nope (« tnl migrate -h » liste les options).\n\nUtilisation : tnl migrate"},
		{"command -h", []string{"serve", "-h"}, 0, "  --addr adresse\n    \tadresse d’écoute (variable TNL_ADDR) (par défaut : « :8080 »)\n", ""},
		{"territoires without files", []string{"territoires", "import"}, 2, "", "tnl territoires import : Donnez un répertoire ou les fichiers à importer."},
		{"unexpected argument", []string{"version", "x"}, 2, "", "tnl version : Argument en trop : x."},
		{"unexpected arguments", []string{"migrate", "x", "y"}, 2, "", "tnl migrate : Arguments en trop : x y."},
		{"version", []string{"version"}, 0, "tnl ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout %q does not contain %q", stdout, tt.wantStdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.wantStderr)
			}
		})
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	t.Parallel()
	for _, c := range commands() {
		code, stdout, _ := run(t, nil, append(strings.Fields(c.name), "-h")...)
		if code != 0 || !strings.HasPrefix(stdout, "Utilisation : tnl "+c.name) {
			t.Errorf("tnl %s -h: exit %d, %q", c.name, code, stdout)
		}
	}
}

func TestMigrateTwice(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TNL_DATABASE_URL": filepath.Join(t.TempDir(), "t.db")}
	code, stdout, stderr := run(t, env, "migrate")
	if code != 0 || !strings.Contains(stdout, "Migration appliquée") {
		t.Fatalf("first migrate: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, env, "migrate")
	if code != 0 || !strings.Contains(stdout, "aucune migration") {
		t.Fatalf("second migrate: %d %q", code, stdout)
	}
}

func TestUnreachableDatabase(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TNL_DATABASE_URL": "postgres://tnl:s3cret@127.0.0.1:1/tnl?connect_timeout=2"}
	code, _, stderr := run(t, env, "migrate")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "127.0.0.1:1") || strings.Contains(stderr, "s3cret") {
		t.Errorf("want one line naming the URL without its password, got %q", stderr)
	}
}

func TestTerritoiresImportMalformed(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TNL_DATABASE_URL": filepath.Join(t.TempDir(), "t.db")}
	code, _, stderr := run(t, env, "territoires", "import", "../territoires/testdata/bad/communes.json")
	if code != 1 || !strings.Contains(stderr, "communes.json, entrée n° 2") || !strings.Contains(stderr, "rien n’a été importé") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := run(t, env, "territoires", "import", "../territoires/testdata/v1")
	if code != 0 || !strings.Contains(stdout, "créée") {
		t.Fatalf("exit %d, %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, env, "territoires", "import", "../territoires/testdata/v1")
	if code != 0 || !strings.Contains(stdout, "Aucun changement") {
		t.Errorf("second import: exit %d, %q", code, stdout)
	}
}

func TestQuestionnaireCommands(t *testing.T) {
	t.Parallel()
	code, stdout, _ := run(t, nil, "questionnaire", "check")
	if code != 0 || !strings.Contains(stdout, "questionnaire valide") {
		t.Errorf("check default: %d %q", code, stdout)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("title: x\nversion: \"1\"\nsections:\n  - key: s\n    title: S\n    questions:\n      - {key: s.a, label: A, type: oui_non}\n      - {key: s.a, label: B, type: text}\n"), 0o644)
	code, stdout, stderr := run(t, nil, "questionnaire", "check", bad)
	if code != 1 || !strings.Contains(stdout, "bad.yaml:7") || !strings.Contains(stdout, "bad.yaml:8") || !strings.Contains(stderr, "problème") {
		t.Errorf("check bad file: %d %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, nil, "questionnaire", "show")
	if code != 0 || !strings.Contains(stdout, "strategie.deliberation") {
		t.Errorf("show: %d %q", code, stdout[:min(len(stdout), 300)])
	}
}
