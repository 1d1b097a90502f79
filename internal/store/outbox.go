package store

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
)

// Enqueue writes notifications to the outbox inside the transaction whose
// change they announce. A message whose DedupKey was already used is dropped.
func (t *Tx) Enqueue(ctx context.Context, msgs ...*domain.OutboxMessage) error {
	now := t.Now()
	for _, m := range msgs {
		m.CreatedAt = now
		if m.NextAttemptAt.IsZero() {
			m.NextAttemptAt = now
		}
		q := t.tx.NewInsert().Model(m)
		if m.DedupKey != nil {
			q = q.On("CONFLICT (dedup_key) DO NOTHING")
		}
		if _, err := q.Returning("id").Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
