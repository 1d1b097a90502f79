package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// JuryRun is the record of one automatic assignment run: its parameters
// (per candidature, seed…), its figures and the pairs it changed, as JSON.
type JuryRun struct {
	bun.BaseModel `bun:"table:jury_runs"`

	ID         int64     `bun:"id,pk,autoincrement"`
	CampaignID int64     `bun:"campaign_id,notnull"`
	Parameters string    `bun:"parameters,notnull"`
	Figures    string    `bun:"figures,notnull"`
	Changes    string    `bun:"changes,notnull"`
	ActorLabel string    `bun:"actor_label,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// AddJuryRun records a run inside the transaction that applies it.
func (t *Tx) AddJuryRun(ctx context.Context, r *JuryRun) error {
	r.CreatedAt = t.Now()
	_, err := t.tx.NewInsert().Model(r).Returning("id").Exec(ctx)
	return err
}

// LatestJuryRun returns a campaign's latest run, or a not-found error.
func (s *Store) LatestJuryRun(ctx context.Context, campaignID int64) (*JuryRun, error) {
	r := new(JuryRun)
	err := s.db.NewSelect().Model(r).Where("campaign_id = ?", campaignID).Order("id DESC").Limit(1).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Aucune affectation automatique pour cette campagne.")
	}
	return r, nil
}
