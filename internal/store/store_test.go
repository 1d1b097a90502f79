package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// fixture creates a collectivité, an élu and an open campaign.
type fixture struct {
	st       *store.Store
	commune  *domain.Collectivite
	elu      *domain.User
	campaign *domain.Campaign
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.Open(t, dialect)
	f := &fixture{st: st}
	err := st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{{
		Kind: domain.KindCommune, Code: "01001", Name: "L'Abergement-Clémenciat", SearchName: "l abergement clemenciat",
		DepartementCode: "01", RegionCode: "84", Population: 860, PostalCodes: "01400", Active: true, UpdatedAt: st.Now(),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if f.commune, err = st.CollectiviteByCode(ctx, domain.KindCommune, "01001"); err != nil {
		t.Fatal(err)
	}
	f.elu = &domain.User{Email: "Maire@Example.FR", Name: "Camille Maire"}
	if err := st.CreateUser(ctx, f.elu); err != nil {
		t.Fatal(err)
	}
	f.campaign = &domain.Campaign{
		Year: 2026, Title: "Label 2026", State: "ouverte",
		OpensAt:              time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC),
		ClosesAt:             time.Date(2026, 10, 15, 22, 0, 0, 0, time.UTC),
		QuestionnaireVersion: "2026.1", QuestionnaireHash: "abc", Questionnaire: []byte("title: x"),
		AwardScheme: domain.DefaultAwardScheme(),
	}
	if err := st.CreateCampaign(ctx, f.campaign); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) candidature(t *testing.T) *domain.Candidature {
	t.Helper()
	c := &domain.Candidature{
		CampaignID: f.campaign.ID, CollectiviteID: f.commune.ID, Reference: "TNL-2026-COM-01001",
		State: "brouillon", EluUserID: f.elu.ID,
	}
	if err := f.st.CreateCandidature(context.Background(), c, nil); err != nil {
		t.Fatal(err)
	}
	return c
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := domain.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func TestStore(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		t.Run("migrations run once", func(t *testing.T) {
			st := testdb.Open(t, dialect)
			applied, err := st.Migrate(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(applied) != 0 {
				t.Errorf("second migration applied %v", applied)
			}
			pending, err := st.PendingMigrations(context.Background())
			if err != nil || len(pending) != 0 {
				t.Errorf("pending = %v, %v", pending, err)
			}
		})
		t.Run("users", func(t *testing.T) { testUsers(t, dialect) })
		t.Run("campaigns", func(t *testing.T) { testCampaigns(t, dialect) })
		t.Run("candidatures", func(t *testing.T) { testCandidatures(t, dialect) })
		t.Run("answers", func(t *testing.T) { testAnswers(t, dialect) })
		t.Run("state versioning", func(t *testing.T) { testSetState(t, dialect) })
		t.Run("outbox", func(t *testing.T) { testOutbox(t, dialect) })
		t.Run("rollback", func(t *testing.T) { testRollback(t, dialect) })
		t.Run("search", func(t *testing.T) { testSearch(t, dialect) })
	})
}

func testUsers(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	got, err := f.st.UserByEmail(ctx, "  maire@example.fr ")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != f.elu.ID || got.Email != "maire@example.fr" || got.Role != domain.RoleMember {
		t.Errorf("got %+v", got)
	}
	err = f.st.CreateUser(ctx, &domain.User{Email: "MAIRE@example.fr"})
	wantCode(t, err, domain.EConflict)
	if !strings.Contains(domain.ErrorMessage(err), "maire@example.fr") {
		t.Errorf("conflict message %q does not name the address", domain.ErrorMessage(err))
	}
	_, err = f.st.UserByEmail(ctx, "nobody@example.fr")
	wantCode(t, err, domain.ENotFound)
}

func testCampaigns(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	got, err := f.st.CampaignByYear(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if !got.ClosesAt.Equal(f.campaign.ClosesAt) {
		t.Errorf("closes_at round trip: %v, want %v", got.ClosesAt, f.campaign.ClosesAt)
	}
	if got.AwardScheme.Max() != 5 || len(got.AwardScheme.Levels) != 5 {
		t.Errorf("award scheme not kept: %+v", got.AwardScheme)
	}
	if string(got.Questionnaire) != "title: x" {
		t.Errorf("questionnaire not kept: %q", got.Questionnaire)
	}
	dup := *f.campaign
	dup.ID = 0
	wantCode(t, f.st.CreateCampaign(ctx, &dup), domain.EConflict)

	due, err := f.st.CampaignsDue(ctx, "ouverte", "closes_at", f.campaign.ClosesAt.Add(-time.Second))
	if err != nil || len(due) != 0 {
		t.Errorf("due one second before closing: %v, %v", due, err)
	}
	due, err = f.st.CampaignsDue(ctx, "ouverte", "closes_at", f.campaign.ClosesAt)
	if err != nil || len(due) != 1 {
		t.Errorf("due at closing: %v, %v", due, err)
	}
	cur, err := f.st.CurrentCampaign(ctx)
	if err != nil || cur.Year != 2026 {
		t.Errorf("current campaign: %v, %v", cur, err)
	}
}

func testCandidatures(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	c := f.candidature(t)
	dup := &domain.Candidature{CampaignID: f.campaign.ID, CollectiviteID: f.commune.ID, Reference: "other", State: "brouillon", EluUserID: f.elu.ID}
	wantCode(t, f.st.CreateCandidature(ctx, dup, nil), domain.EConflict)

	helper := &domain.User{Email: "gull@example.org", Name: "Dominique du GULL"}
	if err := f.st.CreateUser(ctx, helper); err != nil {
		t.Fatal(err)
	}
	if err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.AddMember(ctx, c.ID, helper.ID, domain.MemberAccompagnateur) }); err != nil {
		t.Fatal(err)
	}
	ms, err := f.st.Members(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].Role != domain.MemberElu || ms[1].Email != "gull@example.org" {
		t.Errorf("members = %+v", ms)
	}
	_, a, err := f.st.CandidatureAccess(ctx, c.ID, helper.ID)
	if err != nil || a.Member != domain.MemberAccompagnateur {
		t.Errorf("role = %+v, %v", a, err)
	}
	_, a, err = f.st.CandidatureAccess(ctx, c.ID, 999999)
	if err != nil || a.Member != "" {
		t.Errorf("role of a stranger = %+v, %v", a, err)
	}
	list, err := f.st.CandidaturesOfUser(ctx, helper.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].CollectiviteName != "L'Abergement-Clémenciat" || list[0].CampaignYear != 2026 || list[0].MemberRole != domain.MemberAccompagnateur {
		t.Errorf("list = %+v", list)
	}
	trail, err := f.st.AuditTrail(ctx, "candidature", c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(trail) != 0 {
		t.Errorf("the store wrote an audit row itself (the services record creations): %+v", trail)
	}
	counts, err := f.st.CountCandidatures(ctx, f.campaign.ID)
	if err != nil || counts["brouillon"] != 1 {
		t.Errorf("counts = %v, %v", counts, err)
	}
}

func testAnswers(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	c := f.candidature(t)
	gull := &domain.User{Email: "gull@example.org", Name: "Dominique"}
	if err := f.st.CreateUser(ctx, gull); err != nil {
		t.Fatal(err)
	}
	put := func(by int64, value string, expected int) (*domain.Answer, error) {
		a := &domain.Answer{CandidatureID: c.ID, QuestionKey: "logiciels.part_postes", Value: json.RawMessage(value), QuestionnaireVersion: "2026.1", UpdatedBy: by}
		err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.PutAnswer(ctx, a, expected) })
		return a, err
	}
	a, err := put(f.elu.ID, "40", 0)
	if err != nil || a.Version != 1 {
		t.Fatalf("first save: %v, version %d", err, a.Version)
	}
	// The GULL member read version 1 too, the élu saves first: the GULL
	// member's save is refused and shown the élu's value.
	if a, err = put(f.elu.ID, "45", 1); err != nil || a.Version != 2 {
		t.Fatalf("second save: %v, version %d", err, a.Version)
	}
	_, err = put(gull.ID, "50", 1)
	wantCode(t, err, domain.EConflict)
	cur, ok := domain.AsError(err).Current.(*domain.AnswerConflict)
	if !ok || cur.Answer == nil || string(cur.Answer.Value) != "45" || cur.UpdatedBy == nil || cur.UpdatedBy.Name != "Camille Maire" {
		t.Fatalf("conflict current = %+v", domain.AsError(err).Current)
	}
	// Creating an answer that someone else created meanwhile also conflicts.
	_, err = put(gull.ID, "50", 0)
	wantCode(t, err, domain.EConflict)

	answers, err := f.st.Answers(ctx, c.ID)
	if err != nil || len(answers) != 1 || string(answers[0].Value) != "45" || answers[0].Version != 2 {
		t.Fatalf("answers = %+v, %v", answers, err)
	}
	err = f.st.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteAnswer(ctx, c.ID, "logiciels.part_postes", 1) })
	wantCode(t, err, domain.EConflict)
	if err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteAnswer(ctx, c.ID, "logiciels.part_postes", 2) }); err != nil {
		t.Fatal(err)
	}
	if answers, _ := f.st.Answers(ctx, c.ID); len(answers) != 0 {
		t.Errorf("answer not deleted: %+v", answers)
	}
}

