package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/testdb"
)

// Who reads a draft: its members and staff (recorded in its history, once
// a day per staff member), not the jury, assigned or not.
func TestWhoReadsDrafts(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		path := fmt.Sprintf("/candidatures/%d", f.cand.ID)
		for person, want := range map[string]int{"elu": 200, "accompagnateur": 200, "staff": 200, "jury": 404, "jure": 404, "president": 404, "membre": 404} {
			resp := f.request(person, http.MethodGet, path, nil)
			readBody(t, resp)
			if got := resp.StatusCode; (want == 200) != (got == 200) {
				t.Errorf("%s reads the draft: %d, want %d", person, got, want)
			}
		}
		f.request("staff", http.MethodGet, path+"/sections/identification", nil)
		entries, err := f.st.AuditTrail(context.Background(), "candidature", f.cand.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range entries {
			if e.Event == candlc.RecordStaffRead {
				n++
				if e.ActorID == nil || *e.ActorID != f.users["staff"].ID || !strings.Contains(e.Comment, "assistance") {
					t.Errorf("staff read recorded as %+v", e)
				}
			}
		}
		if n != 1 {
			t.Errorf("%d records of staff reading the draft, want 1 (once a day)", n)
		}
	})
}

// A candidature one may not see answers exactly as one that does not
// exist: same status, same page.
func TestHiddenCandidatureLooksMissing(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	hidden := f.request("membre", http.MethodGet, fmt.Sprintf("/candidatures/%d", f.cand.ID), nil)
	missing := f.request("membre", http.MethodGet, "/candidatures/987654", nil)
	hb, mb := readBody(t, hidden), readBody(t, missing)
	if hidden.StatusCode != http.StatusNotFound || missing.StatusCode != http.StatusNotFound || hb != mb {
		t.Errorf("hidden: %d, missing: %d, same page: %v", hidden.StatusCode, missing.StatusCode, hb == mb)
	}
	for _, path := range []string{"/api/v1/candidatures/%d", "/api/v1/candidatures/%d/answers"} {
		h := f.api("membre", http.MethodGet, fmt.Sprintf(path, f.cand.ID), "")
		m := f.api("membre", http.MethodGet, fmt.Sprintf(path, 987654), "")
		if h.StatusCode != m.StatusCode || readBody(t, h) != readBody(t, m) {
			t.Errorf("API %s: hidden %d, missing %d", path, h.StatusCode, m.StatusCode)
		}
	}
}

// The pages of a request: « Demander à rejoindre » from the search of a
// collectivité that has a candidature, staff's list and decision.
func TestRequestPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	search := readBody(t, f.request("membre", http.MethodGet, "/candidatures/nouvelle?q=01001", nil))
	for _, want := range []string{"Cette collectivité a déjà une candidature", "Demander à rejoindre", "Signaler une erreur", `action="/demandes"`} {
		if !strings.Contains(search, want) {
			t.Errorf("search page lacks %q", want)
		}
	}
	resp := f.request("membre", http.MethodPost, "/demandes", url.Values{"collectivite": {fmt.Sprint(f.cand.CollectiviteID)}, "campagne": {fmt.Sprint(f.campaign.ID)},
		"type": {"rejoindre"}, "message": {"Je suis agent de la commune."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("asking: %d %s", resp.StatusCode, readBody(t, resp))
	}
	list := readBody(t, f.request("staff", http.MethodGet, "/admin/demandes", nil))
	if !strings.Contains(list, "Demande à rejoindre") || !strings.Contains(list, "Je suis agent de la commune.") || !strings.Contains(list, "Lui transférer le rôle d’élu référent") {
		t.Fatal("staff's list does not show the request")
	}
	i := strings.Index(list, `action="/admin/demandes/`)
	action := list[i+len(`action="`):]
	action = action[:strings.Index(action, `"`)]
	if resp := f.request("staff", http.MethodPost, action, url.Values{"decision": {"ajouter"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deciding: %d", resp.StatusCode)
	}
	if resp := f.request("membre", http.MethodGet, fmt.Sprintf("/candidatures/%d", f.cand.ID), nil); resp.StatusCode != http.StatusOK {
		t.Errorf("the person added cannot read the candidature: %d", resp.StatusCode)
	}
}
