package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/internal/web"
)

// Two people save the same answer from forms loaded at the same version: the
// second is not silently overwritten: they see a conflict showing the other's
// value, their own typing kept, and saving again keeps theirs.
func TestSectionSaveConflict(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		path := fmt.Sprintf("/candidatures/%d/sections/identification", f.cand.ID)
		form := func(name string, version string) url.Values {
			return url.Values{"identification.referent_fonction": {name}, "v.identification.referent_fonction": {version}, "apres": {"rester"}}
		}
		resp := f.request("elu", http.MethodPost, path, form("Camille Dupont", "0"))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("first save: %d %s", resp.StatusCode, readBody(t, resp))
		}
		resp = f.request("accompagnateur", http.MethodPost, path, form("Alex Libre", "0"))
		page := readBody(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("second save: %d", resp.StatusCode)
		}
		for _, want := range []string{"Personne elu a modifié cette réponse", "« Camille Dupont »", `value="Alex Libre"`, `name="v.identification.referent_fonction" value="1"`, "1 point à corriger"} {
			if !strings.Contains(page, want) {
				t.Errorf("conflict page does not show %q", want)
			}
		}
		answers, _ := f.cands.Answers(f.ctx, f.cand.ID)
		if got := string(answers["identification.referent_fonction"].Value); got != `"Camille Dupont"` {
			t.Errorf("stored %s after the conflict, want the first save", got)
		}
		// Saving again, having seen the other's value, keeps theirs.
		if resp := f.request("accompagnateur", http.MethodPost, path, form("Alex Libre", "1")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save after the conflict: %d", resp.StatusCode)
		}
		answers, _ = f.cands.Answers(f.ctx, f.cand.ID)
		if got := string(answers["identification.referent_fonction"].Value); got != `"Alex Libre"` {
			t.Errorf("stored %s, want the second person's choice", got)
		}
	})
}

