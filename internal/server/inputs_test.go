package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/testdb"
)

// Hostile or mistyped text is refused with a French 422 naming the field,
// never a 500 nor a silent repair: NUL, invalid UTF-8, line breaks in a
// one-line answer, dates outside 1900–2100, comments over 10 000
// characters; a zero-width-only answer is empty; bidirectional controls
// are stripped from file names.
func TestInputLimits(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		retirer := fmt.Sprintf("/candidatures/%d/evenements/retirer", f.cand.ID)
		section := func(name string) string { return fmt.Sprintf("/candidatures/%d/sections/%s", f.cand.ID, name) }
		for _, tc := range []struct {
			name, path string
			form       url.Values
			want       string
		}{
			{"NUL in a comment", retirer, url.Values{"commentaire": {"motif\x00caché"}}, "commentaire"},
			{"invalid UTF-8 in a comment", retirer, url.Values{"commentaire": {"motif \xff\xfe"}}, "commentaire"},
			{"a comment too long", retirer, url.Values{"commentaire": {strings.Repeat("a", 10001)}}, "ne doit pas dépasser 10\u202f000 caractères"},
			{"a line break in a one-line answer", section("identification"), url.Values{"identification.referent_fonction": {"Maire\nadjointe"}, "v.identification.referent_fonction": {"0"}}, "doit tenir sur une ligne"},
			{"a control character in an answer", section("identification"), url.Values{"identification.referent_fonction": {"Maire\x07"}, "v.identification.referent_fonction": {"0"}}, "caractère de contrôle"},
			{"NUL in an answer", section("identification"), url.Values{"identification.referent_fonction": {"Maire\x00"}, "v.identification.referent_fonction": {"0"}}, "identification.referent_fonction"},
			{"a date before 1900", section("strategie"), url.Values{"strategie.deliberation": {"oui"}, "strategie.deliberation_date": {"12/03/1850"}, "v.strategie.deliberation_date": {"0"}}, "entre 1900 et 2100"},
			{"a date after 2100", section("strategie"), url.Values{"strategie.deliberation": {"oui"}, "strategie.deliberation_date": {"2150-01-01"}, "v.strategie.deliberation_date": {"0"}}, "entre 1900 et 2100"},
		} {
			resp := f.request("elu", http.MethodPost, tc.path, tc.form)
			page := readBody(t, resp)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, tc.want) {
				t.Errorf("%s: %d, want 422 with %q", tc.name, resp.StatusCode, tc.want)
			}
		}
		c, _ := f.st.Candidature(ctx, f.cand.ID)
		if c.State != domain.Brouillon {
			t.Errorf("a refused comment withdrew the candidature: %s", c.State)
		}
		answers, _ := f.cands.Answers(ctx, f.cand.ID)
		if a, ok := answers["identification.referent_fonction"]; ok {
			t.Errorf("a refused answer was stored: %s", a.Value)
		}
		if a, ok := answers["strategie.deliberation_date"]; ok {
			t.Errorf("a date out of range was stored: %s", a.Value)
		}
		// Zero-width only: empty, nothing stored.
		if resp := f.request("elu", http.MethodPost, section("identification"), url.Values{"identification.referent_fonction": {"\u200b \u2060"}, "v.identification.referent_fonction": {"0"}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("zero-width answer: %d", resp.StatusCode)
		}
		answers, _ = f.cands.Answers(ctx, f.cand.ID)
		if a, ok := answers["identification.referent_fonction"]; ok {
			t.Errorf("a zero-width answer was stored: %q", a.Value)
		}
		// The API refuses invalid UTF-8 and NUL rather than storing U+FFFD.
		for name, body := range map[string]string{
			"invalid UTF-8": "{\"value\": \"Maire \xff\", \"version\": 0}",
			"NUL":           `{"value": "Maire \u0000", "version": 0}`,
		} {
			resp := f.api("elu", http.MethodPut, fmt.Sprintf("/api/v1/candidatures/%d/answers/identification.referent_fonction", f.cand.ID), body)
			if e := apiErr(t, resp); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("API, %s: %d %q, want 422", name, resp.StatusCode, e.Message)
			}
		}
		// A file name with a bidirectional override is stored without it.
		e, err := f.cands.Attach(ctx, f.draft("elu"), candidature.UploadRequest{QuestionKey: "strategie.deliberation_preuve", Name: "rapport\u202efdp.exe.pdf", Data: demo.SamplePDF()})
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsRune(e.Name, '\u202e') {
			t.Errorf("file name kept its override: %q", e.Name)
		}
	})
}
