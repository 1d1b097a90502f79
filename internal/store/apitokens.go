package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// CreateAPIToken stores a new API token (its hash).
func (s *Store) CreateAPIToken(ctx context.Context, t *domain.APIToken) error {
	return s.inTx(ctx, func(tx bun.Tx) error {
		t.CreatedAt = s.Now()
		_, err := tx.NewInsert().Model(t).Returning("id").Exec(ctx)
		return err
	})
}

// APITokens lists an account's tokens, newest first.
func (s *Store) APITokens(ctx context.Context, userID int64) ([]domain.APIToken, error) {
	var rows []domain.APIToken
	err := s.db.NewSelect().Model(&rows).Where("user_id = ?", userID).Order("id DESC").Scan(ctx)
	return rows, err
}

// RevokeAPIToken revokes one of an account's tokens.
func (s *Store) RevokeAPIToken(ctx context.Context, userID, id int64) error {
	res, err := s.db.NewUpdate().Model((*domain.APIToken)(nil)).Set("revoked_at = ?", s.Now()).
		Where("id = ? AND user_id = ? AND revoked_at IS NULL", id, userID).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.ENotFound, "Jeton introuvable ou déjà révoqué.")
	}
	return nil
}

// APITokenUser returns the account owning an unrevoked token, and records
// its use (at most once a minute).
func (s *Store) APITokenUser(ctx context.Context, tokenHash string) (*domain.User, error) {
	t := new(domain.APIToken)
	if err := s.db.NewSelect().Model(t).Where("token_hash = ? AND revoked_at IS NULL", tokenHash).Scan(ctx); err != nil {
		return nil, notFound(err, "Jeton d’API inconnu ou révoqué.")
	}
	now := s.Now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > 60e9 {
		if _, err := s.db.NewUpdate().Model((*domain.APIToken)(nil)).Set("last_used_at = ?", now).Where("id = ?", t.ID).Exec(ctx); err != nil {
			return nil, err
		}
	}
	return s.User(ctx, t.UserID)
}