// A half-filled draft always saves, while invalid values are refused with
// the question named, and valid ones around them kept.
func TestSectionSaveValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	path := fmt.Sprintf("/candidatures/%d/sections/identification", f.cand.ID)
	resp := f.request("elu", http.MethodPost, path, url.Values{
		"identification.referent_fonction": {"Adjointe au numérique"}, "identification.agents": {"beaucoup"}, "identification.referent_courriel": {"pas-une-adresse"},
	})
	page := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "2 points à corriger") {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{`href="#q-identification-agents"`, "Nombre d&#39;agents", `value="beaucoup"`, `aria-invalid="true"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	answers, _ := f.cands.Answers(f.ctx, f.cand.ID)
	if got := string(answers["identification.referent_fonction"].Value); got != `"Adjointe au numérique"` {
		t.Errorf("valid answer not kept beside invalid ones: %s", got)
	}
	if got := string(answers["identification.referent_courriel"].Value); got != `"elu@exemple.fr"` {
		t.Errorf("an invalid value replaced the stored one: %s", got)
	}
	if _, ok := answers["identification.agents"]; ok {
		t.Error("an invalid value was stored")
	}
}

// A page of the same person that did not show the stored value (phone and
// desktop open at once) neither clears nor overwrites it: an empty field
// leaves it, a different value is a conflict showing both values, and the
// person chooses « Garder ma saisie » or « Reprendre la valeur enregistrée ».
func TestStalePageOfTheSamePerson(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		path := fmt.Sprintf("/candidatures/%d/sections/identification", f.cand.ID)
		key := "identification.referent_fonction"
		form := func(value, version string, extra ...string) url.Values {
			v := url.Values{key: {value}, "v." + key: {version}, "apres": {"rester"}}
			for i := 0; i+1 < len(extra); i += 2 {
				v.Set(extra[i], extra[i+1])
			}
			return v
		}
		stored := func() string {
			answers, _ := f.cands.Answers(f.ctx, f.cand.ID)
			return string(answers[key].Value)
		}
		if resp := f.request("elu", http.MethodPost, path, form("Maire", "0")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("first save: %d", resp.StatusCode)
		}
		// The other page, rendered before the answer existed, sent empty.
		if resp := f.request("elu", http.MethodPost, path, form("", "0")); resp.StatusCode != http.StatusSeeOther || stored() != `"Maire"` {
			t.Fatalf("stale empty page: %d, stored %s", resp.StatusCode, stored())
		}
		// The other page sends another value.
		resp := f.request("elu", http.MethodPost, path, form("Adjointe", "0"))
		page := readBody(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || stored() != `"Maire"` {
			t.Fatalf("stale value: %d, stored %s", resp.StatusCode, stored())
		}
		for _, want := range []string{"Vous avez modifié cette réponse sur une autre page", "Valeur enregistrée : « Maire »", "Votre saisie : « Adjointe »",
			`name="garder"`, "Garder ma saisie", `name="reprendre"`, "Reprendre la valeur enregistrée", `value="Adjointe"`} {
			if !strings.Contains(page, want) {
				t.Errorf("conflict page does not show %q", want)
			}
		}
		// « Reprendre la valeur enregistrée »: nothing written.
		if resp := f.request("elu", http.MethodPost, path, form("Adjointe", "1", "reprendre", key)); resp.StatusCode != http.StatusSeeOther || stored() != `"Maire"` {
			t.Errorf("taking the stored value: %d, stored %s", resp.StatusCode, stored())
		}
		// « Garder ma saisie »: saved over the version shown by the conflict.
		if resp := f.request("elu", http.MethodPost, path, form("Adjointe", "1", "garder", key)); resp.StatusCode != http.StatusSeeOther || stored() != `"Adjointe"` {
			t.Errorf("keeping one's input: %d, stored %s", resp.StatusCode, stored())
		}
		// Autosave from a stale page: a JSON conflict with both values.
		resp = f.request("elu", http.MethodPost, fmt.Sprintf("/candidatures/%d/reponses/%s", f.cand.ID, key), url.Values{key: {"Conseillère"}, "version": {"1"}})
		body := apiErr(t, resp)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body.Message, "Valeur enregistrée : « Adjointe »") || !strings.Contains(body.Message, "Votre saisie : « Conseillère »") || stored() != `"Adjointe"` {
			t.Errorf("stale autosave: %d %+v, stored %s", resp.StatusCode, body, stored())
		}
	})
}

// The autosave's errors come back as JSON with a French message the page
// shows: an expired session, an expired form (CSRF), a body too large.
func TestAutosaveErrorsAreJSON(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	key := "identification.referent_fonction"
	path := fmt.Sprintf("%s/candidatures/%d/reponses/%s", f.ts.URL, f.cand.ID, key)
	post := func(body, session, token string) (int, string, web.ErrorDetail) {
		req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		req.Header.Set(web.CSRFHeader, token)
		if session != "" {
			req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: session})
		}
		resp := f.do(req)
		return resp.StatusCode, resp.Header.Get("Content-Type"), apiErr(t, resp)
	}
	session := f.sessions["elu"]
	for _, tc := range []struct {
		name, body, session, token string
		status                     int
		want                       string
	}{
		{"expired session", key + "=Maire&version=0", "session-expiree", web.CSRFToken("session-expiree"), http.StatusUnauthorized, "onnect"},
		{"expired form", key + "=Maire&version=0", session, "un-autre-jeton", http.StatusForbidden, "Le formulaire a expiré"},
		{"too large", key + "=" + strings.Repeat("a", 2<<20) + "&version=0", session, web.CSRFToken(session), http.StatusRequestEntityTooLarge, "trop volumineux"},
	} {
		status, ct, e := post(tc.body, tc.session, tc.token)
		if status != tc.status || !strings.HasPrefix(ct, "application/json") || !strings.Contains(e.Message, tc.want) {
			t.Errorf("%s: %d %s %q, want %d JSON saying %q", tc.name, status, ct, e.Message, tc.status, tc.want)
		}
	}
}

// An autosave costs two statements in the common case: the session read
// with the candidature and the person's links to it, then the save. The
// guard still refuses it without the CSRF token, a stale version is still
// a conflict, and a person whose session is unknown is still refused.
func TestAutosaveStatements(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		path := fmt.Sprintf("/candidatures/%d/reponses/identification.referent_fonction", f.cand.ID)
		save := func(person, value, version string) *http.Response {
			return f.request(person, http.MethodPost, path, url.Values{"identification.referent_fonction": {value}, "version": {version}})
		}
		before := f.st.Stats().Queries
		if resp := save("elu", "Adjointe au numérique", "0"); resp.StatusCode != http.StatusOK {
			t.Fatalf("autosave: %d %s", resp.StatusCode, readBody(t, resp))
		}
		if n := f.st.Stats().Queries - before; n != 2 {
			t.Errorf("an autosave sent %d statements, want 2 (session with the candidature, the save)", n)
		}
		before = f.st.Stats().Queries
		if resp := save("elu", "Maire adjointe", "1"); resp.StatusCode != http.StatusOK {
			t.Fatalf("second autosave: %d %s", resp.StatusCode, readBody(t, resp))
		}
		if n := f.st.Stats().Queries - before; n != 2 {
			t.Errorf("an autosave over a saved answer sent %d statements, want 2", n)
		}
		if resp := save("accompagnateur", "Alex Libre", "1"); resp.StatusCode != http.StatusConflict {
			t.Errorf("stale version from another person: %d, want 409", resp.StatusCode)
		}
		if resp := save("inconnu", "Personne", "2"); resp.StatusCode == http.StatusOK {
			t.Errorf("without a session: %d", resp.StatusCode)
		}
		req, _ := http.NewRequest(http.MethodPost, f.ts.URL+path, strings.NewReader(url.Values{"identification.referent_fonction": {"Sans jeton"}, "version": {"2"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: f.sessions["elu"]})
		if resp := f.do(req); resp.StatusCode != http.StatusForbidden {
			t.Errorf("without the CSRF token: %d, want 403", resp.StatusCode)
		}
		answers, _ := f.cands.Answers(f.ctx, f.cand.ID)
		if got := answers["identification.referent_fonction"]; string(got.Value) != `"Maire adjointe"` || got.Version != 2 {
			t.Errorf("stored %s at version %d, want the élu's second save at version 2", got.Value, got.Version)
		}
	})
}
