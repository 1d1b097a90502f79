package notify

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// reminderFixture is a campaign with candidatures in several states.
type reminderFixture struct {
	w        *Worker
	st       *store.Store
	clk      *testClock
	rec      *recorder
	campaign *domain.Campaign
	drafts   []*domain.Candidature
}

// testClosesAt is the closing instant of the test campaign: the deadline
// shows as 15 October 2026, 23:59 in Paris.
func testClosesAt() time.Time { return time.Date(2026, 10, 15, 22, 0, 0, 0, time.UTC) }

func newReminderFixture(t *testing.T, dialect string, year int, state string, closesAt time.Time) *reminderFixture {
	t.Helper()
	ctx := context.Background()
	rec := &recorder{}
	w, st, clk := newTestWorker(t, dialect, rec, nil)
	f := &reminderFixture{w: w, st: st, clk: clk, rec: rec}
	f.campaign = addCampaign(t, st, year, state, closesAt)

	var colls []domain.Collectivite
	for i, name := range []string{"L'Abergement-Clémenciat", "Ambérieu-en-Bugey", "Bourg-en-Bresse"} {
		colls = append(colls, domain.Collectivite{
			Kind: domain.KindCommune, Code: fmt.Sprintf("0100%d", i+1), Name: name, SearchName: strings.ToLower(name),
			DepartementCode: "01", RegionCode: "84", Population: 1000, Active: true, UpdatedAt: st.Now(),
		})
	}
	if err := st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: colls}); err != nil {
		t.Fatal(err)
	}
	for i, state := range []string{domain.Brouillon, domain.Brouillon, domain.Deposee} {
		coll, err := st.CollectiviteByCode(ctx, domain.KindCommune, colls[i].Code)
		if err != nil {
			t.Fatal(err)
		}
		elu := &domain.User{Email: fmt.Sprintf("elu%d@example.fr", i+1), Name: fmt.Sprintf("Compte %d", i+1)}
		if err := st.CreateUser(ctx, elu); err != nil {
			t.Fatal(err)
		}
		c := &domain.Candidature{
			CampaignID: f.campaign.ID, CollectiviteID: coll.ID, Reference: fmt.Sprintf("TNL-%d-COM-%s", year, coll.Code),
			State: state, EluUserID: elu.ID,
		}
		if i == 0 {
			c.EluName = "Camille Maire"
		}
		if err := st.CreateCandidature(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		if state == domain.Brouillon {
			f.drafts = append(f.drafts, c)
		}
	}
	return f
}

