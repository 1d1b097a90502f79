package cli

import (
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/testdb"
)

// Staff answer a person's requests: the export, then the erasure.
func TestUserExportAndDelete(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		env := map[string]string{"TNL_DATABASE_URL": testdb.URL(t, dialect), "USER": "equipe"}
		if code, _, stderr := runWithInput(t, env, "une phrase de passe\n", "user", "add", "--email", "camille@exemple.fr", "--name", "Camille", "--password-stdin"); code != 0 {
			t.Fatal(stderr)
		}
		code, stdout, stderr := run(t, env, "user", "export", "--email", "camille@exemple.fr")
		if code != 0 || !strings.Contains(stdout, `"adresse": "camille@exemple.fr"`) || !strings.Contains(stdout, `"traitements"`) {
			t.Fatalf("export: %d %q %q", code, stdout, stderr)
		}
		if code, _, stderr := run(t, env, "user", "delete", "--email", "camille@exemple.fr"); code != 2 || !strings.Contains(stderr, "--reason") {
			t.Errorf("delete without a reason: %d %q", code, stderr)
		}
		code, stdout, stderr = run(t, env, "user", "delete", "--email", "camille@exemple.fr", "--reason", "demande reçue par courrier")
		if code != 0 || !strings.Contains(stdout, "supprimé") {
			t.Fatalf("delete: %d %q %q", code, stdout, stderr)
		}
		if code, _, _ := run(t, env, "user", "export", "--email", "camille@exemple.fr"); code != 1 {
			t.Errorf("the address still has an account: %d", code)
		}
		if code, stdout, _ := run(t, env, "audit", "verify"); code != 0 || !strings.Contains(stdout, "Intègre") {
			t.Errorf("audit after the deletion: %d %q", code, stdout)
		}
	})
}
