package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// The one-statement save writes only in the common case, and leaves every
// other one (conflict, same value, candidature no longer editable) to the
// caller's transaction, having written nothing.
func TestPutAnswerIfEditable(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		c := f.candidature(t)
		editable := []string{"brouillon", "complement_demande"}
		put := func(value string, expected int) (*domain.Answer, bool) {
			t.Helper()
			a := &domain.Answer{CandidatureID: c.ID, QuestionKey: "logiciels.part_postes", Value: json.RawMessage(value), QuestionnaireVersion: "2026.1", UpdatedBy: f.elu.ID}
			before := f.st.Stats().Queries
			ok, err := f.st.PutAnswerIfEditable(ctx, a, expected, editable)
			if err != nil {
				t.Fatal(err)
			}
			if n := f.st.Stats().Queries - before; n != 1 {
				t.Errorf("%d statements, want 1", n)
			}
			return a, ok
		}
		stored := func() domain.Answer {
			t.Helper()
			answers, err := f.st.Answers(ctx, c.ID)
			if err != nil || len(answers) != 1 {
				t.Fatalf("answers = %+v, %v", answers, err)
			}
			return answers[0]
		}
		if a, ok := put("40", 0); !ok || a.Version != 1 {
			t.Fatalf("first save: %v, version %d", ok, a.Version)
		}
		if a, ok := put("45", 1); !ok || a.Version != 2 {
			t.Fatalf("second save: %v, version %d", ok, a.Version)
		}
		if got := stored(); string(got.Value) != "45" || got.Version != 2 || got.UpdatedBy != f.elu.ID || got.UpdatedAt.IsZero() || time.Since(got.UpdatedAt) > time.Hour {
			t.Fatalf("stored %+v", got)
		}
		for _, c := range []struct {
			what     string
			value    string
			expected int
		}{
			{"answer created meanwhile", "50", 0},
			{"stale version", "50", 1},
			{"same value", "45", 2},
		} {
			if _, ok := put(c.value, c.expected); ok {
				t.Errorf("%s: saved", c.what)
			}
		}
		if _, err := f.st.DB().NewUpdate().Model((*domain.Candidature)(nil)).Set("state = ?", "deposee").Where("id = ?", c.ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, ok := put("60", 2); ok {
			t.Error("submitted candidature: saved")
		}
		if got := stored(); string(got.Value) != "45" || got.Version != 2 {
			t.Errorf("refused saves changed the answer: %+v", got)
		}
	})
}

