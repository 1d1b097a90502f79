package jury_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

type fixture struct {
	t        testing.TB
	ctx      context.Context
	st       *store.Store
	app      *app.App
	svc      *jury.Service
	campaign *domain.Campaign
	users    map[string]*domain.User
	staff    policy.Principal
}

func newFixture(t testing.TB, dialect string) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.Open(t, dialect)
	a := apptest.New(t, st)
	f := &fixture{t: t, ctx: ctx, st: st, app: a, svc: a.Jury, users: map[string]*domain.User{}, staff: policy.Operator("test")}
	if _, err := territoires.Import(ctx, st, []string{"../territoires/testdata/v1"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	cp, err := a.Campaigns.Create(ctx, campaign.CreateRequest{Year: now.Year(), OpensAt: now.AddDate(0, 0, -10), ClosesAt: now.AddDate(0, 1, 0)}, f.staff)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Engine.Fire(ctx, "campagne", cp.ID, "ouvrir", policy.Platform(), workflow.Input{}); err != nil {
		t.Fatal(err)
	}
	f.campaign, _ = st.Campaign(ctx, cp.ID)
	f.user("elu")
	return f
}

// user creates an account.
func (f *fixture) user(name string) *domain.User {
	f.t.Helper()
	now := f.st.Now()
	u := &domain.User{Email: name + "@exemple.fr", Name: "Personne " + name, Role: domain.RoleMember, EmailVerifiedAt: &now}
	if err := f.st.CreateUser(f.ctx, u); err != nil {
		f.t.Fatal(err)
	}
	f.users[name] = u
	return u
}

// juror creates an account seated in the campaign's jury, charter
// accepted, with links to collectivités.
func (f *fixture) juror(name string, links ...string) *domain.User {
	f.t.Helper()
	u := f.user(name)
	if _, err := f.svc.Seat(f.ctx, jury.SeatRequest{CampaignID: f.campaign.ID, Email: u.Email, Collectivites: links}, f.staff); err != nil {
		f.t.Fatal(err)
	}
	return u
}

// candidature creates a candidature of a collectivité, moved to a state
// (recevable by default) directly in the database.
func (f *fixture) candidature(kind domain.CollectiviteKind, code, state string) *domain.Candidature {
	f.t.Helper()
	coll, err := f.st.CollectiviteByCode(f.ctx, kind, code)
	if err != nil {
		f.t.Fatalf("%s %s: %v", kind, code, err)
	}
	c := &domain.Candidature{CampaignID: f.campaign.ID, CollectiviteID: coll.ID, Reference: fmt.Sprintf("TNL-T-%s-%s", kind, code),
		State: domain.Brouillon, EluUserID: f.users["elu"].ID}
	if err := f.st.CreateCandidature(f.ctx, c, nil); err != nil {
		f.t.Fatal(err)
	}
	if state == "" {
		state = domain.Recevable
	}
	if _, err := f.st.DB().NewUpdate().Model((*domain.Candidature)(nil)).Set("state = ?", state).Where("id = ?", c.ID).Exec(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	c.State = state
	return c
}

func (f *fixture) as(name string) policy.Principal { return policy.User(f.users[name]) }

// assignments returns the campaign's pairs as "reference→name".
func (f *fixture) assignments() map[string]bool {
	f.t.Helper()
	rows, err := f.st.CampaignAssignments(f.ctx, f.campaign.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	names := map[int64]string{}
	for n, u := range f.users {
		names[u.ID] = n
	}
	out := map[string]bool{}
	for _, r := range rows {
		c, _ := f.st.Candidature(f.ctx, r.CandidatureID)
		out[strings.TrimPrefix(c.Reference, "TNL-T-")+"→"+names[r.UserID]] = true
	}
	return out
}
