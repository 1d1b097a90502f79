package store

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
	"github.com/uptrace/bun"
)

// AddMessage appends a message and its files to a candidature's thread, in
// the caller's transaction.
func (t *Tx) AddMessage(ctx context.Context, m *domain.Message) error {
	m.CreatedAt = t.Now()
	if _, err := t.tx.NewInsert().Model(m).Returning("id").Exec(ctx); err != nil {
		return err
	}
	for i := range m.Files {
		m.Files[i].MessageID = m.ID
	}
	if len(m.Files) > 0 {
		if _, err := t.tx.NewInsert().Model(&m.Files).Returning("id").Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Messages returns a candidature's thread, oldest first, with the names
// and sizes of their files (not their content).
func (s *Store) Messages(ctx context.Context, candidatureID int64) ([]domain.Message, error) {
	var rows []domain.Message
	err := s.db.NewSelect().Model(&rows).
		Relation("Files", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.ExcludeColumn("data").Order("message_file.id")
		}).
		Where("message.candidature_id = ?", candidatureID).Order("message.id").Scan(ctx)
	return rows, err
}

// MessageFile returns one file of a candidature's thread, with its content.
func (s *Store) MessageFile(ctx context.Context, candidatureID, fileID int64) (*domain.MessageFile, error) {
	f := new(domain.MessageFile)
	err := s.db.NewSelect().Model(f).
		Join("JOIN messages AS m ON m.id = message_file.message_id").
		Where("message_file.id = ? AND m.candidature_id = ?", fileID, candidatureID).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Fichier introuvable.")
	}
	return f, nil
}
