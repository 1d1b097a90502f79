package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// The people of the fixture, one per role a route may allow.
var people = []string{"anonyme", "membre", "elu", "accompagnateur", "jury", "staff"}

// fixture is a server with a draft candidature, its élu and accompagnateur,
// a jury member, a staff member and an unrelated member.
type fixture struct {
	t        testing.TB
	ctx      context.Context
	st       *store.Store
	srv      *Server
	ts       *httptest.Server
	cands    *candidature.Service
	accounts *account.Service
	users    map[string]*domain.User
	sessions map[string]string // person → session token
	tokens   map[string]string // person → API token
	cand     *domain.Candidature
	evidence *domain.Evidence
}

const testPassword = "une phrase de passe"

func newFixture(t testing.TB, dialect string) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.Open(t, dialect)
	engine := workflow.New(st)
	f := &fixture{t: t, ctx: ctx, st: st, users: map[string]*domain.User{}, sessions: map[string]string{}, tokens: map[string]string{},
		cands: candidature.New(st, engine), accounts: account.New(st, "http://tnl.test")}
	if _, err := territoires.Import(ctx, st, []string{"../territoires/testdata/v1"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	cp, err := campaign.Create(ctx, st, campaign.CreateRequest{Year: now.Year(), OpensAt: now.AddDate(0, 0, -1), ClosesAt: now.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := engine.Fire(ctx, "campagne", cp.ID, "ouvrir", workflow.SystemActor(), workflow.Input{}); err != nil {
		t.Fatal(err)
	}
	hash, err := account.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people[1:] {
		role := domain.RoleMember
		if p == "jury" || p == "staff" {
			role = p
		}
		verified := st.Now()
		u := &domain.User{Email: p + "@exemple.fr", Name: "Personne " + p, Role: role, PasswordHash: hash, EmailVerifiedAt: &verified}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		f.users[p] = u
		if f.sessions[p], err = f.accounts.OpenSession(ctx, u); err != nil {
			t.Fatal(err)
		}
		if f.tokens[p], _, err = f.accounts.CreateAPIToken(ctx, u, "tests"); err != nil {
			t.Fatal(err)
		}
	}
	coll, _ := st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
	if f.cand, err = f.cands.Create(ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: coll.ID}, f.users["elu"]); err != nil {
		t.Fatal(err)
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		return tx.AddMember(ctx, f.cand.ID, f.users["accompagnateur"].ID, store.MemberAccompagnateur)
	}); err != nil {
		t.Fatal(err)
	}
	if f.evidence, err = f.cands.AddEvidence(ctx, candidature.UploadRequest{CandidatureID: f.cand.ID, QuestionKey: "strategie.deliberation_preuve",
		Name: "deliberation.pdf", Data: demo.SamplePDF()}, f.users["elu"]); err != nil {
		t.Fatal(err)
	}
	if f.srv, err = New(Deps{Store: st, Engine: engine, Accounts: f.accounts, Cands: f.cands, BaseURL: "http://tnl.test"}); err != nil {
		t.Fatal(err)
	}
	f.ts = httptest.NewServer(f.srv.Handler())
	t.Cleanup(f.ts.Close)
	return f
}

const testCSRF = "jeton-csrf-de-test-suffisamment-long-0123456789"

// request sends a browser request as a person: session cookie, CSRF cookie
// and token on unsafe methods. It does not follow redirects.
func (f *fixture) request(person, method, path string, form url.Values) *http.Response {
	f.t.Helper()
	var body io.Reader
	if form != nil {
		if isUnsafe(method) {
			form.Set(csrfField, testCSRF)
		}
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, f.ts.URL+path, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
	if s, ok := f.sessions[person]; ok {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: s})
	}
	return f.do(req)
}

// api sends a JSON API request as a person (bearer token).
func (f *fixture) api(person, method, path, body string) *http.Response {
	f.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.ts.URL+path, r)
	if err != nil {
		f.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok, ok := f.tokens[person]; ok {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return f.do(req)
}

func (f *fixture) do(req *http.Request) *http.Response {
	f.t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func readBody(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// apiErr decodes a JSON API error.
func apiErr(t testing.TB, resp *http.Response) apiErrorDetail {
	t.Helper()
	var body apiErrorBody
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("error body is not JSON: %v", err)
	}
	return body.Error
}
