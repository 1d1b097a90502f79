package store

import (
	"context"
	"time"

	"github.com/adullact/tnl/internal/domain"
)

// CreateLink stores a single-use link and the message that carries it, in
// one transaction.
func (s *Store) CreateLink(ctx context.Context, l *domain.AuthLink, msg *domain.OutboxMessage) error {
	return s.InTx(ctx, func(tx *Tx) error { return tx.CreateLink(ctx, l, msg) })
}

// CreateLink stores a single-use link and its message in the caller's
// transaction.
func (t *Tx) CreateLink(ctx context.Context, l *domain.AuthLink, msg *domain.OutboxMessage) error {
	l.CreatedAt = t.Now()
	l.Email = NormalizeEmail(l.Email)
	if _, err := t.tx.NewInsert().Model(l).Exec(ctx); err != nil {
		return err
	}
	if msg == nil {
		return nil
	}
	return t.Enqueue(ctx, msg)
}

// LinkSentSince tells whether a link of this kind was sent to the address
// (for the candidature, when one is given) after since: the platform sends
// one at a time, so that nobody can flood a mailbox through it.
func (s *Store) LinkSentSince(ctx context.Context, kind, email string, candidatureID *int64, since time.Time) (bool, error) {
	q := s.db.NewSelect().Model((*domain.AuthLink)(nil)).
		Where("email = ? AND kind = ? AND created_at > ?", NormalizeEmail(email), kind, since)
	if candidatureID != nil {
		q = q.Where("candidature_id = ?", *candidatureID)
	}
	return q.Exists(ctx)
}

// UseLink marks an unexpired, unused link of the given kind as used and
// returns it; fn runs in the same transaction (e.g. to verify the address
// or join a candidature). A link works once.
func (s *Store) UseLink(ctx context.Context, tokenHash, kind string, fn func(tx *Tx, l *domain.AuthLink) error) (*domain.AuthLink, error) {
	l := new(domain.AuthLink)
	err := s.InTx(ctx, func(tx *Tx) error {
		now := tx.Now()
		res, err := tx.tx.NewUpdate().Model((*domain.AuthLink)(nil)).Set("used_at = ?", now).
			Where("token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?", tokenHash, kind, now).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ENotFound, "Ce lien n’est plus valable : il a déjà servi ou il a expiré. Demandez-en un nouveau.")
		}
		if err := tx.tx.NewSelect().Model(l).Where("token_hash = ?", tokenHash).Scan(ctx); err != nil {
			return err
		}
		if fn != nil {
			return fn(tx, l)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// PeekLink returns an unexpired, unused link without using it.
func (s *Store) PeekLink(ctx context.Context, tokenHash, kind string) (*domain.AuthLink, error) {
	l := new(domain.AuthLink)
	err := s.db.NewSelect().Model(l).
		Where("token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?", tokenHash, kind, s.Now()).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Ce lien n’est plus valable : il a déjà servi ou il a expiré.")
	}
	return l, nil
}

// LinkByToken returns a link whatever its state (used, expired).
func (s *Store) LinkByToken(ctx context.Context, tokenHash string) (*domain.AuthLink, error) {
	l := new(domain.AuthLink)
	if err := s.db.NewSelect().Model(l).Where("token_hash = ?", tokenHash).Scan(ctx); err != nil {
		return nil, notFound(err, "Lien introuvable.")
	}
	return l, nil
}

// PendingInvitations lists a candidature's unused, unexpired invitations.
func (s *Store) PendingInvitations(ctx context.Context, candidatureID int64) ([]domain.AuthLink, error) {
	var rows []domain.AuthLink
	err := s.db.NewSelect().Model(&rows).
		Where("candidature_id = ? AND kind = ? AND used_at IS NULL AND expires_at > ?", candidatureID, domain.LinkInvitation, s.Now()).
		Order("created_at").Scan(ctx)
	return rows, err
}

// MarkEmailVerified records, inside the transaction, that the account's owner proved the address.
func (t *Tx) MarkEmailVerified(ctx context.Context, userID int64) error {
	_, err := t.tx.NewUpdate().Model((*domain.User)(nil)).
		Set("email_verified_at = ?", t.Now()).Set("version = version + 1").
		Where("id = ? AND email_verified_at IS NULL", userID).Exec(ctx)
	return err
}

// SetPasswordHash replaces an account's password hash inside the transaction.
func (t *Tx) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	_, err := t.tx.NewUpdate().Model((*domain.User)(nil)).
		Set("password_hash = ?", hash).Set("version = version + 1").
		Where("id = ?", userID).Exec(ctx)
	return err
}

// DeleteUserSessions signs every browser of an account out.
func (t *Tx) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := t.tx.NewDelete().Model((*domain.Session)(nil)).Where("user_id = ?", userID).Exec(ctx)
	return err
}

// RevokeAPITokens revokes every API token of an account.
func (t *Tx) RevokeAPITokens(ctx context.Context, userID int64) error {
	_, err := t.tx.NewUpdate().Model((*domain.APIToken)(nil)).Set("revoked_at = ?", t.Now()).
		Where("user_id = ? AND revoked_at IS NULL", userID).Exec(ctx)
	return err
}

// ExpireLinks marks an account's unused links of a kind as used.
func (t *Tx) ExpireLinks(ctx context.Context, userID int64, kind string) error {
	_, err := t.tx.NewUpdate().Model((*domain.AuthLink)(nil)).Set("used_at = ?", t.Now()).
		Where("user_id = ? AND kind = ? AND used_at IS NULL", userID, kind).Exec(ctx)
	return err
}