// LockAnswer returns the state and the current answer, or none.
func TestLockAnswer(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		c := f.candidature(t)
		a := &domain.Answer{CandidatureID: c.ID, QuestionKey: "q.oui", Value: json.RawMessage("true"), QuestionnaireVersion: "2026.1", UpdatedBy: f.elu.ID}
		if err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.PutAnswer(ctx, a, 0) }); err != nil {
			t.Fatal(err)
		}
		err := f.st.InTx(ctx, func(tx *store.Tx) error {
			state, cur, err := tx.LockAnswer(ctx, c.ID, "q.oui")
			if err != nil || state != "brouillon" || cur == nil || string(cur.Value) != "true" || cur.Version != 1 ||
				cur.UpdatedBy != f.elu.ID || cur.QuestionnaireVersion != "2026.1" || !cur.UpdatedAt.Equal(a.UpdatedAt) {
				t.Errorf("LockAnswer(q.oui) = %q, %+v, %v", state, cur, err)
			}
			state, cur, err = tx.LockAnswer(ctx, c.ID, "q.absente")
			if err != nil || state != "brouillon" || cur != nil {
				t.Errorf("LockAnswer(q.absente) = %q, %+v, %v", state, cur, err)
			}
			_, _, err = tx.LockAnswer(ctx, c.ID+1000, "q.oui")
			wantCode(t, err, domain.ENotFound)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// CandidatureAccess returns the candidature with the person's links to it
// (member role, jury seat with the charter accepted, assignment) and its
// questionnaire's hash, in one statement.
func TestCandidatureAccess(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		c := f.candidature(t)
		other := &domain.User{Email: "autre@example.fr", Name: "Autre"}
		if err := f.st.CreateUser(ctx, other); err != nil {
			t.Fatal(err)
		}
		got, a, err := f.st.CandidatureAccess(ctx, c.ID, f.elu.ID)
		if err != nil || got.ID != c.ID || got.Reference != c.Reference || a.Member != domain.MemberElu || a.QuestionnaireHash != "abc" || a.Seat != "" {
			t.Errorf("élu: %+v, %+v, %v", got, a, err)
		}
		if _, a, err := f.st.CandidatureAccess(ctx, c.ID, other.ID); err != nil || a.Member != "" || a.Seat != "" || a.Assigned {
			t.Errorf("not a member: %+v, %v", a, err)
		}
		// A jury seat counts once the charter is accepted.
		if err := f.st.PutJuryMember(ctx, &store.JuryMember{CampaignID: c.CampaignID, UserID: other.ID, Seat: domain.SeatMember}); err != nil {
			t.Fatal(err)
		}
		if _, a, _ := f.st.CandidatureAccess(ctx, c.ID, other.ID); a.Seat != "" {
			t.Errorf("seat before the charter: %+v", a)
		}
		now := f.st.Now()
		if err := f.st.PutJuryMember(ctx, &store.JuryMember{CampaignID: c.CampaignID, UserID: other.ID, Seat: domain.SeatPresident, CharterAcceptedAt: &now}); err != nil {
			t.Fatal(err)
		}
		if _, a, _ := f.st.CandidatureAccess(ctx, c.ID, other.ID); a.Seat != domain.SeatPresident || a.Assigned {
			t.Errorf("president: %+v", a)
		}
		_, _, err = f.st.CandidatureAccess(ctx, c.ID+1000, f.elu.ID)
		wantCode(t, err, domain.ENotFound)
	})
}

// Taking someone off a candidature cancels the invitations still pending
// for them there: a second link would bring them back.
func TestRemoveMemberCancelsInvitations(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		c := f.candidature(t)
		gull := &domain.User{Email: "membre@gull.org", Name: "Membre"}
		if err := f.st.CreateUser(ctx, gull); err != nil {
			t.Fatal(err)
		}
		invite := func(token, email string) {
			t.Helper()
			cid := c.ID
			if err := f.st.CreateLink(ctx, &domain.AuthLink{TokenHash: token, Kind: domain.LinkInvitation, Email: email,
				CandidatureID: &cid, ExpiresAt: f.st.Now().Add(time.Hour)}, nil); err != nil {
				t.Fatal(err)
			}
		}
		invite("second-link", "Membre@GULL.org")
		invite("someone-else", "autre@gull.org")
		if err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.AddMember(ctx, c.ID, gull.ID, domain.MemberAccompagnateur) }); err != nil {
			t.Fatal(err)
		}
		if err := f.st.RemoveMember(ctx, c.ID, gull.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.st.PeekLink(ctx, "second-link", domain.LinkInvitation)
		wantCode(t, err, domain.ENotFound)
		if _, err := f.st.PeekLink(ctx, "someone-else", domain.LinkInvitation); err != nil {
			t.Errorf("another person's invitation was cancelled: %v", err)
		}
		if sent, err := f.st.LinkSentSince(ctx, domain.LinkInvitation, "membre@gull.org", &c.ID, f.st.Now().Add(-time.Minute)); err != nil || !sent {
			t.Errorf("LinkSentSince = %v, %v; want the invitation just sent", sent, err)
		}
		if sent, _ := f.st.LinkSentSince(ctx, domain.LinkReset, "membre@gull.org", nil, f.st.Now().Add(-time.Minute)); sent {
			t.Error("LinkSentSince counted a link of another kind")
		}
	})
}
