package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/adullact/tnl/internal/domain"
)

// NewLinkToken returns a random token for a link sent by email, and the
// hash that is stored (the same hash as the accounts' links).
func NewLinkToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b) //nolint:errcheck // crypto/rand never fails on supported platforms
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashLinkToken(token)
}

// HashLinkToken returns the stored form of a link's token.
func HashLinkToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateAmbassadeurLink stores a link inside the transaction that sends it.
func (t *Tx) CreateAmbassadeurLink(ctx context.Context, l *domain.AmbassadeurLink) error {
	l.CreatedAt = t.Now()
	l.Email = NormalizeEmail(l.Email)
	_, err := t.tx.NewInsert().Model(l).Exec(ctx)
	return err
}

// CreateAmbassadeurLink stores a link and the message that carries it.
func (s *Store) CreateAmbassadeurLink(ctx context.Context, l *domain.AmbassadeurLink, msg *domain.OutboxMessage) error {
	return s.InTx(ctx, func(tx *Tx) error {
		if err := tx.CreateAmbassadeurLink(ctx, l); err != nil {
			return err
		}
		return tx.Enqueue(ctx, msg)
	})
}

// AmbassadeurLink returns an unexpired link of a kind; a personal link
// (suivi) serves again and again, the others until used.
func (s *Store) AmbassadeurLink(ctx context.Context, tokenHash, kind string) (*domain.AmbassadeurLink, error) {
	l := new(domain.AmbassadeurLink)
	q := s.db.NewSelect().Model(l).Where("token_hash = ? AND kind = ? AND expires_at > ?", tokenHash, kind, s.Now())
	if kind != domain.LinkSuivi {
		q = q.Where("used_at IS NULL")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "Ce lien n’est plus valable : il a déjà servi ou il a expiré.")
	}
	return l, nil
}

// UseAmbassadeurLink marks an unused, unexpired link as used and runs fn
// in the same transaction: a link works once.
func (s *Store) UseAmbassadeurLink(ctx context.Context, tokenHash, kind string, fn func(tx *Tx, l *domain.AmbassadeurLink) error) (*domain.AmbassadeurLink, error) {
	l := new(domain.AmbassadeurLink)
	err := s.InTx(ctx, func(tx *Tx) error {
		now := tx.Now()
		res, err := tx.tx.NewUpdate().Model((*domain.AmbassadeurLink)(nil)).Set("used_at = ?", now).
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

// MarkLinkSeen records the first use of a personal link.
func (s *Store) MarkLinkSeen(ctx context.Context, tokenHash string) error {
	_, err := s.db.NewUpdate().Model((*domain.AmbassadeurLink)(nil)).Set("used_at = ?", s.Now()).
		Where("token_hash = ? AND used_at IS NULL", tokenHash).Exec(ctx)
	return err
}

// AmbassadeurLinkSentSince tells whether a link of a kind went to the
// address after since (for the GULL, or the request, when given): one at a
// time, so that nobody floods a mailbox through the platform.
func (s *Store) AmbassadeurLinkSentSince(ctx context.Context, kind, email string, gullID, visiteID *int64, since time.Time) (bool, error) {
	q := s.db.NewSelect().Model((*domain.AmbassadeurLink)(nil)).
		Where("email = ? AND kind = ? AND created_at > ?", NormalizeEmail(email), kind, since)
	if gullID != nil {
		q = q.Where("gull_id = ?", *gullID)
	}
	if visiteID != nil {
		q = q.Where("visite_id = ?", *visiteID)
	}
	return q.Exists(ctx)
}

// PendingGullInvitations lists a GULL's unused, unexpired invitations.
func (s *Store) PendingGullInvitations(ctx context.Context, gullID int64) ([]domain.AmbassadeurLink, error) {
	var rows []domain.AmbassadeurLink
	err := s.db.NewSelect().Model(&rows).
		Where("gull_id = ? AND kind = ? AND used_at IS NULL AND expires_at > ?", gullID, domain.LinkGullInvitation, s.Now()).
		Order("created_at").Scan(ctx)
	return rows, err
}
