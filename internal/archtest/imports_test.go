// Package archtest checks the direction of the imports between tnl's
// packages: docs/architecture.md draws it, this test holds the code to it.
package archtest

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/testdb"
)

const module = "github.com/adullact/tnl/"

// layers lists tnl's packages from the bottom up. A package may import
// packages of its own layer's lower layers only (and, within a layer, the
// packages the layer's rule allows); every package of the module must be
// in one layer.
var layers = []struct {
	name     string
	packages []string
	// peers: the packages of this layer may import each other.
	peers bool
}{
	{"vocabulary", []string{"internal/domain", "internal/fr", "internal/cleantext", "migrations", "internal/version", "internal/logging"}, false},
	{"rules and formats", []string{"internal/policy", "internal/mail", "questionnaire", "internal/pdf", "internal/geo", "internal/sheet",
		"internal/feed", "internal/badge", "internal/jury/assign", "internal/jury/aggregate", "internal/kit"}, false},
	{"storage", []string{"internal/store"}, false},
	{"test databases", []string{"internal/testdb"}, false},
	{"engine", []string{"workflow", "workflow/workflowtest"}, false},
	{"lifecycles", []string{"internal/lifecycle/"}, false},
	{"services", []string{"internal/account", "internal/candidature", "internal/campaign", "internal/dossier", "internal/notify", "internal/ambassadeurs", "internal/publipostage",
		"internal/territoires", "internal/demo", "internal/metrics", "internal/privacy", "internal/jury", "internal/deliberation", "internal/palmares"}, true},
	{"wiring", []string{"internal/app"}, true},
	{"http plumbing", []string{"internal/web"}, false},
	{"pages and API", []string{"internal/ui", "internal/api"}, false},
	{"programs", []string{"internal/server", "internal/cli", "cmd/", "internal/e2e", "internal/archtest"}, true},
}

// layerOf returns the index of a package's layer, or -1.
func layerOf(pkg string) int {
	rel := strings.TrimPrefix(pkg, module)
	for i, l := range layers {
		for _, p := range l.packages {
			if rel == p || strings.HasSuffix(p, "/") && strings.HasPrefix(rel, p) || strings.HasPrefix(rel, p+"/") {
				return i
			}
		}
	}
	return -1
}

// The web plumbing is below the services in what it may import (it knows
// the policy and the domain only), though above them in the list.
var webMayImport = []string{"internal/domain", "internal/policy", "internal/fr"}

func TestImportsPointDown(t *testing.T) {
	root, err := testdb.RepoRoot()
	if err != nil {
		t.Skip("repository root not found")
	}
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		pkg, imports := fields[0], fields[1:]
		from := layerOf(pkg)
		if from < 0 {
			t.Errorf("%s is in no layer of the architecture: add it to the layers (and to docs/architecture.md)", pkg)
			continue
		}
		for _, imp := range imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			checked++
			to := layerOf(imp)
			rel := strings.TrimPrefix(pkg, module)
			switch {
			case rel == "internal/web":
				if !contains(webMayImport, strings.TrimPrefix(imp, module)) {
					t.Errorf("%s imports %s: the web plumbing knows the policy and the domain only", pkg, imp)
				}
			case to > from:
				t.Errorf("%s (%s) imports %s (%s), a layer above it", pkg, layers[from].name, imp, layers[to].name)
			case to == from && !layers[from].peers && !sameLifecycleTree(pkg, imp):
				t.Errorf("%s imports %s, a package of its own layer (%s)", pkg, imp, layers[from].name)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d imports checked: the listing is broken", checked)
	}
}

// sameLifecycleTree allows a package's own sub-packages (workflow and its
// test lifecycle).
func sameLifecycleTree(pkg, imp string) bool {
	return strings.HasPrefix(pkg, imp+"/") || strings.HasPrefix(imp, pkg+"/")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
