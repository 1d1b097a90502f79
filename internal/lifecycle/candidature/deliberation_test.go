package candidature_test

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// toDeliberation moves the fixture's campaign to its deliberation.
func (f *fixture) toDeliberation() {
	f.t.Helper()
	f.clock.Set(closesAt.Add(time.Hour))
	for _, ev := range []string{"clore", "instruire", "deliberer"} {
		f.mustFire("campagne", f.campaign.ID, ev, "staff", workflow.Input{})
	}
}

func (f *fixture) count(table, where string, args ...any) int {
	f.t.Helper()
	n, err := f.st.DB().NewSelect().Table(table).Where(where, args...).Count(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return int(n)
}

// A failure while publishing publishes nothing: the campaign, the
// candidatures, the palmarès and the outbox stay as they were. The failure
// injected is real: the palmarès already holds a result of this edition
// for one of the collectivités (an import run too early).
func TestPublicationIsAtomic(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		first := f.reach(domain.Deliberee, true)
		second := f.reach(domain.Deliberee, true)
		f.toDeliberation()
		if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
			return tx.InsertPalmares(f.ctx, []*domain.PalmaresEntry{{Year: 2026, CollectiviteID: second.CollectiviteID, PublishedName: "Importée",
				Awarded: true, LevelLabel: "Niveau 1", Source: "import", PublishedAt: f.st.Now()}})
		}); err != nil {
			t.Fatal(err)
		}
		_, err := f.engine.Fire(f.ctx, "campagne", f.campaign.ID, "publier", f.actor("staff"), workflow.Input{})
		if err == nil || !strings.Contains(domain.ErrorMessage(err), "rien n’est publié") {
			t.Fatalf("publishing over an imported result: %v", err)
		}
		cp, _ := f.st.Campaign(f.ctx, f.campaign.ID)
		if cp.State != domain.CampagneDeliberation || cp.PublishedAt != nil {
			t.Errorf("campaign %s published at %v after a failed publication", cp.State, cp.PublishedAt)
		}
		for _, c := range []*domain.Candidature{first, second} {
			if st, _ := f.state(c.ID); st != domain.Deliberee {
				t.Errorf("candidature %d is %s", c.ID, st)
			}
		}
		if n := f.count("palmares", "candidature_id IS NOT NULL"); n != 0 {
			t.Errorf("%d palmarès rows written by a failed publication", n)
		}
		if n := f.count("outbox", "kind = 'publication'"); n != 0 {
			t.Errorf("%d result emails queued by a failed publication", n)
		}
		if n := f.count("audit_events", "event = 'publier'"); n != 0 {
			t.Errorf("%d audit rows of a failed publication", n)
		}
	})
}

// After publication a decision is frozen; staff rectify it with a public
// reason: the candidature, its palmarès entry (reason, instant, version)
// and the collectivité's members by email.
func TestRectification(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.reach(domain.Deliberee, true)
		f.toDeliberation()
		f.mustFire("campagne", f.campaign.ID, "publier", "staff", workflow.Input{})

		if _, err := f.fire(c.ID, "deliberer", "staff", decision(5, "Autre avis.")); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("deliberating a published candidature: %v", err)
		}
		rectify := decision(4, "Le jury a relu le dossier.")
		if _, err := f.fire(c.ID, "rectifier", "jury", rectify.With("commentaire", "x")); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("the jury rectifying: %v", err)
		}
		_, err := f.fire(c.ID, "rectifier", "staff", rectify)
		if err == nil || !strings.Contains(strings.Join(domain.AsError(err).Details, " "), "motif de la rectification") {
			t.Errorf("a rectification without its reason: %v", err)
		}
		in := rectify
		in.Comment = "Erreur de saisie du niveau lors de la séance."
		if _, err := f.fire(c.ID, "rectifier", "staff", in); err != nil {
			t.Fatalf("rectifier: %v %v", err, domain.AsError(err))
		}
		var e domain.PalmaresEntry
		if err := f.st.DB().NewSelect().Model(&e).Where("candidature_id = ?", c.ID).Scan(f.ctx); err != nil {
			t.Fatal(err)
		}
		if e.Level == nil || *e.Level != 4 || e.Motivation != "Le jury a relu le dossier." || e.Rectification != in.Comment || e.RectifiedAt == nil || e.Version != 2 {
			t.Errorf("rectified entry %+v", e)
		}
		got, _ := f.st.Candidature(f.ctx, c.ID)
		if got.Level == nil || *got.Level != 4 || got.State != domain.Publiee {
			t.Errorf("candidature after rectification: %s level %v", got.State, got.Level)
		}
		if n := f.count("outbox", "kind = 'rectification'"); n != 2 {
			t.Errorf("%d rectification emails, want one per member (2)", n)
		}
	})
}

