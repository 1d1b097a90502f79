package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// subjectTables maps workflow subject types to their tables.
var subjectTables = map[string]string{
	"candidature": "candidatures",
	"campagne":    "campaigns",
}

// SetState moves a subject from one state to another if, and only if, it is
// still at the given version; it then bumps the version. Otherwise it
// returns a conflict error: someone else changed it first.
func (t *Tx) SetState(ctx context.Context, subjectType string, id int64, from, to string, version int) error {
	table, ok := subjectTables[subjectType]
	if !ok {
		return fmt.Errorf("SetState: unknown subject type %q", subjectType)
	}
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
func (t *Tx) SetDecision(ctx context.Context, id int64, level int, motivation string, mentions []string) error {
	if mentions == nil {
		mentions = []string{}
	}
	return t.updateCandidature(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("level = ?", level).Set("motivation = ?", motivation).Set("mentions = ?", jsonText(mentions))
	})
}

func (t *Tx) updateCandidature(ctx context.Context, id int64, set func(*bun.UpdateQuery) *bun.UpdateQuery) error {
	_, err := set(t.tx.NewUpdate().Model((*domain.Candidature)(nil))).Where("id = ?", id).Exec(ctx)
	return err
}

// MoveCandidatures moves every candidature of a campaign from one state to
// another, bumping versions, and returns them as they were before the move.
// Used when a campaign publishes its results.
func (t *Tx) MoveCandidatures(ctx context.Context, campaignID int64, from, to string) ([]domain.Candidature, error) {
	var rows []domain.Candidature
	err := t.tx.NewSelect().Model(&rows).Where("campaign_id = ? AND state = ?", campaignID, from).Order("id").Scan(ctx)
	if err != nil || len(rows) == 0 {
		return rows, err
	}
	res, err := t.tx.NewUpdate().Model((*domain.Candidature)(nil)).
		Set("state = ?", to).Set("version = version + 1").Set("updated_at = ?", t.Now()).
		Where("campaign_id = ? AND state = ?", campaignID, from).Exec(ctx)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); int(n) != len(rows) {
		return nil, &domain.Error{Code: domain.EConflict, Message: "Des candidatures ont changé pendant la publication : réessayez."}
	}
	return rows, nil
}
