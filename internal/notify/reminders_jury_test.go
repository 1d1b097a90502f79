package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// Jurors with evaluations not submitted are reminded seven days and one
// day before the jury's deadline, once each; a juror whose evaluations are
// all submitted is not.
func TestJuryReminders(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newReminderFixture(t, dialect, 2026, domain.CampagneInstruction, testClosesAt())
		ctx := context.Background()
		deadline := time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)
		if err := f.st.PutJurySettings(ctx, &domain.JurySettings{CampaignID: f.campaign.ID, PerCandidature: 2, Visibility: domain.VisibilityAfterOwn, Deadline: &deadline}); err != nil {
			t.Fatal(err)
		}
		for i, c := range f.drafts {
			state := []string{domain.EnInstruction, domain.Recevable}[i]
			if _, err := f.st.DB().NewUpdate().Model((*domain.Candidature)(nil)).Set("state = ?", state).Where("id = ?", c.ID).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var jurors []*domain.User
		for _, email := range []string{"ana@exemple.fr", "bob@exemple.fr"} {
			u := &domain.User{Email: email, Name: "Juré " + email[:3]}
			if err := f.st.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
			jurors = append(jurors, u)
		}
		for _, c := range f.drafts {
			if err := f.st.Assign(ctx, c.ID, jurors[0].ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.st.Assign(ctx, f.drafts[0].ID, jurors[1].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.DB().NewUpdate().Model((*domain.Evaluation)(nil)).Set("state = ?", domain.EvalRemise).Where("user_id = ?", jurors[1].ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct {
			at   time.Time
			want int
		}{
			{deadline.Add(-8 * 24 * time.Hour), 0},
			{deadline.Add(-7 * 24 * time.Hour), 1},
			{deadline.Add(-7*24*time.Hour + 10*time.Minute), 0},
			{deadline.Add(-24 * time.Hour), 1},
			{deadline.Add(-23 * time.Hour), 0},
			{deadline, 0},
		} {
			f.clk.Set(step.at)
			n, err := f.w.JuryReminders(ctx)
			if err != nil || n != step.want {
				t.Fatalf("at %v: %d reminders, want %d (%v)", step.at, n, step.want, err)
			}
		}
		msgs, _, err := f.st.OutboxMessages(ctx, store.OutboxFilter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range msgs {
			if strings.HasPrefix(m.Kind, "jury_rappel_") {
				got = append(got, m.Kind+" "+m.Recipient)
				if !strings.Contains(m.Body, "2\u00a0évaluations à remettre") || !strings.Contains(m.Body, "30 novembre 2026") {
					t.Errorf("reminder text:\n%s", m.Body)
				}
			}
		}
		if strings.Join(got, ",") != "jury_rappel_j1 ana@exemple.fr,jury_rappel_j7 ana@exemple.fr" && strings.Join(got, ",") != "jury_rappel_j7 ana@exemple.fr,jury_rappel_j1 ana@exemple.fr" {
			t.Errorf("reminders %v", got)
		}
	})
}
