package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// tnl audit verify says the trail is intact, then names the row changed.
func TestAuditVerifyCommand(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		url := testdb.URL(t, dialect)
		env := map[string]string{"TNL_DATABASE_URL": url}
		if code, _, stderr := run(t, env, "migrate"); code != 0 {
			t.Fatal(stderr)
		}
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var id int64
		err = st.InTx(ctx, func(tx *store.Tx) error {
			for _, ev := range []string{"creer", "deposer"} {
				e := &domain.AuditEntry{SubjectType: "candidature", SubjectID: 7, Event: ev, ActorRole: "elu", ActorLabel: "x@exemple.fr"}
				if err := tx.AddAudit(ctx, e); err != nil {
					return err
				}
				id = e.ID
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := run(t, env, "audit", "verify")
		if code != 0 || !strings.Contains(stdout, "2\u00a0lignes, 1\u00a0chaîne") || !strings.Contains(stdout, "Intègre") {
			t.Fatalf("intact trail: %d %q %q", code, stdout, stderr)
		}
		if _, err := st.DB().NewRaw("UPDATE audit_events SET to_state = 'publiee' WHERE id = ?", id).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr = run(t, env, "audit", "verify")
		if code != 1 || !strings.Contains(stdout, "candidature 7, ligne") || !strings.Contains(stdout, "modifié") || !strings.Contains(stderr, "1\u00a0anomalie") {
			t.Fatalf("changed row: %d %q %q", code, stdout, stderr)
		}
	})
}
