package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// SetState moves a subject of a lifecycle's table from one state to another
// if, and only if, it is still at the given version; it then bumps the
// version. Otherwise it returns a conflict error: someone else changed it
// first. The table name comes from a registered definition, never from a
// request.
func (t *Tx) SetState(ctx context.Context, table string, id int64, from, to string, version int) error {
	res, err := t.tx.NewUpdate().Table(table).
		Set("state = ?", to).
		Set("version = version + 1").
		Set("updated_at = ?", t.Now()).
		Where("id = ? AND state = ? AND version = ?", id, from, version).
		Exec(ctx)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return &domain.Error{Code: domain.EConflict,
			Message: "Quelqu’un a modifié ce dossier en même temps que vous : rechargez la page pour voir son état actuel."}
	}
	return nil
}

// SetStates moves many subjects of a table from one state to another,
// bumping their versions, in batches; unless every one of them was still in
// that state (they are read under lock by the caller), it returns a
// conflict error and the caller's transaction rolls back.
func (t *Tx) SetStates(ctx context.Context, table string, ids []int64, from, to string) error {
	for start := 0; start < len(ids); start += territoryBatch {
		batch := ids[start:min(start+territoryBatch, len(ids))]
		res, err := t.tx.NewUpdate().Table(table).
			Set("state = ?", to).
			Set("version = version + 1").
			Set("updated_at = ?", t.Now()).
			Where("id IN (?) AND state = ?", bun.List(batch), from).
			Exec(ctx)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if int(n) != len(batch) {
			return &domain.Error{Code: domain.EConflict, Message: "Des éléments ont changé pendant l’opération : réessayez."}
		}
	}
	return nil
}

// Submission is what a deposit records: when, the élu's attestation, and
// the fingerprint of the answers as deposited.
type Submission struct {
	At               time.Time
	EluName, Mandate string
	Answers, Files   int
	SHA256           string
}

// MarkSubmitted records the élu's attestation, the submission instant and
// the fingerprint of the answers.
func (t *Tx) MarkSubmitted(ctx context.Context, id int64, s Submission) error {
	return t.updateCandidature(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("submitted_at = ?", s.At.UTC()).Set("attested_at = ?", s.At.UTC()).
			Set("elu_name = ?", s.EluName).Set("elu_mandate = ?", s.Mandate).
			Set("submitted_answers = ?", s.Answers).Set("submitted_files = ?", s.Files).Set("submitted_hash = ?", s.SHA256)
	})
}

// ClearSubmission forgets the submission when the élu takes it back.
func (t *Tx) ClearSubmission(ctx context.Context, id int64) error {
	return t.updateCandidature(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("submitted_at = NULL").Set("attested_at = NULL").
			Set("submitted_answers = NULL").Set("submitted_files = NULL").Set("submitted_hash = NULL")
	})
}

// SetReason records why a candidature was declared irrecevable or withdrawn.
func (t *Tx) SetReason(ctx context.Context, id int64, reason string) error {
	return t.updateCandidature(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("reason = ?", reason)
	})
}

// SetDecision records the jury's deliberation: level (0 = no level),
// public motivation and special mentions.
func (t *Tx) SetDecision(ctx context.Context, id int64, d Decision) error {
	if d.Mentions == nil {
		d.Mentions = []string{}
	}
	return t.updateCandidature(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("level = ?", d.Level).Set("motivation = ?", d.Motivation).
			Set("mentions = ?", jsonText(d.Mentions)).Set("private_note = ?", d.Note)
	})
}

// Decision is the jury's deliberation on a candidature.
type Decision struct {
	Level      int // 0: no award
	Mentions   []string
	Motivation string // public
	Note       string // private
}

func (t *Tx) updateCandidature(ctx context.Context, id int64, set func(*bun.UpdateQuery) *bun.UpdateQuery) error {
	_, err := set(t.tx.NewUpdate().Model((*domain.Candidature)(nil))).Where("id = ?", id).Exec(ctx)
	return err
}

// SetTrack moves a candidature to a track (from the Badge to the label).
func (t *Tx) SetTrack(ctx context.Context, id int64, track string) error {
	return t.updateCandidature(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("track = ?", track)
	})
}
