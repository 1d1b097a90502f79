package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// PutAnswer saves one answer if nobody saved it since the caller read it:
// expectedVersion is the version the caller saw (0 for "no answer yet").
// On success a.Version is the new version. Otherwise it returns a conflict
// error whose Current is a *domain.AnswerConflict.
func (t *Tx) PutAnswer(ctx context.Context, a *domain.Answer, expectedVersion int) error {
	a.UpdatedAt = t.Now()
	if expectedVersion == 0 {
		a.Version = 1
		res, err := t.tx.NewInsert().Model(a).On("CONFLICT (candidature_id, question_key) DO NOTHING").Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		return t.answerConflict(ctx, a.CandidatureID, a.QuestionKey)
	}
	res, err := t.tx.NewUpdate().Model((*domain.Answer)(nil)).
		Set("value = ?", string(a.Value)).
		Set("questionnaire_version = ?", a.QuestionnaireVersion).
		Set("updated_by = ?", a.UpdatedBy).
		Set("updated_at = ?", a.UpdatedAt).
		Set("version = version + 1").
		Where("candidature_id = ? AND question_key = ? AND version = ?", a.CandidatureID, a.QuestionKey, expectedVersion).
		Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		a.Version = expectedVersion + 1
		return nil
	}
	return t.answerConflict(ctx, a.CandidatureID, a.QuestionKey)
}

// PutAnswerIfEditable saves one answer in a single statement, without a
// transaction of its own, in the common case: the candidature is in one of
// the given states (checked under a share lock on PostgreSQL, as a
// transition would take) and the answer is at expectedVersion (absent for
// 0) with another value. On success a.Version is the new version. In any
// other case it writes nothing and returns false: the caller examines the
// case in a transaction (Tx.PutAnswer). On PostgreSQL it is a prepared
// statement (see prepared.go).
func (s *Store) PutAnswerIfEditable(ctx context.Context, a *domain.Answer, expectedVersion int, states []string) (bool, error) {
	a.UpdatedAt = s.Now()
	var res sql.Result
	var err error
	switch {
	case s.loc.Dialect == Postgres && expectedVersion == 0:
		res, err = s.execPrepared(ctx, pgInsertAnswerIfEditable,
			a.QuestionKey, string(a.Value), a.QuestionnaireVersion, a.UpdatedBy, a.UpdatedAt, a.CandidatureID, states)
	case s.loc.Dialect == Postgres:
		res, err = s.execPrepared(ctx, pgUpdateAnswerIfEditable,
			string(a.Value), a.QuestionnaireVersion, a.UpdatedBy, a.UpdatedAt, a.CandidatureID, a.QuestionKey, expectedVersion, states)
	case expectedVersion == 0:
		res, err = s.db.NewRaw(`INSERT INTO answers (candidature_id, question_key, value, questionnaire_version, updated_by, updated_at, version)
			SELECT c.id, ?, ?, ?, ?, ?, 1 FROM candidatures AS c WHERE c.id = ? AND c.state IN (?)
			ON CONFLICT (candidature_id, question_key) DO NOTHING`,
			a.QuestionKey, string(a.Value), a.QuestionnaireVersion, a.UpdatedBy, a.UpdatedAt, a.CandidatureID, bun.List(states)).Exec(ctx)
	default:
		res, err = s.db.NewRaw(`UPDATE answers SET value = ?, questionnaire_version = ?, updated_by = ?, updated_at = ?, version = version + 1
			WHERE candidature_id = ? AND question_key = ? AND version = ? AND value <> ?
			AND candidature_id IN (SELECT id FROM candidatures WHERE id = ? AND state IN (?))`,
			string(a.Value), a.QuestionnaireVersion, a.UpdatedBy, a.UpdatedAt,
			a.CandidatureID, a.QuestionKey, expectedVersion, string(a.Value), a.CandidatureID, bun.List(states)).Exec(ctx)
	}
	if err != nil {
		return false, mapError(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return false, nil
	}
	a.Version = expectedVersion + 1
	return true, nil
}

// DeleteAnswer clears an answer if it is still at expectedVersion.
func (t *Tx) DeleteAnswer(ctx context.Context, candidatureID int64, key string, expectedVersion int) error {
	res, err := t.tx.NewDelete().Model((*domain.Answer)(nil)).
		Where("candidature_id = ? AND question_key = ? AND version = ?", candidatureID, key, expectedVersion).
		Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	return t.answerConflict(ctx, candidatureID, key)
}

func (t *Tx) answerConflict(ctx context.Context, candidatureID int64, key string) error {
	cur := new(domain.Answer)
	err := t.tx.NewSelect().Model(cur).Where("candidature_id = ? AND question_key = ?", candidatureID, key).Scan(ctx)
	conflict := &domain.AnswerConflict{}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Someone cleared it.
	case err != nil:
		return err
	default:
		conflict.Answer = cur
		if u, err := userBy(ctx, t.tx, "id = ?", cur.UpdatedBy); err == nil {
			conflict.UpdatedBy = u
		}
	}
	return &domain.Error{
		Code:    domain.EConflict,
		Message: "Cette réponse a été modifiée par quelqu’un d’autre pendant que vous la saisissiez.",
		Current: conflict,
	}
}

// OverwriteAnswer writes an answer whatever its current version (for the
// élu's attestation, which nobody else writes), bumping the version.
func (t *Tx) OverwriteAnswer(ctx context.Context, a *domain.Answer) error {
	a.UpdatedAt, a.Version = t.Now(), 1
	_, err := t.tx.NewInsert().Model(a).
		On("CONFLICT (candidature_id, question_key) DO UPDATE").
		Set("value = EXCLUDED.value").Set("questionnaire_version = EXCLUDED.questionnaire_version").
		Set("updated_by = EXCLUDED.updated_by").Set("updated_at = EXCLUDED.updated_at").
		Set("version = answer.version + 1").
		Exec(ctx)
	return err
}

// DeleteAnswers removes the given answers (hidden ones, when submitting).
func (t *Tx) DeleteAnswers(ctx context.Context, candidatureID int64, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	_, err := t.tx.NewDelete().Model((*domain.Answer)(nil)).
		Where("candidature_id = ? AND question_key IN (?)", candidatureID, bun.List(keys)).Exec(ctx)
	return err
}

// Answers returns a candidature's answers.
func (s *Store) Answers(ctx context.Context, candidatureID int64) ([]domain.Answer, error) {
	return answers(ctx, s.db, candidatureID)
}

// Answers returns a candidature's answers inside the transaction.
func (t *Tx) Answers(ctx context.Context, candidatureID int64) ([]domain.Answer, error) {
	return answers(ctx, t.tx, candidatureID)
}

func answers(ctx context.Context, db bun.IDB, candidatureID int64) ([]domain.Answer, error) {
	var rows []domain.Answer
	err := db.NewSelect().Model(&rows).Where("candidature_id = ?", candidatureID).Order("question_key").Scan(ctx)
	return rows, err
}
