package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// Delivery of the outbox.
//
// A message is in one of three states, derived from its columns (see
// OutboxStatus):
//
//   - sent: sent_at is set;
//   - failed: not sent, MaxOutboxAttempts attempts made, and no live lease.
//     ClaimOutbox never picks it again; staff may requeue it with RetryOutbox.
//     GiveUp sends a message there at once (a recipient the relay rejects);
//   - pending: anything else, whether never tried, waiting for its next
//     attempt after an error (last_error says which), or being delivered
//     right now (locked_until in the future).
//
// A worker claims due messages with ClaimOutbox, which takes a lease on them
// (locked_until) and counts the attempt, then reports each with MarkSent or
// MarkFailed, both of which release the lease. A worker that dies in between
// leaves the lease to expire, after which the message is claimed again: the
// outbox delivers at least once, never twice concurrently.

// MaxOutboxAttempts is the number of delivery attempts after which a message
// is given up. With the worker's backoff (1 min doubling up to 6 h) twelve
// attempts span about 20 hours, enough to ride out a night-long outage of the
// mail relay before staff have to requeue anything.
const MaxOutboxAttempts = 12

// Outbox states, for OutboxFilter.Status and OutboxStatus.
const (
	OutboxAll     = "all"
	OutboxPending = "pending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

// maxErrorLen bounds the last_error kept per message.
const maxErrorLen = 2000

// OutboxStatus returns the state of a message at instant now: OutboxSent,
// OutboxFailed or OutboxPending.
func OutboxStatus(m *domain.OutboxMessage, now time.Time) string {
	switch {
	case m.SentAt != nil:
		return OutboxSent
	case m.Attempts >= MaxOutboxAttempts && (m.LockedUntil == nil || m.LockedUntil.Before(now)):
		return OutboxFailed
	}
	return OutboxPending
}

// ClaimOutbox takes up to limit due messages for delivery: unsent, whose
// next attempt is due, not leased by another worker (or whose lease has
// expired), with attempts left. It leases them until now+lease and counts one
// attempt each, atomically, so that concurrent workers, in this process or
// others, never claim the same message at once. Messages come in id order.
func (s *Store) ClaimOutbox(ctx context.Context, limit int, lease time.Duration) ([]domain.OutboxMessage, error) {
	if limit <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, fmt.Errorf("claim outbox: lease must be positive, got %v", lease)
	}
	now := s.Now()
	// PostgreSQL: SKIP LOCKED lets concurrent claimers pass over the rows
	// another transaction is taking, and FOR UPDATE re-checks the conditions
	// on rows committed meanwhile. SQLite: transactions start IMMEDIATE (see
	// the DSN), so claimers run one after the other.
	lock := ""
	if s.loc.Dialect == Postgres {
		lock = "FOR UPDATE SKIP LOCKED"
	}
	query := `UPDATE outbox SET locked_until = ?, attempts = attempts + 1
WHERE id IN (
	SELECT id FROM outbox
	WHERE sent_at IS NULL AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?) AND attempts < ?
	ORDER BY id LIMIT ? ` + lock + `
)
RETURNING *`
	var msgs []domain.OutboxMessage
	err := s.inTx(ctx, func(tx bun.Tx) error {
		return tx.NewRaw(query, now.Add(lease), now, now, MaxOutboxAttempts, limit).Scan(ctx, &msgs)
	})
	if err != nil {
		return nil, fmt.Errorf("claim outbox: %w", err)
	}
	slices.SortFunc(msgs, func(a, b domain.OutboxMessage) int { return cmp.Compare(a.ID, b.ID) })
	return msgs, nil
}

// MarkSent records the delivery of a message and releases its lease. Marking
// a message sent twice keeps the first instant.
func (s *Store) MarkSent(ctx context.Context, id int64) error {
	now := s.Now()
	return s.updateOutbox(ctx, id, "mark outbox message sent", func(tx bun.Tx) (sql.Result, error) {
		return tx.NewUpdate().Model((*domain.OutboxMessage)(nil)).
			Set("sent_at = ?", now).Set("locked_until = NULL").
			Where("id = ? AND sent_at IS NULL", id).Exec(ctx)
	})
}

