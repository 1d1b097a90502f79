package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// A session gives its account in one statement, is extended when last seen
// more than a minute ago, and expires.
func TestSessionUser(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		now := time.Date(2026, 9, 10, 8, 0, 0, 0, time.UTC)
		st := testdb.Open(t, dialect, store.WithClock(func() time.Time { return now }))
		ctx := context.Background()
		u := &domain.User{Email: "elu@example.fr", Name: "Camille", Role: domain.RoleMember}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateSession(ctx, &domain.Session{TokenHash: "h1", UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		before := st.Stats().Queries
		got, sess, err := st.SessionUser(ctx, "h1", time.Hour)
		if err != nil || got.ID != u.ID || got.Email != "elu@example.fr" || got.Name != "Camille" || sess.UserID != u.ID || !sess.ExpiresAt.Equal(now.Add(time.Hour)) {
			t.Fatalf("SessionUser = %+v, %+v, %v", got, sess, err)
		}
		if n := st.Stats().Queries - before; n != 1 {
			t.Errorf("%d statements for a recent session, want 1", n)
		}
		now = now.Add(30 * time.Minute)
		if _, sess, err = st.SessionUser(ctx, "h1", time.Hour); err != nil || !sess.ExpiresAt.Equal(now.Add(time.Hour)) {
			t.Fatalf("after 30 minutes: %+v, %v; want extended to %s", sess, err, now.Add(time.Hour))
		}
		now = now.Add(61 * time.Minute)
		if _, _, err := st.SessionUser(ctx, "h1", time.Hour); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("expired session: %v, want not found", err)
		}
		if _, _, err := st.SessionUser(ctx, "inconnu", time.Hour); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("unknown session: %v, want not found", err)
		}
	})
}

// A successful sign-in forgets the address's failures and every failure
// older than the given instant, through an index on the instant.
func TestClearLoginFailures(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		now := time.Date(2026, 9, 10, 8, 0, 0, 0, time.UTC)
		st := testdb.Open(t, dialect, store.WithClock(func() time.Time { return now }))
		ctx := context.Background()
		since := now.Add(-15 * time.Minute)
		for _, key := range []string{"email:a@example.fr", "email:b@example.fr", "ip:192.0.2.1"} {
			if _, err := st.RecordLoginFailure(ctx, key, since); err != nil {
				t.Fatal(err)
			}
		}
		now = now.Add(25 * time.Hour)
		if _, err := st.RecordLoginFailure(ctx, "email:b@example.fr", now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.ClearLoginFailures(ctx, "email:a@example.fr", now.Add(-24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]int{"email:a@example.fr": 0, "email:b@example.fr": 1, "ip:192.0.2.1": 0} {
			if n, err := st.LoginFailures(ctx, key, time.Time{}); err != nil || n != want {
				t.Errorf("%s: %d failures left (%v), want %d", key, n, err, want)
			}
		}
		var indexes int
		query := "SELECT count(*) FROM pg_indexes WHERE indexname = 'login_failures_failed_at_idx'"
		if dialect == store.SQLite {
			query = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'login_failures_failed_at_idx'"
		}
		if err := st.DB().NewRaw(query).Scan(ctx, &indexes); err != nil || indexes != 1 {
			t.Errorf("index on login_failures.failed_at: %d (%v)", indexes, err)
		}
	})
}

// A session and a candidature are read together in one statement: the
// person's account and links to it; without a valid session, the
// candidature with an anonymous person's links; an unknown candidature is
// not found, whatever the session.
func TestSessionCandidature(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		c := f.candidature(t)
		now := f.st.Now()
		if err := f.st.CreateSession(ctx, &domain.Session{TokenHash: "h1", UserID: f.elu.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		before := f.st.Stats().Queries
		u, sess, got, a, err := f.st.SessionCandidature(ctx, "h1", time.Hour, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := f.st.Stats().Queries - before; n != 1 {
			t.Errorf("%d statements for a recent session and its candidature, want 1", n)
		}
		if u == nil || u.ID != f.elu.ID || u.Email != f.elu.Email || u.Name != "Camille Maire" || u.CreatedAt.IsZero() || sess == nil || sess.UserID != f.elu.ID {
			t.Errorf("account %+v, session %+v", u, sess)
		}
		if got.ID != c.ID || got.Reference != c.Reference || got.State != "brouillon" || a.Member != domain.MemberElu || a.QuestionnaireHash != "abc" {
			t.Errorf("candidature %+v, access %+v", got, a)
		}
		// The same as the two reads it replaces.
		want, wantAccess, err := f.st.CandidatureAccess(ctx, c.ID, f.elu.ID)
		if err != nil || want.Version != got.Version || !want.CreatedAt.Equal(got.CreatedAt) || wantAccess != a {
			t.Errorf("CandidatureAccess = %+v, %+v, %v; SessionCandidature %+v, %+v", want, wantAccess, err, got, a)
		}
		for _, token := range []string{"inconnu", ""} {
			u, sess, got, a, err := f.st.SessionCandidature(ctx, token, time.Hour, c.ID)
			if err != nil || u != nil || sess != nil || got == nil || got.ID != c.ID || a.Member != "" || a.QuestionnaireHash != "abc" {
				t.Errorf("session %q: %+v, %+v, %+v, %+v, %v; want the candidature for nobody", token, u, sess, got, a, err)
			}
		}
		_, _, _, _, err = f.st.SessionCandidature(ctx, "h1", time.Hour, c.ID+1000)
		wantCode(t, err, domain.ENotFound)
	})
}
