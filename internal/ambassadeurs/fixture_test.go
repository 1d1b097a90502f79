package ambassadeurs_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/domain"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// clock is the test clock the store reads.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a platform on a fresh database with a test clock.
type env struct {
	t     *testing.T
	ctx   context.Context
	st    *store.Store
	app   *app.App
	svc   *ambassadeurs.Service
	clock *clock
	users map[string]*domain.User
}

// newEnv wires the platform; real imports the COG 2026 and the real
// geography (the test is skipped without them), else the demonstration's
// twelve communes of the Ain and their approximate centres.
func newEnv(t *testing.T, dialect string, real bool) *env {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	e := &env{t: t, ctx: context.Background(), clock: c, users: map[string]*domain.User{}}
	var terr, geoDir, communes string
	if real {
		terr = testdb.Territoires2026(t)
		geoDir = testdb.Geo(t)
		communes = filepath.Join(terr, "communes.json")
	} else {
		terr, geoDir = "../demo/territoires", "../demo/geo"
	}
	e.st = testdb.Open(t, dialect, store.WithClock(c.Now))
	e.app = apptest.New(t, e.st)
	e.svc = e.app.Ambassadeurs
	if _, err := territoires.Import(e.ctx, e.st, []string{terr}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ImportGeography(e.ctx, geoDir, communes); err != nil {
		t.Fatal(err)
	}
	e.user("staff@exemple.fr", domain.RoleStaff)
	return e
}

// user creates a verified account.
func (e *env) user(email, role string) *domain.User {
	e.t.Helper()
	now := e.st.Now()
	u := &domain.User{Email: email, Name: strings.Split(email, "@")[0], Role: role, EmailVerifiedAt: &now}
	if err := e.st.CreateUser(e.ctx, u); err != nil {
		e.t.Fatal(err)
	}
	e.users[email] = u
	return u
}

func (e *env) as(email string) policy.Principal { return policy.User(e.users[email]) }

// gull registers a GULL coordinated by coordinator, with its zone and home
// commune, and has staff validate it.
func (e *env) gull(name, coordinator, zone, home string) *domain.Gull {
	e.t.Helper()
	if e.users[coordinator] == nil {
		e.user(coordinator, domain.RoleMember)
	}
	g, err := e.svc.RegisterGull(e.ctx, ambassadeurs.GullRequest{Name: name, Email: "contact@" + strings.ReplaceAll(strings.ToLower(name), " ", "") + ".org",
		Zone: zone, Home: home, Description: "Groupe d’utilisateurs de logiciels libres."}, e.as(coordinator))
	if err != nil {
		e.t.Fatalf("register %s: %v", name, err)
	}
	if _, err := e.app.Engine.Fire(e.ctx, gulllc.Name, g.ID, "valider", e.as("staff@exemple.fr"), workflow.Input{}); err != nil {
		e.t.Fatal(err)
	}
	return g
}

// commune returns a commune by code INSEE.
func (e *env) commune(code string) *domain.Collectivite {
	e.t.Helper()
	c, err := e.st.CollectiviteByCode(e.ctx, domain.KindCommune, code)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// ask sends the public form for a commune and returns the request with the
// token of the confirmation link mailed to its contact.
func (e *env) ask(code, email string, consent bool) (*domain.Visite, string) {
	e.t.Helper()
	v, err := e.svc.Ask(e.ctx, ambassadeurs.AskRequest{CollectiviteID: e.commune(code).ID, Name: "Camille Maire", Function: "maire",
		Email: email, Topics: []string{"bureautique", "label"}, Availability: "Le mardi après-midi", Consent: consent, ClientIP: "192.0.2.1"})
	if err != nil {
		e.t.Fatalf("ask %s: %v", code, err)
	}
	return v, e.lastToken(email, "/ambassadeurs/suivi/")
}

// messages returns the outbox, oldest first.
func (e *env) messages() []domain.OutboxMessage {
	e.t.Helper()
	msgs, _, err := e.st.OutboxMessages(e.ctx, store.OutboxFilter{Limit: 500})
	if err != nil {
		e.t.Fatal(err)
	}
	for i, j := 0, len(msgs)-1; i < j; i, j = i+1, j-1 {
		msgs[i], msgs[j] = msgs[j], msgs[i]
	}
	return msgs
}

// sent returns the messages of a kind to an address.
func (e *env) sent(kind, to string) []domain.OutboxMessage {
	var out []domain.OutboxMessage
	for _, m := range e.messages() {
		if m.Kind == kind && (to == "" || m.Recipient == to) {
			out = append(out, m)
		}
	}
	return out
}

// lastToken returns the token of the newest link with this prefix mailed
// to an address.
func (e *env) lastToken(to, prefix string) string {
	e.t.Helper()
	msgs := e.messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if m.Recipient != to {
			continue
		}
		if j := strings.Index(m.Body, prefix); j >= 0 {
			rest := m.Body[j+len(prefix):]
			if k := strings.IndexAny(rest, " \n"); k >= 0 {
				rest = rest[:k]
			}
			return rest
		}
	}
	e.t.Fatalf("no link %s… mailed to %s", prefix, to)
	return ""
}

// visite reads a request back.
func (e *env) visite(id int64) *domain.Visite {
	e.t.Helper()
	v, err := e.st.Visite(e.ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func (e *env) tick() []*workflow.Transition {
	return workflow.NewScheduler(e.app.Engine, time.Second, nil).Tick(e.ctx)
}

func fired(ts []*workflow.Transition) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.SubjectType+"."+t.Event)
	}
	return out
}
