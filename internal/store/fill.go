package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// FillCandidature is one candidature inserted in bulk by « tnl demo fill »,
// with its élu's account, its answers and its automatic score.
type FillCandidature struct {
	EluEmail, EluName string
	Candidature       domain.Candidature
	Answers           []domain.Answer
	Score             CandidatureScore
}

// fillBatch is how many candidatures one transaction of a fill writes.
const fillBatch = 500

// FillCandidatures inserts candidatures in bulk, in batches of 500 per
// transaction: accounts (an existing address is reused), candidatures,
// their élu as member, answers and scores, a few statements per batch.
func (s *Store) FillCandidatures(ctx context.Context, rows []FillCandidature) error {
	for start := 0; start < len(rows); start += fillBatch {
		batch := rows[start:min(start+fillBatch, len(rows))]
		err := s.InTx(ctx, func(tx *Tx) error { return tx.fillBatch(ctx, batch) })
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) fillBatch(ctx context.Context, batch []FillCandidature) error {
	now := t.Now()
	users := make([]domain.User, len(batch))
	emails := make([]string, len(batch))
	for i, r := range batch {
		users[i] = domain.User{Email: r.EluEmail, Name: r.EluName, Role: domain.RoleMember, EmailVerifiedAt: &now, CreatedAt: now, Version: 1}
		emails[i] = r.EluEmail
	}
	if _, err := t.tx.NewInsert().Model(&users).On("CONFLICT (email) DO NOTHING").Returning("NULL").Exec(ctx); err != nil {
		return err
	}
	ids, err := t.idsBy(ctx, "users", "email", emails)
	if err != nil {
		return err
	}
	cands := make([]domain.Candidature, len(batch))
	refs := make([]string, len(batch))
	for i, r := range batch {
		c := r.Candidature
		c.EluUserID = ids[r.EluEmail]
		c.CreatedAt, c.UpdatedAt, c.Version = now, now, 1
		if c.Mentions == nil {
			c.Mentions = []string{}
		}
		cands[i], refs[i] = c, c.Reference
	}
	if _, err := t.tx.NewInsert().Model(&cands).Returning("NULL").Exec(ctx); err != nil {
		return err
	}
	cids, err := t.idsBy(ctx, "candidatures", "reference", refs)
	if err != nil {
		return err
	}
	members := make([]candidatureMember, len(batch))
	var answers []domain.Answer
	scores := make([]CandidatureScore, len(batch))
	for i, r := range batch {
		cid := cids[r.Candidature.Reference]
		members[i] = candidatureMember{CandidatureID: cid, UserID: ids[r.EluEmail], Role: domain.MemberElu, CreatedAt: now}
		for _, a := range r.Answers {
			a.CandidatureID, a.UpdatedBy, a.UpdatedAt, a.Version = cid, ids[r.EluEmail], now, 1
			answers = append(answers, a)
		}
		scores[i] = r.Score
		scores[i].CandidatureID, scores[i].ComputedAt = cid, now
	}
	if _, err := t.tx.NewInsert().Model(&members).Exec(ctx); err != nil {
		return err
	}
	for start := 0; start < len(answers); start += 2 * territoryBatch {
		part := answers[start:min(start+2*territoryBatch, len(answers))]
		if _, err := t.tx.NewInsert().Model(&part).Exec(ctx); err != nil {
			return err
		}
	}
	_, err = t.tx.NewInsert().Model(&scores).Exec(ctx)
	return err
}

// idsBy maps the values of a unique column to their rows' ids.
func (t *Tx) idsBy(ctx context.Context, table, column string, values []string) (map[string]int64, error) {
	var rows []struct {
		ID  int64  `bun:"id"`
		Key string `bun:"k"`
	}
	err := t.tx.NewSelect().TableExpr(table).ColumnExpr("id").ColumnExpr("? AS k", bun.Ident(column)).
		Where("? IN (?)", bun.Ident(column), bun.List(values)).Scan(ctx, &rows)
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Key] = r.ID
	}
	return out, err
}

// FillUsers creates accounts in bulk (an existing address is kept) and
// returns every address's id.
func (s *Store) FillUsers(ctx context.Context, users []domain.User) (map[string]int64, error) {
	out := map[string]int64{}
	err := s.InTx(ctx, func(tx *Tx) error {
		now := tx.Now()
		emails := make([]string, len(users))
		for i := range users {
			users[i].CreatedAt, users[i].Version = now, 1
			if users[i].Role == "" {
				users[i].Role = domain.RoleMember
			}
			emails[i] = users[i].Email
		}
		for start := 0; start < len(users); start += territoryBatch {
			batch := users[start:min(start+territoryBatch, len(users))]
			if _, err := tx.tx.NewInsert().Model(&batch).On("CONFLICT (email) DO NOTHING").Returning("NULL").Exec(ctx); err != nil {
				return err
			}
			ids, err := tx.idsBy(ctx, "users", "email", emails[start:min(start+territoryBatch, len(users))])
			if err != nil {
				return err
			}
			for k, v := range ids {
				out[k] = v
			}
		}
		return nil
	})
	return out, err
}

// CampaignElus lists the élus' addresses of a campaign's candidatures, by
// collectivité id: « tnl demo fill » tells real candidatures from its own.
func (s *Store) CampaignElus(ctx context.Context, campaignID int64) (map[int64]string, error) {
	var rows []struct {
		CollectiviteID int64  `bun:"collectivite_id"`
		Email          string `bun:"email"`
	}
	err := s.db.NewSelect().TableExpr("candidatures AS c").ColumnExpr("c.collectivite_id, u.email").
		Join("JOIN users AS u ON u.id = c.elu_user_id").Where("c.campaign_id = ?", campaignID).Scan(ctx, &rows)
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.CollectiviteID] = r.Email
	}
	return out, err
}
