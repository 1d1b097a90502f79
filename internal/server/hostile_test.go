package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

const xss = `<script>alert("tnl")</script><img src=x onerror=alert(1)>`

// Whatever people type is shown as text, never run as HTML.
func TestAnswersAreRenderedEscaped(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	ctx := context.Background()
	raw, _ := json.Marshal(xss)
	stored, _ := f.cands.Answers(ctx, f.cand.ID)
	if _, err := f.cands.Save(ctx, f.draft("elu"), candidature.SaveRequest{Key: "identification.referent_nom", Value: raw, ExpectedVersion: stored["identification.referent_nom"].Version}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.Engine.Fire(ctx, "candidature", f.cand.ID, "retirer", policy.User(f.users["elu"]), workflow.Input{Comment: xss}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/sections/identification", "/historique", ""} {
		body := readBody(t, f.request("elu", http.MethodGet, fmt.Sprintf("/candidatures/%d%s", f.cand.ID, path), nil))
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s renders the payload as HTML", path)
		}
		if path != "" && !strings.Contains(body, "&lt;script&gt;alert(&#34;tnl&#34;)&lt;/script&gt;") {
			t.Errorf("%s does not show the payload as text", path)
		}
	}
	resp := f.api("elu", http.MethodGet, fmt.Sprintf("/api/v1/candidatures/%d/answers", f.cand.ID), "")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("API answers served as %q", ct)
	}
	if resp := f.request("elu", http.MethodGet, "/", nil); !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Error("no content security policy")
	}
}

// multipartBody builds an upload form.
func multipartBody(t *testing.T, fields map[string]string, fileField, name string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, err := w.CreateFormFile(fileField, name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	return &buf, w.FormDataContentType()
}

func TestUploadsAreChecked(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 11<<20)...)
	tests := []struct {
		name       string
		file       string
		data       []byte
		wantStatus int
		want       string
	}{
		{"oversize", "gros.pdf", big, http.StatusRequestEntityTooLarge, "la limite est de 10\u00a0Mo"},
		{"text named .pdf", "faux.pdf", []byte("ceci n'est pas un PDF"), http.StatusBadRequest, "ni un PDF"},
		{"image where a document is expected", "photo.pdf", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"), http.StatusBadRequest, "joignez un fichier PDF, ODT (texte)"},
		{"empty", "vide.pdf", nil, http.StatusBadRequest, "vide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The browser form.
			body, ct := multipartBody(t, map[string]string{"csrf": web.CSRFToken(f.sessions["accompagnateur"]), "question": "strategie.deliberation_preuve"}, "fichier", tt.file, tt.data)
			req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/candidatures/%d/pieces", f.ts.URL, f.cand.ID), body)
			req.Header.Set("Content-Type", ct)
			req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: testCSRF})
			req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: f.sessions["accompagnateur"]})
			resp := f.do(req)
			page := readBody(t, resp)
			if resp.StatusCode != tt.wantStatus || !strings.Contains(page, tt.want) {
				t.Errorf("form: %d, want %d with %q", resp.StatusCode, tt.wantStatus, tt.want)
			}
			// The API.
			body, ct = multipartBody(t, map[string]string{"question": "strategie.deliberation_preuve"}, "file", tt.file, tt.data)
			req, _ = http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/candidatures/%d/evidence", f.ts.URL, f.cand.ID), body)
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Authorization", "Bearer "+f.tokens["accompagnateur"])
			resp = f.do(req)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("API: %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if e := apiErr(t, resp); !strings.Contains(e.Message, tt.want) {
				t.Errorf("API message %q does not say %q", e.Message, tt.want)
			}
		})
	}
	list, _ := f.st.EvidenceList(context.Background(), f.cand.ID)
	if len(list) != 1 {
		t.Errorf("%d files stored, want only the fixture's", len(list))
	}
}

// Forms posted without the CSRF token, with a wrong one, or from another
// site, are refused and change nothing.
func TestCSRF(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	path := fmt.Sprintf("%s/candidatures/%d/evenements/retirer", f.ts.URL, f.cand.ID)
	tests := []struct {
		name   string
		token  string
		header map[string]string
	}{
		{"no token", "", nil},
		{"wrong token", "un-autre-jeton-qui-ne-correspond-pas-au-cookie-0000", nil},
		{"cross-site request with the right token", web.CSRFToken(f.sessions["elu"]), map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://malveillant.example"}},
		// The victim's session with a token pair the attacker chose (a
		// cookie set, no Origin header): not the session's token.
		{"the session with an attacker's token pair", testCSRF, nil},
		{"another session's token", web.CSRFToken(f.sessions["accompagnateur"]), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{}
			if tt.token != "" {
				form.Set(web.CSRFField, tt.token)
			}
			req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: testCSRF})
			req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: f.sessions["elu"]})
			resp := f.do(req)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(readBody(t, resp), "Le formulaire a expiré") {
				t.Errorf("got %d, want 403 with a French explanation", resp.StatusCode)
			}
		})
	}
	c, _ := f.st.Candidature(context.Background(), f.cand.ID)
	if c.State != domain.Brouillon {
		t.Errorf("a forged request withdrew the candidature: %s", c.State)
	}
	// The same request with the token goes through.
	if resp := f.request("elu", http.MethodPost, fmt.Sprintf("/candidatures/%d/evenements/retirer", f.cand.ID), url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("genuine request: %d", resp.StatusCode)
	}
}

