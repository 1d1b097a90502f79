package candidature_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/policy"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// clock is a settable clock for the engine.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// The campaign of the fixture: open from 1 September to 15 October 2026
// included (Paris time), that is until 2026-10-15T22:00:00Z exclusive.
var (
	opensAt  = time.Date(2026, 8, 31, 22, 0, 0, 0, time.UTC)
	closesAt = time.Date(2026, 10, 15, 22, 0, 0, 0, time.UTC)
	during   = time.Date(2026, 9, 20, 10, 0, 0, 0, time.UTC)
)

type fixture struct {
	t        testing.TB
	ctx      context.Context
	st       *store.Store
	engine   *workflow.Engine
	app      *app.App
	clock    *clock
	campaign *domain.Campaign
	commune  *domain.Collectivite
	communes int
	users    map[string]*domain.User // elu, gull, staff, jury, stranger
}

func newFixture(t testing.TB, dialect string) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, ctx: ctx, clock: &clock{t: during}, users: map[string]*domain.User{}}
	f.st = testdb.Open(t, dialect, store.WithClock(f.clock.Now))
	f.app = apptest.New(t, f.st)
	f.engine = f.app.Engine
	err := f.st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{{
		Kind: domain.KindCommune, Code: "01001", Name: "L'Abergement-Clémenciat", SearchName: "l abergement clemenciat",
		DepartementCode: "01", RegionCode: "84", Population: 860, Active: true, UpdatedAt: f.st.Now(),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	f.commune, _ = f.st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
	for name, role := range map[string]string{"elu": domain.RoleMember, "gull": domain.RoleMember, "staff": domain.RoleStaff, "jury": domain.RoleMember, "stranger": domain.RoleMember} {
		u := &domain.User{Email: name + "@example.fr", Name: name, Role: role}
		if err := f.st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		f.users[name] = u
	}
	src, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	f.campaign = &domain.Campaign{
		Year: 2026, Title: "Label 2026", State: domain.CampagneOuverte, OpensAt: opensAt, ClosesAt: closesAt,
		QuestionnaireVersion: "test.1", QuestionnaireHash: hex.EncodeToString(sum[:]), Questionnaire: src,
		AwardScheme: domain.DefaultAwardScheme(),
	}
	if err := f.st.CreateCampaign(ctx, f.campaign); err != nil {
		t.Fatal(err)
	}
	f.seat(f.campaign, "jury")
	return f
}

// candidature creates a draft with a member GULL and, if complete, the
// answers that make it submittable.
func (f *fixture) candidature(complete bool) *domain.Candidature {
	f.t.Helper()
	coll := f.commune
	if f.communes > 0 {
		coll = f.newCommune()
	}
	f.communes++
	c := &domain.Candidature{CampaignID: f.campaign.ID, CollectiviteID: coll.ID, Reference: "TNL-2026-COM-" + coll.Code,
		State: domain.Brouillon, EluUserID: f.users["elu"].ID}
	var answers []domain.Answer
	if complete {
		answers = []domain.Answer{
			{QuestionKey: "general.deliberation", Value: json.RawMessage("true"), QuestionnaireVersion: "test.1"},
			{QuestionKey: "general.deliberation_lien", Value: json.RawMessage(`"https://exemple.fr/deliberation.pdf"`), QuestionnaireVersion: "test.1"},
		}
	}
	if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
		if err := tx.CreateCandidature(f.ctx, c, answers); err != nil {
			return err
		}
		return f.engine.Record(f.ctx, tx, "candidature", c.ID, workflow.RecordCreate, c.State, f.actor("elu"), policy.Elu, "")
	}); err != nil {
		f.t.Fatal(err)
	}
	if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
		return tx.AddMember(f.ctx, c.ID, f.users["gull"].ID, domain.MemberAccompagnateur)
	}); err != nil {
		f.t.Fatal(err)
	}
	return c
}

// seat seats a fixture account in a campaign's jury, charter accepted.
func (f *fixture) seat(cp *domain.Campaign, name string) {
	f.t.Helper()
	now := f.st.Now()
	if err := f.st.PutJuryMember(f.ctx, &store.JuryMember{CampaignID: cp.ID, UserID: f.users[name].ID, Seat: domain.SeatMember, CharterAcceptedAt: &now}); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) actor(name string) policy.Principal {
	if name == "system" {
		return policy.Platform()
	}
	return policy.User(f.users[name])
}

func (f *fixture) fire(id int64, event, as string, in workflow.Input) (*workflow.Transition, error) {
	return f.engine.Fire(f.ctx, "candidature", id, event, f.actor(as), in)
}

// mustFire fires and fails the test on error.
func (f *fixture) mustFire(subject string, id int64, event, as string, in workflow.Input) {
	f.t.Helper()
	if _, err := f.engine.Fire(f.ctx, subject, id, event, f.actor(as), in); err != nil {
		f.t.Fatalf("%s %d %s as %s: %v %v", subject, id, event, as, err, domain.AsError(err))
	}
}

func (f *fixture) state(id int64) (string, int) {
	f.t.Helper()
	c, err := f.st.Candidature(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return c.State, c.Version
}

var submission = workflow.Input{Values: url.Values{"attest": {"true"}, "elu_name": {"Camille Dupont"}, "elu_mandate": {"Maire"}}}

// decision is the input of a deliberation.
func decision(level int, motivation string) workflow.Input {
	return workflow.Input{Values: url.Values{"level": {strconv.Itoa(level)}, "motivation": {motivation}}}
}

// newCommune adds another commune, so that a campaign can hold several candidatures.
func (f *fixture) newCommune() *domain.Collectivite {
	f.t.Helper()
	code := fmt.Sprintf("02%03d", f.communes)
	err := f.st.ApplyTerritoryChanges(f.ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{{
		Kind: domain.KindCommune, Code: code, Name: "Commune " + code, SearchName: "commune " + code,
		DepartementCode: "02", RegionCode: "32", Population: 100, Active: true, UpdatedAt: f.st.Now(),
	}}})
	if err != nil {
		f.t.Fatal(err)
	}
	c, err := f.st.CollectiviteByCode(f.ctx, domain.KindCommune, code)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}
