package candidature_test

import (
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// submitEvaluation marks a juror's evaluation of a candidature submitted.
func (f *fixture) submitEvaluation(candidatureID int64, name string) {
	f.t.Helper()
	_, err := f.st.DB().NewUpdate().Model((*domain.Evaluation)(nil)).Set("state = ?", domain.EvalRemise).
		Where("candidature_id = ? AND user_id = ?", candidatureID, f.users[name].ID).Exec(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
}

// « Terminer l’évaluation » waits for every assigned evaluation; staff may
// go past it with a reason, which the history keeps.
func TestEndOfEvaluationWaitsForTheEvaluations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.seat(f.campaign, "stranger")
		c := f.reach(domain.EnInstruction, true)
		for _, name := range []string{"jury", "stranger"} {
			if err := f.st.Assign(f.ctx, c.ID, f.users[name].ID); err != nil {
				t.Fatal(err)
			}
		}
		blockers := func() string {
			_, err := f.fire(c.ID, "evaluer", "jury", workflow.Input{})
			if e := domain.AsError(err); e != nil {
				return strings.Join(e.Details, " | ")
			}
			return ""
		}
		if got := blockers(); !strings.Contains(got, "2\u00a0évaluations sur 2 ne sont pas remises") {
			t.Errorf("no evaluation submitted: %q", got)
		}
		f.submitEvaluation(c.ID, "jury")
		if got := blockers(); !strings.Contains(got, "1\u00a0évaluation sur 2 n’est pas remise") {
			t.Errorf("one evaluation submitted: %q", got)
		}
		f.submitEvaluation(c.ID, "stranger")
		f.mustFire("candidature", c.ID, "evaluer", "jury", workflow.Input{})
		if state, _ := f.state(c.ID); state != domain.Evaluee {
			t.Errorf("state %s", state)
		}

		// Staff's override is in the history, with its reason.
		other := f.reach(domain.EnInstruction, true)
		if err := f.st.Assign(f.ctx, other.ID, f.users["jury"].ID); err != nil {
			t.Fatal(err)
		}
		f.mustFire("candidature", other.ID, "evaluer", "staff", workflow.Input{Comment: "Juré indisponible."})
		trail, _ := f.st.AuditTrail(f.ctx, "candidature", other.ID)
		if last := trail[len(trail)-1]; last.Event != "evaluer" || last.Comment != "Juré indisponible." || last.ActorRole != "staff" {
			t.Errorf("last audit row %+v", last)
		}
	})
}

// A complement request has a reply deadline; once it has passed without an
// answer, the scheduler puts the candidature back in instruction, as the
// platform, and tells its members. An answer clears the deadline.
func TestComplementDeadline(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.reach(domain.EnInstruction, true)
		ask := workflow.Input{Comment: "Quel portail ?", Values: url.Values{candlc.FieldReplyDays: {"7"}}}
		if _, err := f.fire(c.ID, "demander_complement", "jury", ask.With(candlc.FieldReplyDays, "0")); !strings.Contains(strings.Join(domain.AsError(err).Details, ""), "de 1 à 90") {
			t.Errorf("a deadline of 0 days: %v", domain.AsError(err))
		}
		f.mustFire("candidature", c.ID, "demander_complement", "jury", ask)
		got, _ := f.st.Candidature(f.ctx, c.ID)
		// 20 September 2026, 12 h in Paris, + 7 days: until 27 September included.
		want := time.Date(2026, 9, 27, 22, 0, 0, 0, time.UTC)
		if got.ComplementDueAt == nil || !got.ComplementDueAt.Equal(want) {
			t.Fatalf("reply deadline %v, want %v", got.ComplementDueAt, want)
		}
		sched := workflow.NewScheduler(f.engine, time.Minute, slog.New(slog.DiscardHandler))
		f.clock.Set(want.Add(-time.Second))
		if done := sched.Tick(f.ctx); len(done) != 0 {
			t.Fatalf("fired before the deadline: %+v", done)
		}
		if _, err := f.fire(c.ID, "expirer_complement", "staff", workflow.Input{}); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("staff fired the timed event: %v", err)
		}
		f.clock.Set(want)
		done := sched.Tick(f.ctx)
		if len(done) != 1 || done[0].SubjectID != c.ID || done[0].To != domain.EnInstruction {
			t.Fatalf("timed event: %+v", done)
		}
		got, _ = f.st.Candidature(f.ctx, c.ID)
		trail, _ := f.st.AuditTrail(f.ctx, "candidature", c.ID)
		last := trail[len(trail)-1]
		if got.ComplementDueAt != nil || last.Event != "expirer_complement" || last.ActorRole != "system" {
			t.Errorf("after the deadline: due %v, last audit row %+v", got.ComplementDueAt, last)
		}
		var n int
		f.st.DB().NewSelect().Model((*domain.OutboxMessage)(nil)).ColumnExpr("count(*)").Where("kind = 'complement_expire'").Scan(f.ctx, &n)
		if n != 2 {
			t.Errorf("%d messages to the members, want 2 (élu and GULL member)", n)
		}

		// Answered in time: no deadline left, nothing fires later.
		other := f.reach(domain.EnInstruction, true)
		f.mustFire("candidature", other.ID, "demander_complement", "jury", workflow.Input{Comment: "Quel portail ?"})
		f.mustFire("candidature", other.ID, "repondre_complement", "elu", workflow.Input{Comment: "data.exemple.fr"})
		if got, _ := f.st.Candidature(f.ctx, other.ID); got.ComplementDueAt != nil {
			t.Errorf("deadline kept after the answer: %v", got.ComplementDueAt)
		}
		f.clock.Set(want.AddDate(0, 0, 10))
		for _, tr := range sched.Tick(f.ctx) {
			if tr.SubjectType == "candidature" {
				t.Errorf("fired on an answered complement: %+v", tr)
			}
		}
	})
}

// The deposit stores the questionnaire's automatic score.
func TestDepositStoresTheScore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.reach(domain.Deposee, true)
		sc, err := f.st.CandidatureScore(f.ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Total != 100 || sc.Max != 100 || sc.Level != 5 || sc.LeadTheme != "general" || sc.Themes != "100" {
			t.Errorf("score %+v", sc)
		}
	})
}
