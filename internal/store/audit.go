package store

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
)

// AddAudit appends one row to the audit trail.
func (t *Tx) AddAudit(ctx context.Context, e *domain.AuditEntry) error {
	e.CreatedAt = t.Now()
	_, err := t.tx.NewInsert().Model(e).Returning("id").Exec(ctx)
	return err
}

// AddAudits appends many rows to the audit trail at once.
func (t *Tx) AddAudits(ctx context.Context, entries []domain.AuditEntry) error {
	now := t.Now()
	for i := range entries {
		entries[i].CreatedAt = now
	}
	for start := 0; start < len(entries); start += territoryBatch {
		batch := entries[start:min(start+territoryBatch, len(entries))]
		if _, err := t.tx.NewInsert().Model(&batch).Returning("NULL").Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// AuditTrail returns a subject's audit trail, oldest first.
func (s *Store) AuditTrail(ctx context.Context, subjectType string, subjectID int64) ([]domain.AuditEntry, error) {
	var rows []domain.AuditEntry
	err := s.db.NewSelect().Model(&rows).
		Where("subject_type = ? AND subject_id = ?", subjectType, subjectID).
		Order("id").Scan(ctx)
	return rows, err
}
