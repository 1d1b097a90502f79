package store

import (
	"context"
	"time"

	"github.com/adullact/tnl/internal/domain"
)

// AddAudit appends one row to the audit trail, chained to its subject's
// previous row (see auditchain.go).
func (t *Tx) AddAudit(ctx context.Context, e *domain.AuditEntry) error {
	e.CreatedAt = t.Now()
	heads, err := link(ctx, t.tx, []*domain.AuditEntry{e})
	if err != nil {
		return err
	}
	if _, err := t.tx.NewInsert().Model(e).Returning("id").Exec(ctx); err != nil {
		return err
	}
	return storeHeads(ctx, t.tx, heads)
}

// AddAudits appends many rows to the audit trail at once, each chained to
// its subject's previous row, in the order given.
func (t *Tx) AddAudits(ctx context.Context, entries []domain.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	now := t.Now()
	ptrs := make([]*domain.AuditEntry, len(entries))
	for i := range entries {
		entries[i].CreatedAt = now
		ptrs[i] = &entries[i]
	}
	heads, err := link(ctx, t.tx, ptrs)
	if err != nil {
		return err
	}
	for start := 0; start < len(entries); start += territoryBatch {
		batch := entries[start:min(start+territoryBatch, len(entries))]
		if _, err := t.tx.NewInsert().Model(&batch).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
	}
	return storeHeads(ctx, t.tx, heads)
}

// AuditedSince tells whether a subject's trail has a row of this event by
// this actor since the instant (a record written once a day).
func (t *Tx) AuditedSince(ctx context.Context, subjectType string, subjectID int64, event string, actorID int64, since time.Time) (bool, error) {
	return t.tx.NewSelect().Model((*domain.AuditEntry)(nil)).
		Where("subject_type = ? AND subject_id = ? AND event = ? AND actor_id = ? AND created_at >= ?", subjectType, subjectID, event, actorID, since.UTC()).
		Exists(ctx)
}

// AuditTrail returns a subject's audit trail, oldest first.
func (s *Store) AuditTrail(ctx context.Context, subjectType string, subjectID int64) ([]domain.AuditEntry, error) {
	var rows []domain.AuditEntry
	err := s.db.NewSelect().Model(&rows).
		Where("subject_type = ? AND subject_id = ?", subjectType, subjectID).
		Order("id").Scan(ctx)
	return rows, err
}
