package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// CreateSession stores a new session (one statement, atomic by itself).
func (s *Store) CreateSession(ctx context.Context, sess *domain.Session) error {
	_, err := s.db.NewInsert().Model(sess).Exec(ctx)
	return mapError(err)
}

// sessionUser is an account read with its session.
type sessionUser struct {
	domain.User `bun:",extend"`

	SessionCreatedAt  time.Time `bun:"session_created_at"`
	SessionExpiresAt  time.Time `bun:"session_expires_at"`
	SessionLastSeenAt time.Time `bun:"session_last_seen_at"`
}

// SessionUser returns the account of an unexpired session (one query), and
// extends the session when it was last seen more than a minute ago.
func (s *Store) SessionUser(ctx context.Context, tokenHash string, idle time.Duration) (*domain.User, *domain.Session, error) {
	now := s.Now()
	row := new(sessionUser)
	err := s.db.NewSelect().Model(row).
		ColumnExpr(`"user".*`).
		ColumnExpr("s.created_at AS session_created_at, s.expires_at AS session_expires_at, s.last_seen_at AS session_last_seen_at").
		Join("JOIN sessions AS s ON s.user_id = \"user\".id").
		Where("s.token_hash = ? AND s.expires_at > ?", tokenHash, now).Scan(ctx)
	if err != nil {
		return nil, nil, notFound(err, "Session expirée.")
	}
	u := &row.User
	sess := &domain.Session{TokenHash: tokenHash, UserID: u.ID, CreatedAt: row.SessionCreatedAt, ExpiresAt: row.SessionExpiresAt, LastSeenAt: row.SessionLastSeenAt}
	if now.Sub(sess.LastSeenAt) > time.Minute {
		sess.LastSeenAt, sess.ExpiresAt = now, now.Add(idle)
		_, err := s.db.NewUpdate().Model((*domain.Session)(nil)).
			Set("last_seen_at = ?", now).Set("expires_at = ?", sess.ExpiresAt).
			Where("token_hash = ?", tokenHash).Exec(ctx)
		if err != nil {
			return nil, nil, err
		}
	}
	seen := sess.CreatedAt // opened by OpenSession, which recorded the sign-in
	if u.LastSeenAt != nil && u.LastSeenAt.After(seen) {
		seen = *u.LastSeenAt
	}
	if now.Sub(seen) > 24*time.Hour {
		// Once a day at most, for a session kept open for days: what the
		// retention of inactive accounts needs.
		if err := s.TouchUser(ctx, u.ID); err != nil {
			return nil, nil, err
		}
		u.LastSeenAt = &now
	}
	return u, sess, nil
}

// TouchUser records that the account was used now (a sign-in, a session).
func (s *Store) TouchUser(ctx context.Context, userID int64) error {
	_, err := s.db.NewUpdate().Model((*domain.User)(nil)).Set("last_seen_at = ?", s.Now()).Where("id = ?", userID).Exec(ctx)
	return err
}

// DeleteSession signs a browser out.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.db.NewDelete().Model((*domain.Session)(nil)).Where("token_hash = ?", tokenHash).Exec(ctx)
	return err
}

// RecordLoginFailure notes a failed sign-in for a throttling key and
// returns how many failures the key has had since the given instant.
func (s *Store) RecordLoginFailure(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx bun.Tx) error {
		if _, err := tx.NewRaw("INSERT INTO login_failures (key, failed_at) VALUES (?, ?)", key, s.Now()).Exec(ctx); err != nil {
			return err
		}
		var err error
		n, err = countFailures(ctx, tx, key, since)
		return err
	})
	return n, err
}

// LoginFailures counts a key's failed sign-ins since the given instant.
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	return countFailures(ctx, s.db, key, since)
}

func countFailures(ctx context.Context, db bun.IDB, key string, since time.Time) (int, error) {
	n, err := db.NewSelect().TableExpr("login_failures").Where("key = ? AND failed_at > ?", key, since.UTC()).Count(ctx)
	return int(n), err
}

// ClearAccountFailures forgets every failed sign-in on one address: its
// own count ("email:<address>") and its counts per client
// ("pair:<address>|<client>"), after a password reset.
func (s *Store) ClearAccountFailures(ctx context.Context, email string) error {
	prefix := "pair:" + email + "|"
	_, err := s.db.NewDelete().TableExpr("login_failures").
		Where("key = ? OR substr(key, 1, ?) = ?", "email:"+email, len([]rune(prefix)), prefix).Exec(ctx)
	return err
}

// ClearLoginFailures forgets a key's failures after a successful sign-in,
// and old failures of every key.
func (s *Store) ClearLoginFailures(ctx context.Context, key string, before time.Time) error {
	_, err := s.db.NewDelete().TableExpr("login_failures").Where("key = ? OR failed_at < ?", key, before.UTC()).Exec(ctx)
	return err
}