func testSetState(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	c := f.candidature(t)
	err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.SetState(ctx, "candidatures", c.ID, "brouillon", "deposee", 1) })
	if err != nil {
		t.Fatal(err)
	}
	err = f.st.InTx(ctx, func(tx *store.Tx) error { return tx.SetState(ctx, "candidatures", c.ID, "brouillon", "deposee", 1) })
	wantCode(t, err, domain.EConflict)
	got, _ := f.st.Candidature(ctx, c.ID)
	if got.State != "deposee" || got.Version != 2 {
		t.Errorf("state %s version %d, want deposee 2", got.State, got.Version)
	}
}

func testOutbox(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	key := "rappel:1:J-7"
	for range 2 {
		err := f.st.InTx(ctx, func(tx *store.Tx) error {
			return tx.Enqueue(ctx, &domain.OutboxMessage{Kind: "rappel", Recipient: "maire@example.fr", Subject: "Rappel", Body: "…", DedupKey: &key})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := f.st.DB().NewSelect().Model((*domain.OutboxMessage)(nil)).ColumnExpr("count(*)").Scan(ctx, &n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d messages for one dedup key, want 1", n)
	}
}

func testRollback(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	c := f.candidature(t)
	boom := errors.New("boom")
	err := f.st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetState(ctx, "candidatures", c.ID, "brouillon", "deposee", 1); err != nil {
			return err
		}
		if err := tx.AddAudit(ctx, &domain.AuditEntry{SubjectType: "candidature", SubjectID: c.ID, Event: "deposer", FromState: "brouillon", ToState: "deposee", ActorRole: "elu", ActorLabel: "x"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	got, _ := f.st.Candidature(ctx, c.ID)
	trail, _ := f.st.AuditTrail(ctx, "candidature", c.ID)
	if got.State != "brouillon" || got.Version != 1 || len(trail) != 0 {
		t.Errorf("after rollback: state %s version %d, %d audit rows", got.State, got.Version, len(trail))
	}
}

func testSearch(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	tests := []struct {
		query string
		want  int
	}{
		{"Clémenciat", 1}, {"CLEMENCIAT", 1}, {"abergement", 1}, {"01001", 1}, {"01400", 1}, {"014", 1},
		{"Paris", 0}, {"%", 0}, {"_", 0}, {"   ", 0},
	}
	for _, tt := range tests {
		got, err := f.st.SearchCollectivites(ctx, tt.query, 10)
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		if len(got) != tt.want {
			t.Errorf("search %q: %d results, want %d", tt.query, len(got), tt.want)
		}
	}
}

func TestParseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, dialect, display string
		wantErr              bool
	}{
		{"postgres://tnl:s3cret@db.example.fr:5432/tnl", store.Postgres, "postgres://tnl:xxxxx@db.example.fr:5432/tnl", false},
		{"postgresql://db/tnl", store.Postgres, "postgresql://db/tnl", false},
		{"", store.SQLite, "tnl.db", false},
		{"sqlite:data/tnl.db", store.SQLite, "data/tnl.db", false},
		{"sqlite:///var/lib/tnl/tnl.db", store.SQLite, "/var/lib/tnl/tnl.db", false},
		{"file:x.db", store.SQLite, "x.db", false},
		{"my.db", store.SQLite, "my.db", false},
		{"mysql://x", "", "", true},
		{"sqlite:", "", "", true},
	}
	for _, tt := range tests {
		loc, err := store.ParseURL(tt.in)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParseURL(%q) accepted", tt.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tt.in, err)
			continue
		}
		if loc.Dialect != tt.dialect || !strings.HasSuffix(loc.Display, tt.display) {
			t.Errorf("ParseURL(%q) = %s %s, want %s …%s", tt.in, loc.Dialect, loc.Display, tt.dialect, tt.display)
		}
		if strings.Contains(loc.Display, "s3cret") {
			t.Errorf("password shown: %s", loc.Display)
		}
	}
}

func TestOpenUnreachable(t *testing.T) {
	t.Parallel()
	_, err := store.Open(context.Background(), "postgres://tnl:s3cret@127.0.0.1:1/tnl?connect_timeout=2")
	if err == nil {
		t.Fatal("no error for an unreachable database")
	}
	msg := err.Error()
	if strings.Contains(msg, "s3cret") || !strings.Contains(msg, "injoignable") || !strings.Contains(msg, "127.0.0.1:1") || strings.Contains(msg, "\n") {
		t.Errorf("unclear error: %q", msg)
	}
}
