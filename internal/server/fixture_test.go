package server_test

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
	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/publipostage"
	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// persona is a kind of person the fixture holds, with how they stand to
// the fixture's candidature.
type persona struct {
	name string
	// seat in the jury of the candidature's campaign (or of another one
	// when otherCampaign), and whether they are assigned to it.
	seat          string
	otherCampaign bool
	assigned      bool
	member        string
	staff         bool
	// gullRole in the fixture's GULL (to which its request is routed),
	// inCharge: took the request; partner of its mailing campaign.
	gullRole string
	inCharge bool
	partner  bool
	// conflicted: in conflict of interest with the candidature (declared).
	conflicted bool
}

// The people of the fixture: one per relationship the policy knows.
var personas = []persona{
	{name: "anonyme"},
	{name: "membre"},
	{name: "elu", member: domain.MemberElu},
	{name: "accompagnateur", member: domain.MemberAccompagnateur},
	{name: "jury", seat: domain.SeatMember},
	{name: "jure", seat: domain.SeatMember, assigned: true},
	{name: "president", seat: domain.SeatPresident},
	{name: "jury-autre", seat: domain.SeatMember, otherCampaign: true},
	{name: "jure-conflit", seat: domain.SeatMember, conflicted: true},
	{name: "staff", staff: true},
	{name: "coordinateur", gullRole: domain.GullCoordinateur},
	{name: "ambassadeur", gullRole: domain.GullAmbassadeur},
	{name: "en-charge", gullRole: domain.GullAmbassadeur, inCharge: true},
	{name: "partenaire", partner: true},
}

// fixture is a server with a draft candidature, its élu and accompagnateur,
// members of the jury of its campaign (one assigned to it, one president),
// a juror of another campaign, a staff member and an unrelated member.
type fixture struct {
	t        testing.TB
	ctx      context.Context
	st       *store.Store
	app      *app.App
	ts       *httptest.Server
	routes   []web.Route
	cands    *candidature.Service
	accounts *account.Service
	campaign *domain.Campaign
	users    map[string]*domain.User
	sessions map[string]string // person → session token
	tokens   map[string]string // person → API token
	cand     *domain.Candidature
	evidence *domain.Evidence
	gull     *domain.Gull
	visite   *domain.Visite
	courrier *domain.Courrier
	// evaluation is the assigned juror's evaluation of the candidature.
	evaluation *domain.Evaluation
}

const testPassword = "une phrase de passe"

