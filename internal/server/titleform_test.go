package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The élu chooses how their title is written; the pages then use it.
func TestTitleForm(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	members := fmt.Sprintf("/candidatures/%d/membres", f.cand.ID)
	if page := readBody(t, f.request("elu", http.MethodGet, members, nil)); !strings.Contains(page, "Élu·e référent·e") {
		t.Error("before any choice the title is not the inclusive form")
	}
	for _, tt := range []struct{ form, want string }{{"feminin", "Élue référente"}, {"masculin", "Élu référent"}} {
		resp := f.request("elu", http.MethodPost, "/compte/titre", url.Values{"forme": {tt.form}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d", tt.form, resp.StatusCode)
		}
		for _, path := range []string{members, "/candidatures"} {
			if page := readBody(t, f.request("elu", http.MethodGet, path, nil)); !strings.Contains(page, tt.want) {
				t.Errorf("%s: %s does not say %q", tt.form, path, tt.want)
			}
		}
		// Others see the élu's title in the élu's form.
		if page := readBody(t, f.request("accompagnateur", http.MethodGet, members, nil)); !strings.Contains(page, tt.want) {
			t.Errorf("%s: the accompagnateur does not see %q", tt.form, tt.want)
		}
	}
	if resp := f.request("elu", http.MethodPost, "/compte/titre", url.Values{"forme": {"autre"}}); resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an unknown form: %d", resp.StatusCode)
	}
	if u, _ := f.st.User(f.ctx, f.users["elu"].ID); u.TitleForm != "masculin" {
		t.Errorf("stored form %q after a refused change", u.TitleForm)
	}
}
