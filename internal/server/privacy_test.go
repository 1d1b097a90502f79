package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/testdb"
)

// From « Mon compte », a person downloads their data and deletes their
// account; then their session no longer opens anything.
func TestMyAccountDataAndDeletion(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		read := func(resp *http.Response) string {
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return string(b)
		}
		resp := f.request("accompagnateur", "GET", "/compte", nil)
		if page := read(resp); resp.StatusCode != 200 || !strings.Contains(page, `href="/compte/donnees"`) || !strings.Contains(page, `href="/compte/supprimer"`) {
			t.Fatalf("account page: %d", resp.StatusCode)
		}
		resp = f.request("accompagnateur", "GET", "/compte/donnees", nil)
		body := read(resp)
		var x struct {
			Compte       struct{ Adresse string }
			Candidatures []struct{ Reference, Role string }
		}
		if err := json.Unmarshal([]byte(body), &x); err != nil || resp.StatusCode != 200 ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), "mes-donnees-tnl.json") {
			t.Fatalf("data download: %d %v %s", resp.StatusCode, err, body)
		}
		if x.Compte.Adresse != f.users["accompagnateur"].Email || len(x.Candidatures) != 1 || x.Candidatures[0].Reference != f.cand.Reference ||
			x.Candidatures[0].Role != domain.MemberAccompagnateur {
			t.Errorf("data: %+v", x)
		}
		if resp := f.request("accompagnateur", "GET", "/compte/supprimer", nil); read(resp) == "" || resp.StatusCode != 200 {
			t.Fatalf("deletion page: %d", resp.StatusCode)
		}
		resp = f.request("accompagnateur", "POST", "/compte/supprimer", url.Values{})
		if page := read(resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Cochez la case") {
			t.Fatalf("unconfirmed deletion: %d", resp.StatusCode)
		}
		resp = f.request("accompagnateur", "POST", "/compte/supprimer", url.Values{"confirmer": {"oui"}})
		if page := read(resp); resp.StatusCode != 200 || !strings.Contains(page, "Votre compte est supprimé") {
			t.Fatalf("deletion: %d %s", resp.StatusCode, page)
		}
		if resp := f.request("accompagnateur", "GET", "/compte", nil); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the deleted account's session still opens « Mon compte »: %d", resp.StatusCode)
		}
		u, err := f.st.User(f.ctx, f.users["accompagnateur"].ID)
		if err != nil || u.DeletedAt == nil || u.Email == f.users["accompagnateur"].Email {
			t.Errorf("account not erased: %+v %v", u, err)
		}
		rep, err := f.st.VerifyAudit(f.ctx)
		if err != nil || !rep.OK() {
			t.Errorf("audit after the deletion: %+v %v", rep, err)
		}
	})
}
