package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// InsertEvidence stores a file in the caller's transaction.
func (t *Tx) InsertEvidence(ctx context.Context, e *domain.Evidence) error {
	e.CreatedAt = t.Now()
	_, err := t.tx.NewInsert().Model(e).Returning("id").Exec(ctx)
	return err
}

// DeleteEvidence removes a file in the caller's transaction.
func (t *Tx) DeleteEvidence(ctx context.Context, id int64) error {
	_, err := t.tx.NewDelete().Model((*domain.Evidence)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// DeleteQuestionsEvidence removes the files attached to the given questions
// (hidden ones, when submitting), in the caller's transaction.
func (t *Tx) DeleteQuestionsEvidence(ctx context.Context, candidatureID int64, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	_, err := t.tx.NewDelete().Model((*domain.Evidence)(nil)).
		Where("candidature_id = ? AND question_key IN (?)", candidatureID, bun.List(keys)).Exec(ctx)
	return err
}

// lockedAnswerRow is a candidature's state with one of its answers, absent
// when every answer column is NULL.
type lockedAnswerRow struct {
	State                string     `bun:"state"`
	Value                *string    `bun:"value"`
	QuestionnaireVersion *string    `bun:"questionnaire_version"`
	UpdatedBy            *int64     `bun:"updated_by"`
	UpdatedAt            *time.Time `bun:"updated_at"`
	Version              *int       `bun:"version"`
}

// LockAnswer locks the candidature against transitions (on PostgreSQL a
// share lock, which other answer saves also take; SQLite transactions are
// serialised already) and returns its state and its current answer to the
// question, nil when there is none: what saving an answer checks, in one
// statement.
func (t *Tx) LockAnswer(ctx context.Context, candidatureID int64, key string) (string, *domain.Answer, error) {
	var row lockedAnswerRow
	q := t.tx.NewSelect().TableExpr("candidatures AS c").
		ColumnExpr("c.state, a.value, a.questionnaire_version, a.updated_by, a.updated_at, a.version").
		Join("LEFT JOIN answers AS a ON a.candidature_id = c.id AND a.question_key = ?", key).
		Where("c.id = ?", candidatureID)
	if lock := t.lock("SHARE"); lock != "" {
		q = q.For(lock + " OF c")
	}
	if err := q.Scan(ctx, &row); err != nil {
		return "", nil, notFound(err, "Candidature introuvable.")
	}
	if row.Version == nil {
		return row.State, nil, nil
	}
	a := &domain.Answer{CandidatureID: candidatureID, QuestionKey: key, Version: *row.Version}
	if row.Value != nil {
		a.Value = []byte(*row.Value)
	}
	if row.QuestionnaireVersion != nil {
		a.QuestionnaireVersion = *row.QuestionnaireVersion
	}
	if row.UpdatedBy != nil {
		a.UpdatedBy = *row.UpdatedBy
	}
	if row.UpdatedAt != nil {
		a.UpdatedAt = *row.UpdatedAt
	}
	return row.State, a, nil
}

// Evidence returns one file with its content.
func (s *Store) Evidence(ctx context.Context, id int64) (*domain.Evidence, error) {
	e := new(domain.Evidence)
	if err := s.db.NewSelect().Model(e).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFound(err, "Pièce justificative introuvable.")
	}
	return e, nil
}

// EvidenceList returns a candidature's files without their content.
func (s *Store) EvidenceList(ctx context.Context, candidatureID int64) ([]domain.Evidence, error) {
	var rows []domain.Evidence
	err := s.db.NewSelect().Model(&rows).ExcludeColumn("data").
		Where("candidature_id = ?", candidatureID).Order("question_key", "id").Scan(ctx)
	return rows, err
}
