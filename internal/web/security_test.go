package web

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

func TestClientIP(t *testing.T) {
	for _, tc := range []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"direct", "203.0.113.7:5000", nil, "203.0.113.7"},
		{"direct, forged header ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},
		{"behind a local proxy", "127.0.0.1:5000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"proxy appends to the client's header", "127.0.0.1:5000", []string{"10.0.0.1, 198.51.100.2"}, "198.51.100.2"},
		{"several header lines", "[::1]:5000", []string{"10.0.0.1", "198.51.100.3"}, "198.51.100.3"},
		{"local proxy, unreadable header", "127.0.0.1:5000", []string{"n'importe quoi"}, "127.0.0.1"},
		{"local, no header", "127.0.0.1:5000", nil, "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/connexion", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := clientIP(r); got != tc.want {
				t.Errorf("clientIP = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMaskLinks(t *testing.T) {
	body := "Ouvrez http://localhost:8080/verifier/Z4e4ey4lBAPTcxll-WOsc_hNV2r3 (valable 7 jours)\n" +
		"ou https://tnl.adullact.org/reinitialiser/abc-DEF_123 ou /invitation/k-6vfK3h.\n" +
		"Suivre : https://tnl.adullact.org/candidatures/12"
	want := "Ouvrez http://localhost:8080/verifier/[lien masqué] (valable 7 jours)\n" +
		"ou https://tnl.adullact.org/reinitialiser/[lien masqué] ou /invitation/[lien masqué].\n" +
		"Suivre : https://tnl.adullact.org/candidatures/12"
	if got := maskLinks(body); got != want {
		t.Errorf("maskLinks:\n got %q\nwant %q", got, want)
	}
}

func TestRedirectKeepsTheAnchorLast(t *testing.T) {
	for _, tc := range []struct{ to, notice, want string }{
		{"/candidatures/1/sections/s#q-key", "piece", "/candidatures/1/sections/s?ok=piece#q-key"},
		{"/candidatures/1?x=1#h", "ok", "/candidatures/1?x=1&ok=ok#h"},
		{"/candidatures/1", "depose", "/candidatures/1?ok=depose"},
		{"/candidatures/1#h", "", "/candidatures/1#h"},
	} {
		w := httptest.NewRecorder()
		redirect(w, httptest.NewRequest("POST", "/", nil), tc.to, tc.notice)
		if got := w.Header().Get("Location"); got != tc.want {
			t.Errorf("redirect(%q, %q): Location %q, want %q", tc.to, tc.notice, got, tc.want)
		}
	}
}

// The collectivité's members read which body (jury, staff) acted on their
// candidature, not which person: the jury's and staff's addresses stay
// with the jury and staff.
func TestHistoryHidesReviewersFromTheCollectivite(t *testing.T) {
	f := newFixture(t, "sqlite")
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