// MarkFailed records a failed attempt: it releases the lease, keeps errText
// as last_error and schedules the next attempt at retryAt. A message whose
// attempts are exhausted (MaxOutboxAttempts) is thereby failed for good and
// retryAt no longer matters. A message sent meanwhile is left alone.
func (s *Store) MarkFailed(ctx context.Context, id int64, errText string, retryAt time.Time) error {
	errText = truncate(errText, maxErrorLen)
	return s.updateOutbox(ctx, id, "mark outbox message failed", func(tx bun.Tx) (sql.Result, error) {
		return tx.NewUpdate().Model((*domain.OutboxMessage)(nil)).
			Set("locked_until = NULL").Set("last_error = ?", errText).
			Set("next_attempt_at = ?", retryAt.UTC()).
			Where("id = ? AND sent_at IS NULL", id).Exec(ctx)
	})
}

// GiveUp fails a message for good after an error that retrying cannot cure,
// such as a recipient address the mail relay rejects: its attempts count is
// raised to MaxOutboxAttempts and its lease released.
func (s *Store) GiveUp(ctx context.Context, id int64, errText string) error {
	errText = truncate(errText, maxErrorLen)
	return s.updateOutbox(ctx, id, "give up outbox message", func(tx bun.Tx) (sql.Result, error) {
		return tx.NewUpdate().Model((*domain.OutboxMessage)(nil)).
			Set("locked_until = NULL").Set("last_error = ?", errText).
			Set("attempts = CASE WHEN attempts < ? THEN ? ELSE attempts END", MaxOutboxAttempts, MaxOutboxAttempts).
			Where("id = ? AND sent_at IS NULL", id).Exec(ctx)
	})
}

// RetryOutbox requeues an unsent message for immediate delivery with a fresh
// count of attempts, typically a failed one that staff want to send again.
// Its last error is kept until the next attempt. A message being delivered
// right now, or already sent, is refused.
func (s *Store) RetryOutbox(ctx context.Context, id int64) error {
	now := s.Now()
	return s.inTx(ctx, func(tx bun.Tx) error {
		m := new(domain.OutboxMessage)
		q := tx.NewSelect().Model(m).Where("id = ?", id)
		if s.loc.Dialect == Postgres {
			q = q.For("UPDATE")
		}
		if err := q.Scan(ctx); err != nil {
			return notFound(err, "Message introuvable.")
		}
		switch {
		case m.SentAt != nil:
			return domain.Errorf(domain.EUnprocessable, "Ce message a déjà été envoyé.")
		case m.LockedUntil != nil && !m.LockedUntil.Before(now):
			return domain.Errorf(domain.EConflict, "Ce message est en cours d’envoi : réessayez dans quelques minutes.")
		}
		_, err := tx.NewUpdate().Model((*domain.OutboxMessage)(nil)).
			Set("attempts = 0").Set("next_attempt_at = ?", now).Set("locked_until = NULL").
			Where("id = ?", id).Exec(ctx)
		return err
	})
}

