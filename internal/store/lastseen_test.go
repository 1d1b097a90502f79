package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/testdb"
)

// A session kept open for days records the account's use once a day, for
// the retention of inactive accounts.
func TestSessionRecordsUseDaily(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		st := testdb.Open(t, dialect)
		u := &domain.User{Email: "elu@example.fr"}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		now := st.Now()
		opened := now.Add(-48 * time.Hour)
		if err := st.CreateSession(ctx, &domain.Session{TokenHash: "h", UserID: u.ID, CreatedAt: opened, LastSeenAt: now.Add(-time.Hour), ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.SessionUser(ctx, "h", time.Hour); err != nil {
			t.Fatal(err)
		}
		got, err := st.User(ctx, u.ID)
		if err != nil || got.LastSeenAt == nil || got.LastSeenAt.Before(now) {
			t.Fatalf("use not recorded: %+v %v", got.LastSeenAt, err)
		}
		before := st.Stats().Queries
		if _, _, err := st.SessionUser(ctx, "h", time.Hour); err != nil {
			t.Fatal(err)
		}
		if n := st.Stats().Queries - before; n != 1 {
			t.Errorf("%d statements the second time, want 1", n)
		}
	})
}
