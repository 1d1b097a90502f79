package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// CreateCampaign inserts a campaign. Its year must be free.
func (s *Store) CreateCampaign(ctx context.Context, c *domain.Campaign) error {
	return s.inTx(ctx, func(tx bun.Tx) error { return createCampaign(ctx, tx, c, s.Now()) })
}

// CreateCampaign inserts a campaign inside the transaction.
func (t *Tx) CreateCampaign(ctx context.Context, c *domain.Campaign) error {
	return createCampaign(ctx, t.tx, c, t.Now())
}

func createCampaign(ctx context.Context, tx bun.IDB, c *domain.Campaign, now time.Time) error {
	c.CreatedAt, c.UpdatedAt, c.Version = now, now, 1
	c.OpensAt, c.ClosesAt = c.OpensAt.UTC(), c.ClosesAt.UTC()
	_, err := tx.NewInsert().Model(c).Returning("id").Exec(ctx)
	if isUniqueViolation(err) {
		return domain.Errorf(domain.EConflict, "Une campagne %d existe déjà.", c.Year)
	}
	return err
}

// Campaign returns a campaign by id.
func (s *Store) Campaign(ctx context.Context, id int64) (*domain.Campaign, error) {
	return s.campaignBy(ctx, s.db, "", "id = ?", id)
}

// CampaignByYear returns the campaign of a year.
func (s *Store) CampaignByYear(ctx context.Context, year int) (*domain.Campaign, error) {
	return s.campaignBy(ctx, s.db, "", "year = ?", year)
}

// Campaign returns a campaign by id inside the transaction, locked for
// update on PostgreSQL.
func (t *Tx) Campaign(ctx context.Context, id int64) (*domain.Campaign, error) {
	return t.s.campaignBy(ctx, t.tx, t.lock("UPDATE"), "id = ?", id)
}

// campaignBy reads a campaign, with the row lock given (FOR lock) unless it
// is empty; its questionnaire source comes from the cache when its hash is
// known (see questionnaireCache).
func (s *Store) campaignBy(ctx context.Context, db bun.IDB, lock string, where string, arg any) (*domain.Campaign, error) {
	c := new(domain.Campaign)
	q := db.NewSelect().Model(c).ExcludeColumn("questionnaire").Where(where, arg)
	if lock != "" {
		q = q.For(lock)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "Campagne introuvable.")
	}
	if err := s.withQuestionnaire(ctx, db, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Campaigns returns every campaign, the most recent first.
func (s *Store) Campaigns(ctx context.Context) ([]domain.Campaign, error) {
	var rows []domain.Campaign
	err := s.db.NewSelect().Model(&rows).ExcludeColumn("questionnaire").Order("year DESC").Scan(ctx)
	return rows, err
}

// CurrentCampaign returns the most recent campaign that is not archived, or a
// not-found error.
func (s *Store) CurrentCampaign(ctx context.Context) (*domain.Campaign, error) {
	c := new(domain.Campaign)
	err := s.db.NewSelect().Model(c).ExcludeColumn("questionnaire").Where("state <> ?", "archivee").Order("year DESC").Limit(1).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Aucune campagne en cours.")
	}
	if err := s.withQuestionnaire(ctx, s.db, c); err != nil {
		return nil, err
	}
	return c, nil
}

// CampaignsDue returns the campaigns in state whose column (opens_at or
// closes_at) is at or before t: the scheduler opens and closes them.
func (s *Store) CampaignsDue(ctx context.Context, state, column string, t time.Time) ([]domain.Campaign, error) {
	if column != "opens_at" && column != "closes_at" && column != "publish_at" {
		return nil, fmt.Errorf("CampaignsDue: unknown column %q", column)
	}
	var rows []domain.Campaign
	err := s.db.NewSelect().Model(&rows).ExcludeColumn("questionnaire").
		Where("state = ?", state).Where("? <= ?", bun.Ident(column), t.UTC()).Scan(ctx)
	return rows, err
}

// MarkCampaignPublished records the publication instant.
func (t *Tx) MarkCampaignPublished(ctx context.Context, id int64, at time.Time) error {
	_, err := t.tx.NewUpdate().Model((*domain.Campaign)(nil)).
		Set("published_at = ?", at.UTC()).Where("id = ?", id).Exec(ctx)
	return err
}

// CampaignShared returns a campaign inside the transaction with a key-share
// lock on PostgreSQL: candidature transitions read their campaign together
// without waiting for one another, while a campaign transition (which locks
// it for update) waits for them, and they for it — a deposit cannot commit
// in a campaign closed meanwhile. SQLite transactions are serialised.
func (t *Tx) CampaignShared(ctx context.Context, id int64) (*domain.Campaign, error) {
	return t.s.campaignBy(ctx, t.tx, t.lock("KEY SHARE"), "id = ?", id)
}

// SetCampaignDates changes a campaign's opening and closing instants inside
// the transaction, if nobody changed the campaign since version.
func (t *Tx) SetCampaignDates(ctx context.Context, id int64, version int, opens, closes time.Time) error {
	res, err := t.tx.NewUpdate().Model((*domain.Campaign)(nil)).
		Set("opens_at = ?", opens.UTC()).Set("closes_at = ?", closes.UTC()).
		Set("updated_at = ?", t.Now()).Set("version = version + 1").
		Where("id = ? AND version = ?", id, version).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.EConflict, "La campagne a été modifiée entre-temps : relisez-la et recommencez.")
	}
	return nil
}
