// Package store is tnl's storage layer: explicit queries with bun over
// PostgreSQL (pgdialect, through pgx) or SQLite (sqlitedialect, through the
// pure-Go modernc.org/sqlite driver).
//
// Exported methods of Store open their own transaction and call small
// unexported helpers; Tx exposes the same helpers inside a caller's
// transaction, so that the workflow engine can compose several writes
// atomically.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers the "sqlite" driver, no cgo
)

// Store is a handle on the database.
type Store struct {
	db     *bun.DB
	loc    Location
	logger *slog.Logger
	now    func() time.Time
	// questionnaires keeps the campaigns' frozen questionnaire sources, so
	// that reading a campaign does not fetch it every time.
	questionnaires questionnaireCache
	// prepared counts the statements sent as prepared statements, outside
	// bun (prepared.go); sessionCandidatureSQL is the text of one.
	prepared              atomic.Int64
	preparedMode          pgx.QueryExecMode
	sessionCandidatureSQL sync.Once
	sessionCandidatureTxt string
}

// Option configures a Store.
type Option func(*Store)

// WithLogger sets the store's logger.
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.logger = l } }

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open connects to the database named by rawURL (see ParseURL) and checks
// that it answers. It does not migrate.
func Open(ctx context.Context, rawURL string, opts ...Option) (*Store, error) {
	loc, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	s := &Store{loc: loc, logger: slog.New(slog.DiscardHandler), now: time.Now}
	for _, o := range opts {
		o(s)
	}
	var sqldb *sql.DB
	switch loc.Dialect {
	case Postgres:
		cfg, err := pgx.ParseConfig(loc.DSN)
		if err != nil {
			return nil, fmt.Errorf("base de données %s : %w", loc.Display, err)
		}
		// bun writes every value into the SQL text, so nearly every
		// statement is new: pgx's default (prepare, then cache, each
		// statement) would cost a second round trip, a parse and plan kept
		// by the server, and memory for a cache that never hits. The
		// simple protocol sends each statement in one round trip. A URL
		// may still choose another mode (default_query_exec_mode=…).
		s.preparedMode = pgx.QueryExecModeCacheStatement
		if !strings.Contains(loc.DSN, "default_query_exec_mode") {
			cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
		} else {
			// The URL's choice holds for the prepared statements too
			// (simple_protocol behind a pooler in transaction mode).
			s.preparedMode = cfg.DefaultQueryExecMode
		}
		sqldb = stdlib.OpenDB(*cfg)
		sqldb.SetMaxOpenConns(32)
		sqldb.SetMaxIdleConns(32)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		s.db = bun.NewDB(sqldb, pgdialect.New())
	case SQLite:
		sqldb, err = sql.Open("sqlite", loc.DSN)
		if err != nil {
			return nil, fmt.Errorf("base de données %s : %w", loc.Display, err)
		}
		// One writer at a time anyway; a few connections let reads proceed
		// during a write in WAL mode.
		sqldb.SetMaxOpenConns(4)
		sqldb.SetMaxIdleConns(4)
		s.db = bun.NewDB(sqldb, sqlitedialect.New())
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.db.PingContext(pingCtx); err != nil {
		s.db.Close()
		return nil, &unreachableError{display: loc.Display, err: err}
	}
	return s, nil
}

// Close closes the connection pool.
func (s *Store) Close() error { return s.db.Close() }

// Dialect returns Postgres or SQLite.
func (s *Store) Dialect() string { return s.loc.Dialect }

// Display names the database for humans, password hidden.
func (s *Store) Display() string { return s.loc.Display }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Now returns the store's current time in UTC, truncated to the microsecond
// that both databases keep.
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// DB exposes the bun handle for benchmarks and tests of this module.
func (s *Store) DB() *bun.DB { return s.db }

// unreachableError says, on one line, which database did not answer and why.
type unreachableError struct {
	display string
	err     error
}

func (e *unreachableError) Error() string {
	// Drivers may report one line per address tried: keep distinct lines once.
	var parts []string
	seen := map[string]bool{}
	for _, line := range strings.Split(e.err.Error(), "\n") {
		line = strings.Trim(line, " \t:")
		if line != "" && !seen[line] {
			seen[line] = true
			parts = append(parts, line)
		}
	}
	return fmt.Sprintf("base de données injoignable (%s) : %s", e.display, strings.Join(parts, " ; "))
}

func (e *unreachableError) Unwrap() error { return e.err }
