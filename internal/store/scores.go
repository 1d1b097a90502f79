package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// CandidatureScore is the questionnaire's automatic score of a deposited
// candidature, kept for the jury's ranking and the assignment's profiles.
type CandidatureScore struct {
	bun.BaseModel `bun:"table:candidature_scores"`

	CandidatureID int64   `bun:"candidature_id,pk"`
	Total         float64 `bun:"total,notnull"`
	Max           float64 `bun:"max,notnull"`
	Level         int     `bun:"level,notnull"`
	// Themes are the weighted points per theme, in the questionnaire's
	// theme order, space-separated.
	Themes     string    `bun:"themes,notnull"`
	LeadTheme  string    `bun:"lead_theme,notnull"` // the theme the candidature does best in (share of its weight)
	ComputedAt time.Time `bun:"computed_at,notnull"`
}

// PutCandidatureScores stores automatic scores (replacing older ones).
func (t *Tx) PutCandidatureScores(ctx context.Context, scores ...CandidatureScore) error {
	now := t.Now()
	for start := 0; start < len(scores); start += territoryBatch {
		batch := scores[start:min(start+territoryBatch, len(scores))]
		for i := range batch {
			batch[i].ComputedAt = now
		}
		_, err := t.tx.NewInsert().Model(&batch).On("CONFLICT (candidature_id) DO UPDATE").
			Set("total = EXCLUDED.total").Set("max = EXCLUDED.max").Set("level = EXCLUDED.level").
			Set("themes = EXCLUDED.themes").Set("lead_theme = EXCLUDED.lead_theme").Set("computed_at = EXCLUDED.computed_at").Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}

// PutCandidatureScores is Tx.PutCandidatureScores in its own transaction.
func (s *Store) PutCandidatureScores(ctx context.Context, scores ...CandidatureScore) error {
	return s.InTx(ctx, func(tx *Tx) error { return tx.PutCandidatureScores(ctx, scores...) })
}

// CandidatureScores returns the stored automatic scores of a campaign's
// candidatures, by candidature id.
func (s *Store) CandidatureScores(ctx context.Context, campaignID int64) (map[int64]CandidatureScore, error) {
	var rows []CandidatureScore
	err := s.db.NewSelect().Model(&rows).ColumnExpr("candidature_score.*").
		Join("JOIN candidatures AS c ON c.id = candidature_score.candidature_id").
		Where("c.campaign_id = ?", campaignID).Scan(ctx)
	out := make(map[int64]CandidatureScore, len(rows))
	for _, r := range rows {
		out[r.CandidatureID] = r
	}
	return out, err
}

// CandidatureScore returns a candidature's stored automatic score, or a
// not-found error.
func (s *Store) CandidatureScore(ctx context.Context, candidatureID int64) (*CandidatureScore, error) {
	sc := new(CandidatureScore)
	if err := s.db.NewSelect().Model(sc).Where("candidature_id = ?", candidatureID).Scan(ctx); err != nil {
		return nil, notFound(err, "Score non calculé.")
	}
	return sc, nil
}

// UnscoredCandidatures returns the ids of a campaign's candidatures in the
// given states that have no stored automatic score (deposited before the
// scores were kept).
func (s *Store) UnscoredCandidatures(ctx context.Context, campaignID int64, states []string) ([]int64, error) {
	var ids []int64
	err := s.db.NewSelect().TableExpr("candidatures AS c").Column("c.id").
		Where("c.campaign_id = ? AND c.state IN (?)", campaignID, bun.List(states)).
		Where("NOT EXISTS (SELECT 1 FROM candidature_scores AS s WHERE s.candidature_id = c.id)").
		OrderExpr("c.id").Scan(ctx, &ids)
	return ids, err
}

// SetComplementDue records, inside the transaction, the reply deadline of
// a complement request (nil clears it).
func (t *Tx) SetComplementDue(ctx context.Context, candidatureID int64, due *time.Time) error {
	q := t.tx.NewUpdate().TableExpr("candidatures").Where("id = ?", candidatureID)
	if due == nil {
		q = q.Set("complement_due_at = NULL")
	} else {
		q = q.Set("complement_due_at = ?", due.UTC())
	}
	_, err := q.Exec(ctx)
	return err
}

// ComplementsDue lists the candidatures waiting for a complement whose
// reply deadline has passed at now, with their versions.
func (s *Store) ComplementsDue(ctx context.Context, state string, now time.Time) ([][2]int64, error) {
	var rows []struct {
		ID      int64 `bun:"id"`
		Version int64 `bun:"version"`
	}
	err := s.db.NewSelect().TableExpr("candidatures").Column("id", "version").
		Where("state = ? AND complement_due_at IS NOT NULL AND complement_due_at <= ?", state, now.UTC()).
		Order("id").Scan(ctx, &rows)
	out := make([][2]int64, len(rows))
	for i, r := range rows {
		out[i] = [2]int64{r.ID, r.Version}
	}
	return out, err
}

// RankedCandidature is a candidature as the jury's ranking lists it.
type RankedCandidature struct {
	ID               int64                   `bun:"id"`
	Reference        string                  `bun:"reference"`
	State            string                  `bun:"state"`
	CollectiviteName string                  `bun:"collectivite_name"`
	CollectiviteKind domain.CollectiviteKind `bun:"collectivite_kind"`
}

// RankedCandidatures lists a campaign's candidatures in the given states
// for the ranking, in id order: five columns, one join.
func (s *Store) RankedCandidatures(ctx context.Context, campaignID int64, states []string) ([]RankedCandidature, error) {
	var rows []RankedCandidature
	err := s.db.NewSelect().TableExpr("candidatures AS c").
		ColumnExpr("c.id, c.reference, c.state, co.name AS collectivite_name, co.kind AS collectivite_kind").
		Join("JOIN collectivites AS co ON co.id = c.collectivite_id").
		Where("c.campaign_id = ? AND c.state IN (?)", campaignID, bun.List(states)).
		OrderExpr("c.id").Scan(ctx, &rows)
	return rows, err
}

// EvaluationCounts counts a campaign's evaluations (assigned ones, any
// state) per candidature.
func (s *Store) EvaluationCounts(ctx context.Context, campaignID int64) (map[int64]int, error) {
	var rows []struct {
		CandidatureID int64 `bun:"candidature_id"`
		N             int   `bun:"n"`
	}
	err := s.db.NewSelect().TableExpr("evaluations").ColumnExpr("candidature_id, count(*) AS n").
		Where("campaign_id = ?", campaignID).GroupExpr("candidature_id").Scan(ctx, &rows)
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.CandidatureID] = r.N
	}
	return out, err
}
