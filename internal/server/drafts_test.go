package server_test

import (
	"context"
	"fmt"
	"net/http"
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
