package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// NormalizeEmail lower-cases and trims an address, the form it is stored in.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser inserts a new account. The email must not be taken.
func (s *Store) CreateUser(ctx context.Context, u *domain.User) error {
	return s.inTx(ctx, func(tx bun.Tx) error { return createUser(ctx, tx, u, s.Now()) })
}

// CreateUser inserts a new account inside the transaction.
func (t *Tx) CreateUser(ctx context.Context, u *domain.User) error {
	return createUser(ctx, t.tx, u, t.Now())
}

func createUser(ctx context.Context, db bun.IDB, u *domain.User, now time.Time) error {
	u.Email = NormalizeEmail(u.Email)
	if u.Role == "" {
		u.Role = domain.RoleMember
	}
	u.CreatedAt = now
	u.Version = 1
	_, err := db.NewInsert().Model(u).Returning("id").Exec(ctx)
	if isUniqueViolation(err) {
		return domain.Errorf(domain.EConflict, "Un compte existe déjà pour l’adresse %s.", u.Email)
	}
	return err
}

// User returns an account by id.
func (s *Store) User(ctx context.Context, id int64) (*domain.User, error) {
	return userBy(ctx, s.db, "id = ?", id)
}

// UserByEmail returns an account by email address (case-insensitive).
func (s *Store) UserByEmail(ctx context.Context, email string) (*domain.User, error) {
	return userBy(ctx, s.db, "email = ?", NormalizeEmail(email))
}

// UserByEmail returns an account by email inside the transaction.
func (t *Tx) UserByEmail(ctx context.Context, email string) (*domain.User, error) {
	return userBy(ctx, t.tx, "email = ?", NormalizeEmail(email))
}

func userBy(ctx context.Context, db bun.IDB, where string, arg any) (*domain.User, error) {
	u := new(domain.User)
	if err := db.NewSelect().Model(u).Where(where, arg).Scan(ctx); err != nil {
		return nil, notFound(err, "Compte introuvable.")
	}
	return u, nil
}

// UsersByID returns the accounts with the given ids, keyed by id.
func (s *Store) UsersByID(ctx context.Context, ids []int64) (map[int64]*domain.User, error) {
	return usersByID(ctx, s.db, ids)
}

func usersByID(ctx context.Context, db bun.IDB, ids []int64) (map[int64]*domain.User, error) {
	out := map[int64]*domain.User{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []*domain.User
	if err := db.NewSelect().Model(&rows).Where("id IN (?)", bun.List(ids)).Scan(ctx); err != nil {
		return nil, err
	}
	for _, u := range rows {
		out[u.ID] = u
	}
	return out, nil
}

// SetRole changes an account's role.
func (s *Store) SetRole(ctx context.Context, userID int64, role string) error {
	return s.inTx(ctx, func(tx bun.Tx) error {
		_, err := tx.NewUpdate().Model((*domain.User)(nil)).
			Set("role = ?", role).Set("version = version + 1").
			Where("id = ?", userID).Exec(ctx)
		return err
	})
}

// MarkEmailVerified records that the account's owner proved the address.
func (s *Store) MarkEmailVerified(ctx context.Context, userID int64) error {
	return s.inTx(ctx, func(tx bun.Tx) error {
		_, err := tx.NewUpdate().Model((*domain.User)(nil)).
			Set("email_verified_at = ?", s.Now()).Set("version = version + 1").
			Where("id = ? AND email_verified_at IS NULL", userID).Exec(ctx)
		return err
	})
}

// UsersByID returns the accounts with the given ids inside the transaction.
func (t *Tx) UsersByID(ctx context.Context, ids []int64) (map[int64]*domain.User, error) {
	return usersByID(ctx, t.tx, ids)
}

// UsersWithRole lists the accounts of a role (staff), by address.
func (s *Store) UsersWithRole(ctx context.Context, role string) ([]domain.User, error) {
	var rows []domain.User
	err := s.db.NewSelect().Model(&rows).Where("role = ?", role).Order("email").Scan(ctx)
	return rows, err
}

// SetEluLimit records how many candidatures of a campaign the person may
// be élu référent of (nil: the platform's limit), with an audit row of the
// staff member who set it.
func (s *Store) SetEluLimit(ctx context.Context, userID int64, limit *int, audit *domain.AuditEntry) error {
	return s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.tx.NewUpdate().Model((*domain.User)(nil)).Set("elu_limit = ?", limit).Set("version = version + 1").Where("id = ?", userID).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ENotFound, "Compte introuvable.")
		}
		return tx.AddAudit(ctx, audit)
	})
}

// EluLimitOf returns the person's own limit of candidatures as élu
// référent per campaign, or nil for the platform's.
func (t *Tx) EluLimitOf(ctx context.Context, userID int64) (*int, error) {
	var limit *int
	err := t.tx.NewSelect().Model((*domain.User)(nil)).Column("elu_limit").Where("id = ?", userID).Scan(ctx, &limit)
	if err != nil {
		return nil, notFound(err, "Compte introuvable.")
	}
	return limit, nil
}

// SetTitleForm records how the person's title is written.
func (s *Store) SetTitleForm(ctx context.Context, userID int64, form string) error {
	res, err := s.db.NewUpdate().Model((*domain.User)(nil)).Set("title_form = ?", form).Set("version = version + 1").Where("id = ?", userID).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.ENotFound, "Compte introuvable.")
	}
	return nil
}

// StaffEmails lists the addresses of staff accounts, to ask them to act.
func (t *Tx) StaffEmails(ctx context.Context) ([]string, error) {
	var emails []string
	err := t.tx.NewSelect().Model((*domain.User)(nil)).Column("email").Where("role = ?", domain.RoleStaff).Order("email").Scan(ctx, &emails)
	return emails, err
}