func newFixture(t testing.TB, dialect string) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.Open(t, dialect)
	a := apptest.New(t, st)
	f := &fixture{t: t, ctx: ctx, st: st, app: a, users: map[string]*domain.User{}, sessions: map[string]string{}, tokens: map[string]string{},
		cands: a.Candidatures, accounts: a.Accounts}
	if _, err := territoires.Import(ctx, st, []string{"../territoires/testdata/v1"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var err error
	if f.campaign, err = a.Campaigns.Create(ctx, campaign.CreateRequest{Year: now.Year(), OpensAt: now.AddDate(0, 0, -1), ClosesAt: now.AddDate(0, 1, 0)}, policy.Operator("test")); err != nil {
		t.Fatal(err)
	}
	other, err := a.Campaigns.Create(ctx, campaign.CreateRequest{Year: now.Year() - 1, OpensAt: now.AddDate(-1, 0, -1), ClosesAt: now.AddDate(-1, 1, 0)}, policy.Operator("test"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Engine.Fire(ctx, "campagne", f.campaign.ID, "ouvrir", policy.Platform(), workflow.Input{}); err != nil {
		t.Fatal(err)
	}
	hash, err := account.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range personas[1:] {
		role := domain.RoleMember
		if p.staff {
			role = domain.RoleStaff
		}
		verified := st.Now()
		u := &domain.User{Email: p.name + "@exemple.fr", Name: "Personne " + p.name, Role: role, PasswordHash: hash, EmailVerifiedAt: &verified}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		f.users[p.name] = u
		if p.seat != "" {
			cp := f.campaign.ID
			if p.otherCampaign {
				cp = other.ID
			}
			if err := st.PutJuryMember(ctx, &store.JuryMember{CampaignID: cp, UserID: u.ID, Seat: p.seat, CharterAcceptedAt: &verified}); err != nil {
				t.Fatal(err)
			}
		}
		f.openSession(p.name)
		if f.tokens[p.name], _, err = f.accounts.CreateAPIToken(ctx, u, "tests"); err != nil {
			t.Fatal(err)
		}
	}
	coll, _ := st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
	if f.cand, err = f.cands.Create(ctx, candidature.CreateRequest{CampaignID: f.campaign.ID, CollectiviteID: coll.ID}, policy.User(f.users["elu"])); err != nil {
		t.Fatal(err)
	}
	// An accompagnateur whom the route test may take off the candidature.
	removable := &domain.User{Email: "retirable@exemple.fr", Name: "Personne retirable"}
	if err := st.CreateUser(ctx, removable); err != nil {
		t.Fatal(err)
	}
	f.users["retirable"] = removable
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.AddMember(ctx, f.cand.ID, removable.ID, domain.MemberAccompagnateur); err != nil {
			return err
		}
		return tx.AddMember(ctx, f.cand.ID, f.users["accompagnateur"].ID, domain.MemberAccompagnateur)
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.Assign(ctx, f.cand.ID, f.users["jure"].ID); err != nil {
		t.Fatal(err)
	}
	if f.evaluation, err = st.EvaluationOf(ctx, f.cand.ID, f.users["jure"].ID); err != nil {
		t.Fatal(err)
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		return tx.PutConflict(ctx, &store.Conflict{CandidatureID: f.cand.ID, UserID: f.users["jure-conflit"].ID, Source: domain.ConflictDeclared, Reason: "Adjoint au maire."})
	}); err != nil {
		t.Fatal(err)
	}
	if f.evidence, err = f.cands.Attach(ctx, f.draft("elu"), candidature.UploadRequest{QuestionKey: "strategie.deliberation_preuve",
		Name: "deliberation.pdf", Data: demo.SamplePDF()}); err != nil {
		t.Fatal(err)
	}
	f.ambassadeurs()
	routes, kernel, err := server.Routes(a, true)
	if err != nil {
		t.Fatal(err)
	}
	f.routes = routes
	h, err := kernel.Handler(routes)
	if err != nil {
		t.Fatal(err)
	}
	f.ts = httptest.NewServer(h)
	t.Cleanup(f.ts.Close)
	return f
}

// openSession signs a person in (again).
func (f *fixture) openSession(person string) {
	f.t.Helper()
	token, err := f.accounts.OpenSession(f.ctx, f.users[person])
	if err != nil {
		f.t.Fatal(err)
	}
	f.sessions[person] = token
}

// draft opens the fixture's candidature as a person.
func (f *fixture) draft(person string) *candidature.Draft {
	f.t.Helper()
	d, err := f.cands.Open(f.ctx, f.cand.ID, policy.User(f.users[person]))
	if err != nil {
		f.t.Fatal(err)
	}
	return d
}

const testCSRF = "jeton-csrf-de-test-suffisamment-long-0123456789"

// request sends a browser request as a person: session cookie, CSRF cookie
// and token on unsafe methods. It does not follow redirects.
func (f *fixture) request(person, method, path string, form url.Values) *http.Response {
	f.t.Helper()
	var body io.Reader
	if form != nil {
		if method != http.MethodGet {
			// A signed-in person's token is their session's.
			token := testCSRF
			if s, ok := f.sessions[person]; ok {
				token = web.CSRFToken(s)
			}
			form.Set(web.CSRFField, token)
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
	req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: testCSRF})
	if s, ok := f.sessions[person]; ok {
		req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: s})
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
func apiErr(t testing.TB, resp *http.Response) web.ErrorDetail {
	t.Helper()
	var body web.ErrorBody
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("error body is not JSON: %v", err)
	}
	return body.Error
}

// serverRoutes builds the route table of the fixture's platform again.
func serverRoutes(f *fixture) ([]web.Route, *web.Server, error) { return server.Routes(f.app, true) }

// ambassadeurs adds the ambassadeurs' side: a validated GULL coordinated by
// "coordinateur", with "ambassadeur" and "en-charge" as members, a request
// routed to it that "en-charge" took, and a mailing campaign whose partner
// is "partenaire".
func (f *fixture) ambassadeurs() {
	t, ctx, a := f.t, f.ctx, f.app
	g, err := a.Ambassadeurs.RegisterGull(ctx, ambassadeurs.GullRequest{Name: "GULL de l’Ain", Email: "contact@gull-ain.org",
		Zone: "01", Home: "01001"}, policy.User(f.users["coordinateur"]))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Engine.Fire(ctx, "gull", g.ID, "valider", policy.User(f.users["staff"]), workflow.Input{}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.InTx(ctx, func(tx *store.Tx) error {
		for _, p := range []string{"ambassadeur", "en-charge"} {
			if err := tx.AddGullMember(ctx, g.ID, f.users[p].ID, domain.GullAmbassadeur); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	coll, _ := f.st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
	v, err := a.Ambassadeurs.Ask(ctx, ambassadeurs.AskRequest{CollectiviteID: coll.ID, Name: "Camille Maire", Function: "maire",
		Email: "mairie@abergement.fr", Topics: []string{"bureautique"}})
	if err != nil {
		t.Fatal(err)
	}
	msgs, _, err := f.st.OutboxMessages(ctx, store.OutboxFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	token := ""
	for _, m := range msgs {
		if m.Recipient == "mairie@abergement.fr" {
			token = strings.Fields(m.Body[strings.Index(m.Body, "/ambassadeurs/suivi/")+len("/ambassadeurs/suivi/"):])[0]
		}
	}
	if _, err := a.Ambassadeurs.Follow(ctx, token, policy.Principal{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Engine.Fire(ctx, "visite", v.ID, "prendre", policy.User(f.users["en-charge"]), workflow.Input{}); err != nil {
		t.Fatal(err)
	}
	c, err := a.Publipostage.Create(ctx, publipostage.Request{Title: "Courrier aux mairies de l’Ain", Departement: "01", Channel: domain.ChannelPost,
		Sender: "Association des maires de l’Ain", Partner: f.users["partenaire"].Email}, policy.User(f.users["staff"]))
	if err != nil {
		t.Fatal(err)
	}
	if f.gull, err = f.st.Gull(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	f.visite, f.courrier = v, c
}
