package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/cli"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
	"github.com/adullact/tnl/workflow/workflowtest"
)

// A third lifecycle, written in a test (workflowtest), plugs into the
// platform without any change to the engine, the pages, the API or the
// command line: it is registered with its policy rules, then driven
// through the generic HTTP routes (confirmation page, form, API), the audit
// trail, the outbox, the scheduler and the diagram command.
func TestAThirdLifecyclePlugsIn(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		var mu sync.Mutex
		shift := time.Duration(0)
		st := testdb.Open(t, dialect, store.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return time.Now().Add(shift) }))
		if err := workflowtest.CreateTable(ctx, st); err != nil {
			t.Fatal(err)
		}
		pol, err := policy.New(append(policy.Tables(), workflowtest.Policy())...)
		if err != nil {
			t.Fatal(err)
		}
		register := func(a *app.App) error { return workflow.Register(a.Engine, workflowtest.Definition(time.Hour)) }
		a := apptest.NewWith(t, st, app.Config{Policy: pol, Register: register})
		h, err := server.Handler(a, true)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(h)
		t.Cleanup(ts.Close)

		now := st.Now()
		staff := &domain.User{Email: "equipe@exemple.fr", Name: "Équipe", Role: domain.RoleStaff, EmailVerifiedAt: &now}
		if err := st.CreateUser(ctx, staff); err != nil {
			t.Fatal(err)
		}
		session, err := a.Accounts.OpenSession(ctx, staff)
		if err != nil {
			t.Fatal(err)
		}
		token, _, err := a.Accounts.CreateAPIToken(ctx, staff, "essais")
		if err != nil {
			t.Fatal(err)
		}
		id, err := workflowtest.Create(ctx, st, "Une note")
		if err != nil {
			t.Fatal(err)
		}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		page := func(method, path string, form url.Values) (int, string, string) {
			t.Helper()
			var body *strings.Reader
			if form != nil {
				form.Set(web.CSRFField, web.CSRFToken(session))
				body = strings.NewReader(form.Encode())
			} else {
				body = strings.NewReader("")
			}
			req, _ := http.NewRequest(method, ts.URL+path, body)
			if form != nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			req.AddCookie(&http.Cookie{Name: web.CSRFCookie, Value: testCSRF})
			req.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: session})
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b bytes.Buffer
			b.ReadFrom(resp.Body)
			return resp.StatusCode, resp.Header.Get("Location"), b.String()
		}

		// The subject's page lists the event; its confirmation page asks
		// for its field.
		subject := fmt.Sprintf("/cycles/essai/%d", id)
		if code, _, body := page("GET", subject, nil); code != 200 || !strings.Contains(body, "Valider l’essai") || !strings.Contains(body, "Ouvert") {
			t.Fatalf("subject page: %d\n%s", code, body)
		}
		code, _, body := page("GET", subject+"/evenements/valider", nil)
		if code != 200 || !strings.Contains(body, "L’essai sera validé.") || !strings.Contains(body, `name="motif"`) {
			t.Fatalf("confirmation page: %d\n%s", code, body)
		}
		// Without the required field: the form again, with the reason.
		code, _, body = page("POST", subject+"/evenements/valider", url.Values{"version": {"1"}})
		if code != 422 || !strings.Contains(body, "Indiquez le motif.") {
			t.Fatalf("fired without its field: %d\n%s", code, body)
		}
		code, loc, _ := page("POST", subject+"/evenements/valider", url.Values{"version": {"1"}, "motif": {"Conforme"}})
		if code != 303 || loc != subject+"?ok=essai.valider" {
			t.Fatalf("fire from the form: %d %q", code, loc)
		}
		if _, _, body := page("GET", loc, nil); !strings.Contains(body, "L’essai est validé.") || !strings.Contains(body, "Validé") {
			t.Errorf("the page after firing lacks the event's notice:\n%s", body)
		}
		trail, _ := st.AuditTrail(ctx, "essai", id)
		if len(trail) != 1 || trail[0].Event != "valider" || trail[0].ActorLabel != staff.Email || trail[0].ActorRole != "staff" {
			t.Errorf("audit trail %+v", trail)
		}
		n, _ := st.DB().NewSelect().TableExpr("outbox").Where("recipient = ? AND body = ?", workflowtest.Recipient, "Motif : Conforme").Count(ctx)
		if n != 1 {
			t.Errorf("%d messages in the outbox, want 1", n)
		}

		// The API reads and fires it too.
		api := func(method, path, body string) (int, string) {
			req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b bytes.Buffer
			b.ReadFrom(resp.Body)
			return resp.StatusCode, b.String()
		}
		if code, body := api("GET", "/api/v1"+subject, ""); code != 200 || !strings.Contains(body, `"state": "valide"`) || !strings.Contains(body, `"event": "rouvrir"`) {
			t.Errorf("API subject: %d %s", code, body)
		}
		if code, body := api("POST", "/api/v1"+subject+"/events/rouvrir", `{"expected_version": 2}`); code != 200 || !strings.Contains(body, `"to": "ouvert"`) {
			t.Errorf("API fire: %d %s", code, body)
		}
		if code, _ := api("POST", "/api/v1"+subject+"/events/voler", `{}`); code != 404 {
			t.Errorf("API unknown event: %d", code)
		}
		// Someone the policy refuses is refused by the guard.
		member := &domain.User{Email: "membre@exemple.fr", EmailVerifiedAt: &now}
		if err := st.CreateUser(ctx, member); err != nil {
			t.Fatal(err)
		}
		memberToken, _, _ := account.New(st, a.Mail).CreateAPIToken(ctx, member, "x")
		req, _ := http.NewRequest("POST", ts.URL+"/api/v1"+subject+"/events/valider", strings.NewReader(`{"motif": "x"}`))
		req.Header.Set("Authorization", "Bearer "+memberToken)
		if resp, _ := client.Do(req); resp.StatusCode != 403 {
			t.Errorf("a member fired a staff event: %d", resp.StatusCode)
		}

		// The scheduler fires its timed event.
		if _, err := a.Engine.Fire(ctx, "essai", id, "valider", policy.User(staff), workflow.Input{Values: url.Values{"motif": {"x"}}}); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		shift = 2 * time.Hour
		mu.Unlock()
		if done := workflow.NewScheduler(a.Engine, time.Second, nil).Tick(ctx); len(done) != 1 || done[0].To != "clos" {
			t.Errorf("scheduler: %+v", done)
		}

		// The diagram command draws it.
		var stdout, stderr bytes.Buffer
		env := &cli.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, Policy: pol, Register: register}
		if code := cli.Main(ctx, []string{"workflow", "diagram", "essai"}, env); code != 0 || !strings.Contains(stdout.String(), "valide --> clos : Clore l’essai [staff, system] ⏱") {
			t.Errorf("diagram: %d %s %s", code, stdout.String(), stderr.String())
		}
	})
}