// updateOutbox runs an UPDATE of one message; when it changes nothing, the
// message must exist (it may have been sent meanwhile) or the result is a
// not-found error.
func (s *Store) updateOutbox(ctx context.Context, id int64, what string, update func(tx bun.Tx) (sql.Result, error)) error {
	err := s.inTx(ctx, func(tx bun.Tx) error {
		res, err := update(tx)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
		exists, err := tx.NewSelect().Model((*domain.OutboxMessage)(nil)).Where("id = ?", id).Exists(ctx)
		if err != nil {
			return err
		}
		if !exists {
			return domain.Errorf(domain.ENotFound, "Message introuvable.")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s %d: %w", what, id, err)
	}
	return nil
}

// OutboxFilter selects messages for the staff outbox page.
type OutboxFilter struct {
	// Status is OutboxAll (or empty), OutboxPending, OutboxSent or OutboxFailed.
	Status string
	// Limit defaults to 50 and is capped at 500.
	Limit  int
	Offset int
}

// OutboxMessages returns a page of messages in the given state, newest first,
// and how many messages are in that state in all.
func (s *Store) OutboxMessages(ctx context.Context, f OutboxFilter) ([]domain.OutboxMessage, int, error) {
	now := s.Now()
	limit, offset := f.Limit, max(f.Offset, 0)
	switch {
	case limit <= 0:
		limit = 50
	case limit > 500:
		limit = 500
	}
	filter := func(q *bun.SelectQuery) *bun.SelectQuery {
		switch f.Status {
		case OutboxPending:
			return q.Where("sent_at IS NULL").Where("(attempts < ? OR locked_until >= ?)", MaxOutboxAttempts, now)
		case OutboxSent:
			return q.Where("sent_at IS NOT NULL")
		case OutboxFailed:
			return q.Where("sent_at IS NULL").Where("attempts >= ?", MaxOutboxAttempts).
				Where("(locked_until IS NULL OR locked_until < ?)", now)
		}
		return q
	}
	switch f.Status {
	case "", OutboxAll, OutboxPending, OutboxSent, OutboxFailed:
	default:
		return nil, 0, domain.Errorf(domain.EInvalid, "État de message inconnu : « %s » (attendu : all, pending, sent ou failed).", f.Status)
	}
	var msgs []domain.OutboxMessage
	total, err := filter(s.db.NewSelect().Model(&msgs)).
		OrderExpr("created_at DESC, id DESC").Limit(int64(limit)).Offset(int64(offset)).ScanAndCount(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("list outbox: %w", err)
	}
	return msgs, int(total), nil
}

// DedupKeysTaken returns which of the given dedup keys some outbox message
// already carries.
func (s *Store) DedupKeysTaken(ctx context.Context, keys []string) (map[string]bool, error) {
	taken := make(map[string]bool)
	for chunk := range slices.Chunk(keys, 500) {
		var found []string
		err := s.db.NewSelect().Model((*domain.OutboxMessage)(nil)).Column("dedup_key").
			Where("dedup_key IN (?)", bun.List(chunk)).Scan(ctx, &found)
		if err != nil {
			return nil, fmt.Errorf("outbox dedup keys: %w", err)
		}
		for _, k := range found {
			taken[k] = true
		}
	}
	return taken, nil
}

// ReminderTarget is a draft candidature and the élu to remind of the deadline.
type ReminderTarget struct {
	CandidatureID    int64  `bun:"candidature_id"`
	Reference        string `bun:"reference"`
	CollectiviteName string `bun:"collectivite_name"`
	EluEmail         string `bun:"elu_email"`
	// EluName is the name given on the candidature, else the account's.
	EluName string `bun:"elu_name"`
}

// draftState is the candidature state workflow.Brouillon (this package cannot
// import workflow, which imports it).
const draftState = "brouillon"

// DraftReminderTargets lists a campaign's candidatures still in draft, with
// their élu's address, in id order.
func (s *Store) DraftReminderTargets(ctx context.Context, campaignID int64) ([]ReminderTarget, error) {
	var rows []ReminderTarget
	err := s.db.NewSelect().TableExpr("candidatures AS c").
		ColumnExpr("c.id AS candidature_id, c.reference, co.name AS collectivite_name, u.email AS elu_email").
		ColumnExpr("CASE WHEN c.elu_name <> '' THEN c.elu_name ELSE u.name END AS elu_name").
		Join("JOIN users AS u ON u.id = c.elu_user_id").
		Join("JOIN collectivites AS co ON co.id = c.collectivite_id").
		Where("c.campaign_id = ? AND c.state = ?", campaignID, draftState).
		OrderExpr("c.id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("draft reminder targets of campaign %d: %w", campaignID, err)
	}
	return rows, nil
}

// truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
