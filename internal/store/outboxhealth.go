package store

import (
	"context"
	"time"
)

// OutboxHealth is what the metrics tell of the outbox.
type OutboxHealth struct {
	Pending int64 // to be sent (waiting, retrying or being sent)
	Failed  int64 // given up after MaxOutboxAttempts attempts
	// OldestPending is when the oldest pending message was written (zero
	// when none is pending).
	OldestPending time.Time
}

// OutboxHealth counts the unsent messages and finds the oldest pending
// one (the unsent messages only, through their index).
func (s *Store) OutboxHealth(ctx context.Context) (OutboxHealth, error) {
	var h OutboxHealth
	var counts struct {
		Pending int64 `bun:"pending"`
		Failed  int64 `bun:"failed"`
	}
	err := s.db.NewSelect().TableExpr("outbox").
		ColumnExpr("COALESCE(SUM(CASE WHEN attempts < ? THEN 1 ELSE 0 END), 0) AS pending", MaxOutboxAttempts).
		ColumnExpr("COALESCE(SUM(CASE WHEN attempts >= ? THEN 1 ELSE 0 END), 0) AS failed", MaxOutboxAttempts).
		Where("sent_at IS NULL").Scan(ctx, &counts)
	if err != nil {
		return h, err
	}
	h.Pending, h.Failed = counts.Pending, counts.Failed
	var oldest []struct {
		CreatedAt time.Time `bun:"created_at"`
	}
	err = s.db.NewSelect().TableExpr("outbox").Column("created_at").
		Where("sent_at IS NULL AND attempts < ?", MaxOutboxAttempts).OrderExpr("created_at, id").Limit(1).Scan(ctx, &oldest)
	if err != nil {
		return h, err
	}
	if len(oldest) == 1 {
		h.OldestPending = oldest[0].CreatedAt
	}
	return h, nil
}
