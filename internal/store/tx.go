package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
	"modernc.org/sqlite"

	"github.com/adullact/tnl/internal/domain"
)

// Tx is a transaction in progress. Its methods run inside it; the transaction
// commits when the function given to Store.InTx returns nil.
type Tx struct {
	tx       bun.Tx
	s        *Store
	readOnly bool // takes no row locks
	after    []func()
}

// AfterCommit runs fn once the transaction has committed (never if it
// rolls back): to count what it did, for instance.
func (t *Tx) AfterCommit(fn func()) { t.after = append(t.after, fn) }

// Now returns the store's clock, see Store.Now.
func (t *Tx) Now() time.Time { return t.s.Now() }

// InTx runs fn in a transaction, committed if fn returns nil and rolled back
// otherwise.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	var t *Tx
	err := s.inTx(ctx, func(tx bun.Tx) error {
		t = &Tx{tx: tx, s: s}
		return fn(t)
	})
	if err == nil && t != nil {
		for _, f := range t.after {
			f()
		}
	}
	return err
}

// InReadTx runs fn in a read-only transaction: a consistent view for
// reading several tables, without the row locks of InTx (on PostgreSQL) nor
// its write lock (on SQLite), so that reading a subject never waits for, nor
// holds up, those who write it.
func (s *Store) InReadTx(ctx context.Context, fn func(tx *Tx) error) error {
	err := s.db.RunInTx(ctx, &sql.TxOptions{ReadOnly: true}, func(ctx context.Context, tx bun.Tx) error {
		return fn(&Tx{tx: tx, s: s, readOnly: true})
	})
	return mapError(err)
}

func (s *Store) inTx(ctx context.Context, fn func(tx bun.Tx) error) error {
	err := s.db.RunInTx(ctx, &sql.TxOptions{}, func(ctx context.Context, tx bun.Tx) error {
		return fn(tx)
	})
	return mapError(err)
}

// mapError turns driver errors that users can cause into domain errors.
func mapError(err error) error {
	if err == nil || domain.AsError(err) != nil {
		return err
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return &domain.Error{Code: domain.ENotFound, Message: "Élément introuvable.", Err: err}
	case isUniqueViolation(err):
		return &domain.Error{Code: domain.EConflict, Message: "Cet élément existe déjà.", Err: err}
	case isSerializationFailure(err):
		return &domain.Error{Code: domain.EConflict, Message: "Une modification concurrente a eu lieu : rechargez la page et réessayez.", Err: err}
	}
	return err
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		// SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
		return sqErr.Code() == 2067 || sqErr.Code() == 1555
	}
	return false
}

func isSerializationFailure(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "40001" || pgErr.Code == "40P01"
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		return sqErr.Code()&0xff == 5 // SQLITE_BUSY and its extended codes
	}
	return false
}

// notFound wraps sql.ErrNoRows into a French not-found error naming what was sought.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &domain.Error{Code: domain.ENotFound, Message: fmt.Sprintf(format, args...), Err: err}
	}
	return err
}

// Raw runs a query of the caller's inside the transaction and scans its
// result into dest: for lifecycles whose tables have no store methods of
// their own (a definition written in a test).
func (t *Tx) Raw(ctx context.Context, dest any, query string, args ...any) error {
	return notFound(t.tx.NewRaw(query, args...).Scan(ctx, dest), "Élément introuvable.")
}