// The JSON API answers errors as {"error": {"code", "message", "fields"}}
// with the right status, naming the problem in French.
func TestAPIErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	answer := fmt.Sprintf("/api/v1/candidatures/%d/answers/identification.agents", f.cand.ID)
	tests := []struct {
		name, person, method, path, body string
		status                           int
		code, want, field                string
	}{
		{"no token", "anonyme", "GET", "/api/v1/campaigns", "", 401, "unauthorized", "Jeton d’API manquant", ""},
		{"invalid JSON", "elu", "PUT", answer, `{"value": 12,`, 400, "invalid", "JSON", ""},
		{"unknown field", "elu", "PUT", answer, `{"value": 12, "version": 0, "valeur": 3}`, 400, "invalid", "Champ inconnu : « valeur »", "valeur"},
		{"wrong type", "elu", "PUT", answer, `{"value": 12, "version": "zéro"}`, 400, "invalid", "« version »", "version"},
		{"missing version", "elu", "PUT", answer, `{"value": 12}`, 400, "invalid", "version", "version"},
		{"invalid answer", "elu", "PUT", answer, `{"value": -4, "version": 0}`, 400, "invalid", "Nombre d'agents", "identification.agents"},
		{"unknown question", "elu", "PUT", fmt.Sprintf("/api/v1/candidatures/%d/answers/nimporte.quoi", f.cand.ID), `{"value": 1, "version": 0}`, 400, "invalid", "Question inconnue", "nimporte.quoi"},
		// A candidature one may not see answers as one that does not exist.
		{"not a member", "membre", "GET", fmt.Sprintf("/api/v1/candidatures/%d", f.cand.ID), "", 404, "not_found", "Candidature introuvable", ""},
		{"unknown candidature", "elu", "GET", "/api/v1/candidatures/999999", "", 404, "not_found", "introuvable", ""},
		{"blocked event", "elu", "POST", fmt.Sprintf("/api/v1/candidatures/%d/events/deposer", f.cand.ID), `{"attest": true, "elu_name": "C. Dupont", "elu_mandate": "Maire"}`, 422, "unprocessable", "impossible", ""},
		{"too large", "elu", "PUT", answer, `{"value": "` + strings.Repeat("a", 2<<20) + `", "version": 0}`, 413, "too_large", "volumineux", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := f.api(tt.person, tt.method, tt.path, tt.body)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			e := apiErr(t, resp)
			if e.Code != tt.code || !strings.Contains(e.Message, tt.want) {
				t.Errorf("error %+v, want code %s and a message with %q", e, tt.code, tt.want)
			}
			if tt.field != "" && e.Fields[tt.field] == "" {
				t.Errorf("fields %v do not name %q", e.Fields, tt.field)
			}
		})
	}
	// Two people, one answer: the second gets 409 with the first one's value.
	if resp := f.api("elu", "PUT", answer, `{"value": 12, "version": 0}`); resp.StatusCode != 200 {
		t.Fatalf("first save: %d %s", resp.StatusCode, readBody(t, resp))
	}
	resp := f.api("accompagnateur", "PUT", answer, `{"value": 15, "version": 0}`)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("concurrent save: %d", resp.StatusCode)
	}
	e := apiErr(t, resp)
	cur, _ := e.Current.(map[string]any)
	if e.Code != "conflict" || cur == nil || fmt.Sprint(cur["value"]) != "12" || cur["updated_by"] != "Personne elu" {
		t.Errorf("conflict: %+v", e)
	}
}

// Signing in rotates the CSRF token: the new one is the session's, in a
// __Host- cookie, and the token of the anonymous form no longer serves.
func TestCSRFRotatesAtSignIn(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	resp := f.request("anonyme", http.MethodPost, "/connexion", url.Values{"email": {"elu@exemple.fr"}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	var session, csrf *http.Cookie
	for _, c := range resp.Cookies() {
		switch c.Name {
		case web.SessionCookie:
			session = c
		case web.CSRFCookie:
			csrf = c
		}
	}
	if session == nil || csrf == nil {
		t.Fatalf("cookies after sign-in: %v", resp.Cookies())
	}
	if !strings.HasPrefix(csrf.Name, "__Host-") || !csrf.Secure || csrf.Path != "/" || csrf.Domain != "" {
		t.Errorf("CSRF cookie %+v: want __Host-, Secure, Path=/, no Domain", csrf)
	}
	if csrf.Value != web.CSRFToken(session.Value) || csrf.Value == testCSRF {
		t.Errorf("CSRF token after sign-in %q: not the new session's", csrf.Value)
	}
	post := func(token string) int {
		form := url.Values{web.CSRFField: {token}}
		req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/candidatures/%d/evenements/retirer", f.ts.URL, f.cand.ID), strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: token})
		req.AddCookie(session)
		return f.do(req).StatusCode
	}
	if code := post(testCSRF); code != http.StatusForbidden {
		t.Errorf("the anonymous token after sign-in: %d, want 403", code)
	}
	if code := post(csrf.Value); code != http.StatusSeeOther {
		t.Errorf("the session's token: %d, want 303", code)
	}
}