func addCampaign(t *testing.T, st *store.Store, year int, state string, closesAt time.Time) *domain.Campaign {
	t.Helper()
	c := &domain.Campaign{
		Year: year, Title: fmt.Sprintf("Label %d", year), State: state,
		OpensAt: closesAt.Add(-60 * 24 * time.Hour), ClosesAt: closesAt,
		QuestionnaireVersion: "1", QuestionnaireHash: "h", Questionnaire: []byte("title: x"),
		AwardScheme: domain.DefaultAwardScheme(),
	}
	if err := st.CreateCampaign(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// dedupKeys returns the dedup keys in the outbox, sorted.
func (f *reminderFixture) dedupKeys(t *testing.T) []string {
	t.Helper()
	msgs, _, err := f.st.OutboxMessages(context.Background(), store.OutboxFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range msgs {
		if m.DedupKey != nil {
			keys = append(keys, *m.DedupKey)
		}
	}
	slices.Sort(keys)
	return keys
}

func (f *reminderFixture) keys(stages ...string) []string {
	var keys []string
	for _, s := range stages {
		for _, c := range f.drafts {
			keys = append(keys, reminderKey(s, c.ID))
		}
	}
	slices.Sort(keys)
	return keys
}

func TestReminders(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		t.Run("J-7 then J-1, once each", func(t *testing.T) { testRemindersOnce(t, dialect) })
		t.Run("late campaign skips J-7", func(t *testing.T) { testRemindersLate(t, dialect) })
		t.Run("only open campaigns", func(t *testing.T) { testRemindersOpenOnly(t, dialect) })
		t.Run("reminder text", func(t *testing.T) { testReminderText(t, dialect) })
	})
}

func testRemindersOnce(t *testing.T, dialect string) {
	f := newReminderFixture(t, dialect, 2026, domain.CampagneOuverte, testClosesAt())
	ctx := context.Background()
	steps := []struct {
		name      string
		at        time.Time
		wantNew   int
		wantStage []string // stages present in the outbox afterwards
	}{
		{"eight days before", testClosesAt().Add(-8 * 24 * time.Hour), 0, nil},
		{"one second before J-7", testClosesAt().Add(-7*24*time.Hour - time.Second), 0, nil},
		{"J-7", testClosesAt().Add(-7 * 24 * time.Hour), 2, []string{stageWeek}},
		{"J-7, next tick", testClosesAt().Add(-7*24*time.Hour + 10*time.Minute), 0, []string{stageWeek}},
		{"J-3", testClosesAt().Add(-3 * 24 * time.Hour), 0, []string{stageWeek}},
		{"J-1", testClosesAt().Add(-24 * time.Hour), 2, []string{stageWeek, stageDay}},
		{"J-1, next tick", testClosesAt().Add(-24*time.Hour + 10*time.Minute), 0, []string{stageWeek, stageDay}},
		{"last second", testClosesAt().Add(-time.Second), 0, []string{stageWeek, stageDay}},
		{"deadline passed, campaign not yet closed", testClosesAt().Add(time.Minute), 0, []string{stageWeek, stageDay}},
	}
	for _, s := range steps {
		f.clk.Set(s.at)
		n, err := f.w.Reminders(ctx)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if n != s.wantNew {
			t.Errorf("%s: %d reminders enqueued, want %d", s.name, n, s.wantNew)
		}
		if got, want := f.dedupKeys(t), f.keys(s.wantStage...); !slices.Equal(got, want) {
			t.Errorf("%s: outbox keys %v, want %v", s.name, got, want)
		}
	}

	// A second process ticking at the same time writes nothing more.
	other, err := New(f.st, Config{Mail: testMail(), Sender: f.rec}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.clk.Set(testClosesAt().Add(-time.Hour))
	if n, err := other.Reminders(ctx); err != nil || n != 0 {
		t.Errorf("second process: %d, %v", n, err)
	}

	// The reminders are delivered like any message.
	deliver(t, f.w, 4, 0)
	var to []string
	for _, m := range f.rec.messages() {
		to = append(to, m.To)
	}
	slices.Sort(to)
	if want := []string{"elu1@example.fr", "elu1@example.fr", "elu2@example.fr", "elu2@example.fr"}; !slices.Equal(to, want) {
		t.Errorf("reminders sent to %v, want %v", to, want)
	}
}

func testRemindersLate(t *testing.T, dialect string) {
	f := newReminderFixture(t, dialect, 2026, domain.CampagneOuverte, testClosesAt())
	ctx := context.Background()
	// The server first ticks twelve hours before the deadline.
	f.clk.Set(testClosesAt().Add(-12 * time.Hour))
	n, err := f.w.Reminders(ctx)
	if err != nil || n != 2 {
		t.Fatalf("late tick: %d, %v", n, err)
	}
	if got, want := f.dedupKeys(t), f.keys(stageDay); !slices.Equal(got, want) {
		t.Errorf("outbox keys %v, want J-1 only %v", got, want)
	}

	// A candidature submitted between J-7 and J-1 gets no J-1 reminder.
	f2 := newReminderFixture(t, dialect, 2026, domain.CampagneOuverte, testClosesAt())
	f2.clk.Set(testClosesAt().Add(-5 * 24 * time.Hour))
	if n, err := f2.w.Reminders(ctx); err != nil || n != 2 {
		t.Fatalf("J-5: %d, %v", n, err)
	}
	submitted := f2.drafts[0]
	if err := f2.st.InTx(ctx, func(tx *store.Tx) error {
		return tx.SetState(ctx, "candidatures", submitted.ID, domain.Brouillon, domain.Deposee, submitted.Version)
	}); err != nil {
		t.Fatal(err)
	}
	f2.clk.Set(testClosesAt().Add(-2 * time.Hour))
	if n, err := f2.w.Reminders(ctx); err != nil || n != 1 {
		t.Fatalf("J-1 after a submission: %d, %v", n, err)
	}
	taken, err := f2.st.DedupKeysTaken(ctx, []string{reminderKey(stageDay, submitted.ID), reminderKey(stageDay, f2.drafts[1].ID)})
	if err != nil {
		t.Fatal(err)
	}
	if taken[reminderKey(stageDay, submitted.ID)] || !taken[reminderKey(stageDay, f2.drafts[1].ID)] {
		t.Errorf("J-1 keys taken: %v", taken)
	}
}

func testRemindersOpenOnly(t *testing.T, dialect string) {
	ctx := context.Background()
	for _, state := range []string{domain.CampagnePreparation, domain.CampagneClose, domain.CampagneArchivee} {
		f := newReminderFixture(t, dialect, 2026, state, testClosesAt())
		f.clk.Set(testClosesAt().Add(-12 * time.Hour))
		if n, err := f.w.Reminders(ctx); err != nil || n != 0 {
			t.Errorf("campaign %s: %d reminders, %v", state, n, err)
		}
	}
	// Two open campaigns (an odd case, but each is handled on its own).
	f := newReminderFixture(t, dialect, 2026, domain.CampagneOuverte, testClosesAt())
	addCampaign(t, f.st, 2027, domain.CampagneOuverte, testClosesAt().Add(365*24*time.Hour))
	f.clk.Set(testClosesAt().Add(-2 * 24 * time.Hour))
	if n, err := f.w.Reminders(ctx); err != nil || n != 2 {
		t.Errorf("two open campaigns: %d, %v", n, err)
	}
}

func testReminderText(t *testing.T, dialect string) {
	f := newReminderFixture(t, dialect, 2026, domain.CampagneOuverte, testClosesAt())
	ctx := context.Background()
	for _, stage := range []struct {
		at          time.Time
		subject     string
		remaining   string
		wantDedupOf string
	}{
		{testClosesAt().Add(-6 * 24 * time.Hour), "Rappel : la candidature de L'Abergement-Clémenciat n’est pas encore déposée", "Il reste moins d’une semaine.", stageWeek},
		{testClosesAt().Add(-3 * time.Hour), "Dernier rappel : la candidature de L'Abergement-Clémenciat est à déposer au plus tard le 15 octobre 2026 à 23\u00a0h\u00a059 (heure de Paris)", "Il reste moins de 24 heures.", stageDay},
	} {
		f.clk.Set(stage.at)
		if _, err := f.w.Reminders(ctx); err != nil {
			t.Fatal(err)
		}
		key := reminderKey(stage.wantDedupOf, f.drafts[0].ID)
		var m domain.OutboxMessage
		if err := f.st.DB().NewSelect().Model(&m).Where("dedup_key = ?", key).Scan(ctx); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if m.Recipient != "elu1@example.fr" || m.Subject != stage.subject || m.Kind != "rappel_"+strings.ToLower(strings.ReplaceAll(stage.wantDedupOf, "-", "")) {
			t.Errorf("%s: to %q, kind %q, subject %q", key, m.Recipient, m.Kind, m.Subject)
		}
		for _, want := range []string{
			"Bonjour Camille Maire,",
			"La candidature de L'Abergement-Clémenciat au label Territoire Numérique Libre 2026 (référence TNL-2026-COM-01001) n’est pas encore déposée",
			"brouillon",
			"Date limite de dépôt : 15 octobre 2026 à 23\u00a0h\u00a059 (heure de Paris). " + stage.remaining,
			fmt.Sprintf("%s/candidatures/%d", testBaseURL, f.drafts[0].ID),
			"L’équipe du label Territoire Numérique Libre (ADULLACT)",
		} {
			if !strings.Contains(m.Body, want) {
				t.Errorf("%s: body lacks %q:\n%s", key, want, m.Body)
			}
		}
	}
	// The élu without a name on the candidature is greeted by the account's name.
	var m domain.OutboxMessage
	if err := f.st.DB().NewSelect().Model(&m).Where("dedup_key = ?", reminderKey(stageWeek, f.drafts[1].ID)).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Body, "Bonjour Compte 2,\n") {
		t.Errorf("greeting: %q", m.Body[:40])
	}
}

func TestReminderStage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		before time.Duration // now = closesAt - before
		want   string
	}{
		{8 * 24 * time.Hour, ""},
		{7*24*time.Hour + time.Nanosecond, ""},
		{7 * 24 * time.Hour, stageWeek},
		{24*time.Hour + time.Nanosecond, stageWeek},
		{24 * time.Hour, stageDay},
		{time.Nanosecond, stageDay},
		{0, ""},
		{-time.Hour, ""},
	}
	for _, tt := range tests {
		got, ok := reminderStage(testClosesAt(), testClosesAt().Add(-tt.before))
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%v before the deadline: %q, %v; want %q", tt.before, got, ok, tt.want)
		}
	}
}
