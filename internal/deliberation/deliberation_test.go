package deliberation_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/deliberation"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

type fixture struct {
	t     *testing.T
	ctx   context.Context
	st    *store.Store
	app   *app.App
	cp    *domain.Campaign
	elu   *domain.User
	staff policy.Principal
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.Open(t, dialect)
	f := &fixture{t: t, ctx: ctx, st: st, app: apptest.New(t, st), staff: policy.Operator("test")}
	if _, err := territoires.Import(ctx, st, []string{"../territoires/testdata/v1"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	cp, err := f.app.Campaigns.Create(ctx, campaign.CreateRequest{Year: now.Year(), OpensAt: now.AddDate(0, 0, -10), ClosesAt: now.AddDate(0, 1, 0)}, f.staff)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().NewUpdate().Table("campaigns").Set("state = ?", domain.CampagneDeliberation).Where("id = ?", cp.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	f.cp, _ = st.Campaign(ctx, cp.ID)
	f.elu = f.user("elu")
	return f
}

func (f *fixture) user(name string) *domain.User {
	f.t.Helper()
	now := f.st.Now()
	u := &domain.User{Email: name + "@exemple.fr", Name: "Personne " + name, Role: domain.RoleMember, EmailVerifiedAt: &now}
	if err := f.st.CreateUser(f.ctx, u); err != nil {
		f.t.Fatal(err)
	}
	return u
}

// evaluated creates an evaluated candidature of a commune.
func (f *fixture) evaluated(code string) *domain.Candidature {
	f.t.Helper()
	coll, err := f.st.CollectiviteByCode(f.ctx, domain.KindCommune, code)
	if err != nil {
		f.t.Fatal(err)
	}
	c := &domain.Candidature{CampaignID: f.cp.ID, CollectiviteID: coll.ID, Reference: "TNL-T-" + code, State: domain.Brouillon, EluUserID: f.elu.ID}
	if err := f.st.CreateCandidature(f.ctx, c, nil); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.st.DB().NewUpdate().Table("candidatures").Set("state = ?", domain.Evaluee).Where("id = ?", c.ID).Exec(f.ctx); err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fixture) table(rels policy.Set, facts policy.Facts, who policy.Principal, flt deliberation.Filter) (*deliberation.Table, error) {
	return f.app.Deliberation.Table(f.ctx, f.cp, rels, facts, who, flt)
}

func decisionInput(level, motivation string, mentions ...string) workflow.Input {
	return workflow.Input{Values: url.Values{"level": {level}, "motivation": {motivation}, "mentions": mentions}}
}

// The table lists the evaluated candidatures with last year's result and
// the trend; bulk decisions record all or none.
func TestTableAndBulkDecisions(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		a, b, c := f.evaluated("01001"), f.evaluated("01002"), f.evaluated("01004")
		three := 3
		if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
			return tx.InsertPalmares(f.ctx, []*domain.PalmaresEntry{{Year: f.cp.Year - 1, CollectiviteID: a.CollectiviteID, PublishedName: "Commune A",
				Awarded: true, Level: &three, LevelLabel: "Niveau 3 — Confirmé", Source: "test", PublishedAt: f.st.Now()}})
		}); err != nil {
			t.Fatal(err)
		}
		staff := policy.Of(policy.Staff, policy.SignedIn)
		tab, err := f.table(staff, policy.Facts{}, f.staff, deliberation.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if tab.Total != 3 || tab.Decided != 0 || !tab.CanDecide {
			t.Fatalf("table: total %d, decided %d, can decide %v", tab.Total, tab.Decided, tab.CanDecide)
		}
		for _, r := range tab.Rows {
			if r.ID == a.ID && (r.Previous == nil || r.Previous.Year != f.cp.Year-1 || r.Previous.LevelLabel != "Niveau 3 — Confirmé") {
				t.Errorf("previous result of A: %+v", r.Previous)
			}
			if r.ID == b.ID && r.Previous != nil {
				t.Errorf("B has no previous result: %+v", r.Previous)
			}
		}

		// A level the scheme lacks refuses the whole selection, naming it.
		_, err = f.app.Deliberation.DecideMany(f.ctx, f.cp, []int64{a.ID, b.ID}, decisionInput("9", "Trop haut."), staff, policy.Facts{}, f.staff)
		if err == nil || !strings.Contains(domain.ErrorMessage(err), "Aucune décision n’est enregistrée") || !strings.Contains(domain.ErrorMessage(err), "TNL-T-01001") {
			t.Fatalf("bulk decision with a bad level: %v", err)
		}
		if tab, _ := f.table(staff, policy.Facts{}, f.staff, deliberation.Filter{}); tab.Decided != 0 {
			t.Fatalf("a refused bulk decision recorded %d decisions", tab.Decided)
		}
		if _, err := f.app.Deliberation.DecideMany(f.ctx, f.cp, []int64{c.ID}, decisionInput("2", "x"), policy.Of(policy.SignedIn, policy.Jury), policy.Facts{}, policy.User(f.elu)); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("a jury member deciding in bulk: %v", err)
		}
		n, err := f.app.Deliberation.DecideMany(f.ctx, f.cp, []int64{a.ID, b.ID, a.ID}, decisionInput("4", "Une démarche avancée.", "Open data"), staff, policy.Facts{}, f.staff)
		if err != nil || n != 2 {
			t.Fatalf("bulk decision: %d, %v", n, err)
		}
		tab, _ = f.table(staff, policy.Facts{}, f.staff, deliberation.Filter{State: "decidees", Sort: "nom"})
		if tab.Decided != 2 || len(tab.Rows) != 2 {
			t.Fatalf("decided rows: %d of %d", len(tab.Rows), tab.Decided)
		}
		for _, r := range tab.Rows {
			want := deliberation.TrendNew
			if r.ID == a.ID {
				want = deliberation.TrendUp // 3 last year, 4 now
			}
			if r.DecisionLabel != "Niveau 4 — Avancé" || r.Trend != want || len(r.Mentions()) != 1 {
				t.Errorf("%s: decision %q, trend %q (want %q), mentions %v", r.Reference, r.DecisionLabel, r.Trend, want, r.Mentions())
			}
		}
		if tab, _ := f.table(staff, policy.Facts{}, f.staff, deliberation.Filter{State: "a_decider"}); len(tab.Rows) != 1 || tab.Rows[0].ID != c.ID {
			t.Errorf("left to decide: %+v", tab.Rows)
		}
		if tab, _ := f.table(staff, policy.Facts{}, f.staff, deliberation.Filter{Search: "varey"}); len(tab.Rows) != 1 || tab.Rows[0].ID != b.ID {
			t.Errorf("search « varey »: %d rows", len(tab.Rows))
		}
	})
}

// The jury's members read the table only where the campaign says so, and
// never decide; a juror in conflict with a candidature does not see it.
func TestJuryReadsTheTable(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.evaluated("01001")
		f.evaluated("01002")
		juror := f.user("jure")
		if _, err := f.app.Jury.Seat(f.ctx, jury.SeatRequest{CampaignID: f.cp.ID, Email: juror.Email, Collectivites: []string{"01001"}}, f.staff); err != nil {
			t.Fatal(err)
		}
		rels := policy.Of(policy.SignedIn, policy.Jury)
		if _, err := f.table(rels, policy.Facts{Seat: domain.SeatMember}, policy.User(juror), deliberation.Filter{}); domain.ErrorCode(err) != domain.EForbidden {
			t.Fatalf("a juror reading without the setting: %v", err)
		}
		tab, err := f.table(rels, policy.Facts{Seat: domain.SeatMember, JuryReadsDeliberation: true}, policy.User(juror), deliberation.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if tab.CanDecide || tab.Total != 1 || tab.Rows[0].Reference != "TNL-T-01002" {
			t.Errorf("juror's table: can decide %v, %d rows", tab.CanDecide, tab.Total)
		}
	})
}
