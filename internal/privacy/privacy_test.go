package privacy_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/privacy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// clock is a test clock that the test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

type fixture struct {
	ctx   context.Context
	st    *store.Store
	app   *app.App
	clock *clock
	elu   *domain.User
	idle  *domain.User
	back  *domain.User
	draft *domain.Candidature
	camp  *domain.Campaign
}

var settings = privacy.Settings{DraftMonths: 12, AccountYears: 3, NoticeDays: 30}

// newFixture: on 2026-01-05, three accounts (an élu, one that will not
// come back, one that will) and the élu's draft in a campaign closing on
// 2026-02-01.
func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	c := &clock{now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
	st := testdb.Open(t, dialect, store.WithClock(c.Now))
	f := &fixture{ctx: context.Background(), st: st, clock: c, app: apptest.NewWith(t, st, app.Config{Retention: &settings})}
	err := st.ApplyTerritoryChanges(f.ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{{
		Kind: domain.KindCommune, Code: "01004", Name: "Ambérieu-en-Bugey", SearchName: "amberieu en bugey",
		DepartementCode: "01", RegionCode: "84", Population: 14000, PostalCodes: "01500", Active: true, UpdatedAt: st.Now(),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	coll, err := st.CollectiviteByCode(f.ctx, domain.KindCommune, "01004")
	if err != nil {
		t.Fatal(err)
	}
	now := st.Now()
	for _, u := range []**domain.User{&f.elu, &f.idle, &f.back} {
		*u = &domain.User{Email: map[**domain.User]string{&f.elu: "maire@amberieu.fr", &f.idle: "parti@exemple.fr", &f.back: "revenu@exemple.fr"}[u],
			Name: "Camille", EmailVerifiedAt: &now}
		if err := st.CreateUser(f.ctx, *u); err != nil {
			t.Fatal(err)
		}
	}
	op := policy.Operator("test")
	if f.camp, err = f.app.Campaigns.Create(f.ctx, campaign.CreateRequest{Year: 2026, Title: "Label 2026",
		OpensAt: now.Add(-time.Hour), ClosesAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}, op); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.Engine.Fire(f.ctx, "campagne", f.camp.ID, "ouvrir", policy.Platform(), workflow.Input{}); err != nil {
		t.Fatal(err)
	}
	if f.draft, err = f.app.Candidatures.Create(f.ctx, candidature.CreateRequest{CampaignID: f.camp.ID, CollectiviteID: coll.ID},
		policy.User(f.elu)); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) run(t *testing.T) *privacy.Report {
	t.Helper()
	rep, err := f.app.Privacy.Run(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// notices returns the retention notices in the outbox, by recipient.
func (f *fixture) notices(t *testing.T) map[string][]domain.OutboxMessage {
	t.Helper()
	var msgs []domain.OutboxMessage
	if err := f.st.DB().NewSelect().Model(&msgs).Where("kind = 'conservation_avis'").Order("id").Scan(f.ctx); err != nil {
		t.Fatal(err)
	}
	out := map[string][]domain.OutboxMessage{}
	for _, m := range msgs {
		out[m.Recipient] = append(out[m.Recipient], m)
	}
	return out
}

func (f *fixture) verifyAudit(t *testing.T) {
	t.Helper()
	rep, err := f.st.VerifyAudit(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("audit altered: %+v", rep.Problems)
	}
}

// Retention with a test clock: a notice a month before, nothing deleted
// before the date, then the deletion; an account used after its notice
// stays; the audit still verifies.
func TestRetention(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		if rep := f.run(t); len(rep.Notices)+len(rep.Deleted) != 0 {
			t.Fatalf("nothing is due yet: %+v", rep)
		}

		// 2027-01-10: the draft's deletion (2027-02-01) is within a month.
		f.clock.Set(time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC))
		if rep := f.run(t); rep.Notices[privacy.RuleDrafts] != 1 || len(rep.Deleted) != 0 {
			t.Fatalf("draft notice: %+v", rep)
		}
		n := f.notices(t)["maire@amberieu.fr"]
		if len(n) != 1 || !strings.Contains(n[0].Subject, "9 février 2027") ||
			!strings.Contains(n[0].Body, "brouillon de candidature d’Ambérieu-en-Bugey") {
			t.Fatalf("draft notice: %+v", n)
		}
		if rep := f.run(t); len(rep.Notices)+len(rep.Deleted) != 0 {
			t.Fatalf("second run sends nothing: %+v", rep)
		}
		// 2027-02-02: past the end of its retention, but not a month after
		// its notice: kept until 2027-02-09.
		f.clock.Set(time.Date(2027, 2, 2, 9, 0, 0, 0, time.UTC))
		if rep := f.run(t); len(rep.Deleted) != 0 {
			t.Fatalf("deleted before its notice's month: %+v", rep)
		}
		f.clock.Set(time.Date(2027, 2, 9, 10, 0, 0, 0, time.UTC))
		if rep := f.run(t); rep.Deleted[privacy.RuleDrafts] != 1 {
			t.Fatalf("draft deletion: %+v", rep)
		}
		if _, err := f.st.CandidatureByReference(f.ctx, f.draft.Reference); domain.ErrorCode(err) != domain.ENotFound {
			t.Fatalf("draft still there: %v", err)
		}
		trail, _ := f.st.AuditTrail(f.ctx, "candidature", f.draft.ID)
		if last := trail[len(trail)-1]; last.Event != workflow.RecordDelete {
			t.Fatalf("no deletion row in the draft's chain: %+v", last)
		}

		// 2028-12-10: the accounts created on 2026-01-05 reach three years
		// without use on 2029-01-05; the élu signed in on 2027-06-01.
		f.clock.Set(time.Date(2027, 6, 1, 9, 0, 0, 0, time.UTC))
		if err := f.st.TouchUser(f.ctx, f.elu.ID); err != nil {
			t.Fatal(err)
		}
		f.clock.Set(time.Date(2028, 12, 10, 9, 0, 0, 0, time.UTC))
		if rep := f.run(t); rep.Notices[privacy.RuleAccounts] != 2 {
			t.Fatalf("account notices: %+v", rep)
		}
		if n := f.notices(t); len(n["parti@exemple.fr"]) != 1 || len(n["revenu@exemple.fr"]) != 1 || !strings.Contains(n["parti@exemple.fr"][0].Body, "il suffit de vous connecter") {
			t.Fatalf("account notices: %+v", n)
		}
		// One comes back after the notice.
		f.clock.Set(time.Date(2028, 12, 20, 9, 0, 0, 0, time.UTC))
		if err := f.st.TouchUser(f.ctx, f.back.ID); err != nil {
			t.Fatal(err)
		}
		f.clock.Set(time.Date(2029, 1, 10, 9, 0, 0, 0, time.UTC)) // a month after the notice
		if rep := f.run(t); rep.Deleted[privacy.RuleAccounts] != 1 {
			t.Fatalf("account deletion: %+v", rep)
		}
		gone, err := f.st.User(f.ctx, f.idle.ID)
		if err != nil || gone.DeletedAt == nil || gone.Email == "parti@exemple.fr" || gone.Name != "" || gone.PasswordHash != "" {
			t.Fatalf("account not erased: %+v %v", gone, err)
		}
		if kept, _ := f.st.User(f.ctx, f.back.ID); kept.DeletedAt != nil {
			t.Fatal("the account used after its notice was deleted")
		}
		if n := f.notices(t); len(n["parti@exemple.fr"]) != 0 {
			t.Fatal("the deleted account's messages are kept")
		}
		f.verifyAudit(t)
	})
}

// A person downloads their data and deletes their account; the audit keeps
// its rows, actor anonymised, and verifies.
func TestExportAndDeleteAccount(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		x, err := f.app.Privacy.Export(f.ctx, f.elu.ID)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(x)
		for _, want := range []string{`"adresse":"maire@amberieu.fr"`, `"reference":"` + f.draft.Reference, `"evenement":"creer"`, `"traitements"`, "Comptes des candidats"} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("export lacks %s: %s", want, raw)
			}
		}
		if err := f.app.Privacy.DeleteAccount(f.ctx, f.elu.ID, policy.User(f.elu), "demande de la personne"); err != nil {
			t.Fatal(err)
		}
		if err := f.app.Privacy.DeleteAccount(f.ctx, f.elu.ID, policy.User(f.elu), ""); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("second deletion: %v", err)
		}
		var rows []domain.AuditEntry
		if err := f.st.DB().NewSelect().Model(&rows).Order("id").Scan(f.ctx); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if strings.Contains(r.ActorLabel, "amberieu") || r.ActorID != nil && *r.ActorID == f.elu.ID {
				t.Errorf("audit row %d still names the person: %+v", r.ID, r)
			}
		}
		if _, err := f.st.CandidatureByReference(f.ctx, f.draft.Reference); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("the person's draft is kept: %v", err)
		}
		f.verifyAudit(t)
		// Staff answer for someone else; a staff account cannot delete itself.
		staff := &domain.User{Email: "equipe@adullact.org", Name: "Équipe", Role: domain.RoleStaff}
		if err := f.st.CreateUser(f.ctx, staff); err != nil {
			t.Fatal(err)
		}
		if err := f.app.Privacy.DeleteAccount(f.ctx, staff.ID, policy.User(staff), ""); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("staff deleting itself: %v", err)
		}
		if err := f.app.Privacy.DeleteAccount(f.ctx, f.idle.ID, policy.User(staff), "demande reçue par courrier"); err != nil {
			t.Fatal(err)
		}
		trail, _ := f.st.AuditTrail(f.ctx, privacy.AccountSubject, f.idle.ID)
		if len(trail) != 1 || trail[0].ActorLabel != policy.User(staff).Label() || trail[0].Comment != "demande reçue par courrier" {
			t.Errorf("deletion on behalf not recorded: %+v", trail)
		}
		f.verifyAudit(t)
	})
}

func TestTreatmentsFollowTheSettings(t *testing.T) {
	t.Parallel()
	st := testdb.Open(t, store.SQLite)
	a := apptest.NewWith(t, st, app.Config{Retention: &privacy.Settings{DraftMonths: 6, AccountYears: 2, NoticeDays: 15}})
	var all []string
	for _, tr := range a.Privacy.Treatments() {
		if tr.Purpose == "" || tr.Duration == "" || tr.Basis == "" || tr.Data == "" {
			t.Errorf("incomplete treatment %+v", tr)
		}
		all = append(all, tr.Duration)
	}
	joined := strings.Join(all, "\n")
	for _, want := range []string{"6\u00a0mois après la date limite", "2\u00a0ans sans connexion", "15\u00a0jours avant"} {
		if !strings.Contains(joined, want) {
			t.Errorf("durations lack %q:\n%s", want, joined)
		}
	}
}
