package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"sync"
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
	u, sess, err := s.keepSession(ctx, &row.User, tokenHash, idle, row.SessionCreatedAt, row.SessionExpiresAt, row.SessionLastSeenAt, now)
	if err != nil {
		return nil, nil, err
	}
	return u, sess, nil
}

// keepSession extends a session found unexpired when it was last seen more
// than a minute ago, and records once a day that its account is used.
func (s *Store) keepSession(ctx context.Context, u *domain.User, tokenHash string, idle time.Duration, created, expires, lastSeen, now time.Time) (*domain.User, *domain.Session, error) {
	sess := &domain.Session{TokenHash: tokenHash, UserID: u.ID, CreatedAt: created, ExpiresAt: expires, LastSeenAt: lastSeen}
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

// sessionCandidature is a candidature read with the links of the person
// whose session is given, and that person's account and session (all
// NULL, HasSession false, when the session is unknown or expired).
type sessionCandidature struct {
	candidatureAccess `bun:",extend"`

	HasSession        bool        `bun:"has_session"`
	User              domain.User `bun:"embed:su_"`
	SessionCreatedAt  time.Time   `bun:"session_created_at"`
	SessionExpiresAt  time.Time   `bun:"session_expires_at"`
	SessionLastSeenAt time.Time   `bun:"session_last_seen_at"`
}

// userColumns lists the account's columns as su_<column>, for the
// embedded account of sessionCandidature (the same in both dialects).
func (s *Store) userColumns() string {
	userColumnsOnce.Do(func() {
		var cols []string
		for _, f := range s.db.Table(reflect.TypeFor[domain.User]()).Fields {
			cols = append(cols, fmt.Sprintf(`su.%[1]s AS su_%[1]s`, f.Name))
		}
		userColumnsList = strings.Join(cols, ", ")
	})
	return userColumnsList
}

var (
	userColumnsOnce sync.Once
	userColumnsList string
)

// sessionCandidatureQuery is SessionCandidature's statement.
func (s *Store) sessionCandidatureQuery(row *sessionCandidature, tokenHash, now, id any) *bun.SelectQuery {
	return accessColumns(s.db.NewSelect().Model(row), bun.Safe("su.id")).
		ColumnExpr("su.id IS NOT NULL AS has_session").
		ColumnExpr(s.userColumns()).
		ColumnExpr("s.created_at AS session_created_at, s.expires_at AS session_expires_at, s.last_seen_at AS session_last_seen_at").
		Join("JOIN campaigns AS cp ON cp.id = candidature.campaign_id").
		Join("LEFT JOIN sessions AS s ON s.token_hash = ? AND s.expires_at > ?", tokenHash, now).
		Join("LEFT JOIN users AS su ON su.id = s.user_id").
		Where("candidature.id = ?", id)
}

// SessionCandidature reads a browser's session and the candidature its
// request names, with that person's links to it, in one statement: what
// every request on a candidature does first (the guard's authentication
// and access check). Measured with cmd/tnl-bench's probe, an answer save
// was 3 statements: the session lookup, this access read and the save; the
// session now rides on the access read (2 statements, one round trip less
// per candidature request). Without a valid session the candidature comes
// with an anonymous person's links (u nil). The session is then extended
// as SessionUser does. A candidature that does not exist is not found
// (ENotFound), whatever the session: the caller reads the session alone
// to answer that.
func (s *Store) SessionCandidature(ctx context.Context, tokenHash string, idle time.Duration, id int64) (*domain.User, *domain.Session, *domain.Candidature, Access, error) {
	now := s.Now()
	row := new(sessionCandidature)
	var err error
	if s.loc.Dialect == Postgres {
		// A prepared statement: see prepared.go.
		s.sessionCandidatureSQL.Do(func() {
			s.sessionCandidatureTxt = s.sessionCandidatureQuery(row, bun.Safe("$1"), bun.Safe("$2"), bun.Safe("$3")).String()
		})
		var rows *sql.Rows
		if rows, err = s.queryPrepared(ctx, s.sessionCandidatureTxt, tokenHash, now, id); err == nil {
			err = s.db.ScanRows(ctx, rows, row)
			rows.Close()
			if err == nil && row.ID == 0 {
				err = sql.ErrNoRows // bun's ScanRows leaves a struct as it is without a row
			}
		}
	} else {
		err = s.sessionCandidatureQuery(row, tokenHash, now, id).Scan(ctx)
	}
	if err != nil {
		return nil, nil, nil, Access{}, notFound(err, "Candidature introuvable.")
	}
	if !row.HasSession {
		return nil, nil, &row.Candidature, row.access(), nil
	}
	u, sess, err := s.keepSession(ctx, &row.User, tokenHash, idle, row.SessionCreatedAt, row.SessionExpiresAt, row.SessionLastSeenAt, now)
	if err != nil {
		return nil, nil, nil, Access{}, err
	}
	return u, sess, &row.Candidature, row.access(), nil
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
