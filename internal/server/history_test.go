package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// The collectivité's members read which body (jury, staff) acted on their
// candidature, not which person: the jury's and staff's addresses stay
// with the jury and staff.
func TestHistoryHidesReviewersFromTheCollectivite(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	// Deposited: the jury reads only deposited candidatures.
	if _, err := f.st.DB().NewUpdate().Table("candidatures").Set("state = ?", domain.Deposee).Where("id = ?", f.cand.ID).Exec(f.ctx); err != nil {
		t.Fatal(err)
	}
	if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
		return tx.AddAudit(f.ctx, &domain.AuditEntry{SubjectType: "candidature", SubjectID: f.cand.ID, Event: "declarer_recevable",
			FromState: "deposee", ToState: "recevable", ActorRole: "staff", ActorLabel: "staff@exemple.fr"})
	}); err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/candidatures/%d/historique", f.cand.ID)
	audit := fmt.Sprintf("/api/v1/candidatures/%d/audit", f.cand.ID)
	for _, tc := range []struct {
		person   string
		seesMail bool
	}{{"elu", false}, {"accompagnateur", false}, {"staff", true}, {"jury", true}} {
		html := readBody(t, f.request(tc.person, "GET", page, nil))
		api := readBody(t, f.api(tc.person, "GET", audit, ""))
		for name, body := range map[string]string{"page": html, "API": api} {
			if got := strings.Contains(body, "staff@exemple.fr"); got != tc.seesMail {
				t.Errorf("%s, %s: staff's address shown = %v, want %v", tc.person, name, got, tc.seesMail)
			}
			if !strings.Contains(body, "Équipe ADULLACT") && !strings.Contains(body, `"staff"`) {
				t.Errorf("%s, %s: the staff's action is not attributed", tc.person, name)
			}
		}
		if !strings.Contains(html, "elu@exemple.fr") {
			t.Errorf("%s: the élu's own action lost its author", tc.person)
		}
	}
}