// The scheduler publishes the palmarès at its scheduled instant, not
// before, and only once.
func TestScheduledPublication(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.reach(domain.Deliberee, true)
		f.toDeliberation()
		ceremony := closesAt.Add(48 * time.Hour)
		if _, err := f.app.Campaigns.SchedulePublication(f.ctx, 2026, &ceremony, f.actor("staff")); err != nil {
			t.Fatal(err)
		}
		s := workflow.NewScheduler(f.engine, time.Second, slog.New(slog.DiscardHandler))
		f.clock.Set(ceremony.Add(-time.Minute))
		if done := s.Tick(f.ctx); len(done) != 0 {
			t.Fatalf("published before the ceremony: %+v", done)
		}
		f.clock.Set(ceremony)
		if done := s.Tick(f.ctx); len(done) != 1 {
			t.Fatalf("at the ceremony: %+v", done)
		}
		if done := s.Tick(f.ctx); len(done) != 0 {
			t.Errorf("published twice: %+v", done)
		}
		cp, _ := f.st.Campaign(f.ctx, f.campaign.ID)
		if cp.State != domain.CampagneResultatsPublies || cp.PublishAt != nil {
			t.Errorf("campaign %s, still scheduled at %v", cp.State, cp.PublishAt)
		}
		trail, _ := f.st.AuditTrail(f.ctx, "campagne", f.campaign.ID)
		var events []string
		for _, e := range trail {
			events = append(events, e.Event+"/"+e.ActorRole)
		}
		if strings.Join(events, " ") != "clore/staff instruire/staff deliberer/staff programmer_publication/staff publier/system" {
			t.Errorf("campaign trail %v", events)
		}
		if n := f.count("palmares", "candidature_id IS NOT NULL"); n != 1 {
			t.Errorf("%d palmarès rows", n)
		}
	})
}

// A decision names a level its track may receive, mentions of the
// campaign, and texts within bounds; the Badge track moves to the label
// before its deposit.
func TestDecisionRules(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		// The 2025 scheme, with its Badge and mentions.
		if _, err := f.st.DB().NewUpdate().Table("campaigns").Set("award_scheme = ?", jsonOf(t, domain.Scheme2025())).Where("id = ?", f.campaign.ID).Exec(f.ctx); err != nil {
			t.Fatal(err)
		}
		badge := f.candidature(true)
		if _, err := f.st.DB().NewUpdate().Table("candidatures").Set("track = 'badge'").Where("id = ?", badge.ID).Exec(f.ctx); err != nil {
			t.Fatal(err)
		}
		for _, step := range path[domain.Evaluee] {
			f.mustFire("candidature", badge.ID, step.event, step.as, step.in)
		}
		label := f.reach(domain.Evaluee, true)
		cases := []struct {
			name  string
			id    int64
			in    workflow.Input
			block string
		}{
			{"the Badge track receives no label level", badge.ID, decision(2, "Bronze ?"), "ne peut pas être attribué à cette candidature (filière Badge)"},
			{"the label track receives no Badge", label.ID, decision(1, "Badge ?"), "(filière Label)"},
			{"a mention of another campaign", label.ID, decision(3, "x").With("mentions", "Meilleur site"), "n’est pas une mention de la campagne"},
			{"too many mentions", label.ID, decision(3, "x").With("mentions", strings.Split(strings.Repeat("m,", 21), ",")[:21]...), "21 mentions spéciales"},
			{"a motivation too long", label.ID, decision(3, strings.Repeat("é", 10001)), "10001 caractères"},
		}
		for _, c := range cases {
			if _, err := f.fire(c.id, "deliberer", "staff", c.in); err == nil || !strings.Contains(strings.Join(domain.AsError(err).Details, " "), c.block) {
				t.Errorf("%s: %v %v", c.name, err, domain.AsError(err))
			}
		}
		ok := decision(1, "Premiers pas réussis.").With("mentions", "Sobriété numérique")
		ok.Values.Set("note", "À revoir l’an prochain.")
		if _, err := f.fire(badge.ID, "deliberer", "staff", ok); err != nil {
			t.Fatalf("the Badge: %v %v", err, domain.AsError(err))
		}
		got, _ := f.st.Candidature(f.ctx, badge.ID)
		if got.Level == nil || *got.Level != 1 || got.PrivateNote != "À revoir l’an prochain." || len(got.Mentions) != 1 {
			t.Errorf("decision stored: %+v", got)
		}
		trail, _ := f.st.AuditTrail(f.ctx, "candidature", badge.ID)
		if last := trail[len(trail)-1]; last.Comment != "Décision : Badge ; mentions : Sobriété numérique." {
			t.Errorf("audit comment %q (never the private note)", last.Comment)
		}
		// A second decision replaces the first, audited again.
		if _, err := f.fire(badge.ID, "deliberer", "staff", decision(0, "Finalement non.")); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.st.Candidature(f.ctx, badge.ID); got.Level == nil || *got.Level != 0 || got.State != domain.Deliberee {
			t.Errorf("second decision: %+v", got)
		}
	})
}

// The Badge track moves to the label before the deposit, keeping its
// answers; the event is not offered to a candidature of the label.
func TestBadgeToLabel(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature(true)
		if _, err := f.fire(c.ID, "passer_au_label", "elu", workflow.Input{}); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("a label candidature moving to the label: %v", err)
		}
		if _, err := f.st.DB().NewUpdate().Table("candidatures").Set("track = 'badge'").Where("id = ?", c.ID).Exec(f.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := f.fire(c.ID, "passer_au_label", "gull", workflow.Input{}); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("the accompagnateur choosing the track: %v", err)
		}
		if _, err := f.fire(c.ID, "passer_au_label", "elu", workflow.Input{}); err != nil {
			t.Fatalf("passer_au_label: %v %v", err, domain.AsError(err))
		}
		got, _ := f.st.Candidature(f.ctx, c.ID)
		answers, _ := f.st.Answers(f.ctx, c.ID)
		if got.Track != domain.TrackLabel || got.State != domain.Brouillon || len(answers) != 2 {
			t.Errorf("after moving to the label: track %s, state %s, %d answers", got.Track, got.State, len(answers))
		}
	})
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
