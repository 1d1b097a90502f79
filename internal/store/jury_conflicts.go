package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// JuryLink is a collectivité a jury member declared a link with (an élu or
// agent of it).
type JuryLink struct {
	bun.BaseModel `bun:"table:jury_links"`

	CampaignID     int64 `bun:"campaign_id,pk"`
	UserID         int64 `bun:"user_id,pk"`
	CollectiviteID int64 `bun:"collectivite_id,pk"`

	Kind domain.CollectiviteKind `bun:"kind,scanonly"`
	Code string                  `bun:"code,scanonly"`
	Name string                  `bun:"name,scanonly"`
}

// SetJuryLinks replaces a member's declared links, and their conflict zone
// (the collectivités those links put in conflict: computed by the caller).
func (t *Tx) SetJuryLinks(ctx context.Context, campaignID, userID int64, links, zone []int64) error {
	for _, table := range []string{"jury_links", "jury_zone"} {
		if _, err := t.tx.NewDelete().TableExpr(table).Where("campaign_id = ? AND user_id = ?", campaignID, userID).Exec(ctx); err != nil {
			return err
		}
	}
	if err := t.insertPairs(ctx, "jury_links", campaignID, userID, links); err != nil {
		return err
	}
	if err := t.insertPairs(ctx, "jury_zone", campaignID, userID, zone); err != nil {
		return err
	}
	_, err := t.tx.NewUpdate().Model((*JuryMember)(nil)).Set("zone_hash = ?", ZoneHash(zone)).Where("campaign_id = ? AND user_id = ?", campaignID, userID).Exec(ctx)
	return err
}

// ZoneHash fingerprints a sorted conflict zone.
func ZoneHash(zone []int64) string {
	h := fnv.New64a()
	var b [8]byte
	for _, id := range zone {
		binary.LittleEndian.PutUint64(b[:], uint64(id))
		h.Write(b[:]) //nolint:errcheck // hash writes do not fail
	}
	return fmt.Sprintf("%d:%x", len(zone), h.Sum64())
}

// SetJuryZone replaces a member's conflict zone, with its fingerprint.
func (t *Tx) SetJuryZone(ctx context.Context, campaignID, userID int64, zone []int64, hash string) error {
	if _, err := t.tx.NewDelete().TableExpr("jury_zone").Where("campaign_id = ? AND user_id = ?", campaignID, userID).Exec(ctx); err != nil {
		return err
	}
	if err := t.insertPairs(ctx, "jury_zone", campaignID, userID, zone); err != nil {
		return err
	}
	_, err := t.tx.NewUpdate().Model((*JuryMember)(nil)).Set("zone_hash = ?", hash).Where("campaign_id = ? AND user_id = ?", campaignID, userID).Exec(ctx)
	return err
}

func (t *Tx) insertPairs(ctx context.Context, table string, campaignID, userID int64, ids []int64) error {
	seen := map[int64]bool{}
	rows := make([]JuryLink, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			rows = append(rows, JuryLink{CampaignID: campaignID, UserID: userID, CollectiviteID: id})
		}
	}
	for start := 0; start < len(rows); start += territoryBatch {
		batch := rows[start:min(start+territoryBatch, len(rows))]
		if _, err := t.tx.NewInsert().Model(&batch).ModelTableExpr(table).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// JuryLinks lists a campaign's declared links, by member then collectivité
// name.
func (s *Store) JuryLinks(ctx context.Context, campaignID int64) ([]JuryLink, error) {
	var rows []JuryLink
	err := s.db.NewSelect().Model(&rows).ColumnExpr("jury_link.*, co.kind, co.code, co.name").
		Join("JOIN collectivites AS co ON co.id = jury_link.collectivite_id").
		Where("jury_link.campaign_id = ?", campaignID).OrderExpr("jury_link.user_id, co.search_name").Scan(ctx)
	return rows, err
}

// Conflict is a conflict of interest between a juror and a candidature.
type Conflict struct {
	bun.BaseModel `bun:"table:jury_conflicts"`

	CandidatureID int64     `bun:"candidature_id,pk"`
	UserID        int64     `bun:"user_id,pk"`
	Source        string    `bun:"source,notnull"` // domain.ConflictDeclared, domain.ConflictStaff (stored); ConflictLink, ConflictMember (computed)
	Reason        string    `bun:"reason,notnull"`
	CreatedBy     *int64    `bun:"created_by"`
	CreatedAt     time.Time `bun:"created_at,notnull"`

	Reference        string `bun:"reference,scanonly"`
	CollectiviteName string `bun:"collectivite_name,scanonly"`
	Email            string `bun:"email,scanonly"`
	Name             string `bun:"name,scanonly"`
}

// PutConflict records a declared or staff-set conflict (a second one on the
// same pair replaces the first).
func (t *Tx) PutConflict(ctx context.Context, c *Conflict) error {
	c.CreatedAt = t.Now()
	_, err := t.tx.NewInsert().Model(c).On("CONFLICT (candidature_id, user_id) DO UPDATE").
		Set("source = EXCLUDED.source").Set("reason = EXCLUDED.reason").Set("created_by = EXCLUDED.created_by").
		Set("created_at = EXCLUDED.created_at").Exec(ctx)
	return err
}

// DeleteConflict removes a declared or staff-set conflict.
func (t *Tx) DeleteConflict(ctx context.Context, candidatureID, userID int64) (bool, error) {
	res, err := t.tx.NewDelete().Model((*Conflict)(nil)).Where("candidature_id = ? AND user_id = ?", candidatureID, userID).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ConflictFilter selects conflicts: of a campaign, optionally of one juror
// or one candidature.
type ConflictFilter struct {
	CampaignID    int64
	UserID        int64
	CandidatureID int64
}

// Conflicts lists every conflict of a campaign, declared, set by staff,
// computed from the members' links and from their membership of
// candidatures, by candidature reference then juror email: what staff
// list. A pair conflicted several ways appears once per way.
func (s *Store) Conflicts(ctx context.Context, f ConflictFilter) ([]Conflict, error) {
	var out []Conflict
	q := s.db.NewSelect().Model(&out).
		ColumnExpr("conflict.*, c.reference, co.name AS collectivite_name, u.email, u.name").
		Join("JOIN candidatures AS c ON c.id = conflict.candidature_id").
		Join("JOIN collectivites AS co ON co.id = c.collectivite_id").
		Join("JOIN users AS u ON u.id = conflict.user_id").
		Where("c.campaign_id = ?", f.CampaignID)
	if f.UserID != 0 {
		q = q.Where("conflict.user_id = ?", f.UserID)
	}
	if f.CandidatureID != 0 {
		q = q.Where("conflict.candidature_id = ?", f.CandidatureID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	computed, err := s.computedConflicts(ctx, f)
	if err != nil {
		return nil, err
	}
	out = append(out, computed...)
	sortConflicts(out)
	return out, nil
}

func (s *Store) computedConflicts(ctx context.Context, f ConflictFilter) ([]Conflict, error) {
	var out []Conflict
	for _, source := range []string{domain.ConflictLink, domain.ConflictMember} {
		var rows []Conflict
		q := s.db.NewSelect().TableExpr("candidatures AS c").
			ColumnExpr("c.id AS candidature_id, j.user_id, c.reference, co.name AS collectivite_name, u.email, u.name").
			Join("JOIN collectivites AS co ON co.id = c.collectivite_id")
		if source == domain.ConflictLink {
			q = q.Join("JOIN jury_zone AS j ON j.campaign_id = c.campaign_id AND j.collectivite_id = c.collectivite_id")
		} else {
			q = q.Join("JOIN candidature_members AS m ON m.candidature_id = c.id").
				Join("JOIN jury_members AS j ON j.campaign_id = c.campaign_id AND j.user_id = m.user_id")
		}
		q = q.Join("JOIN users AS u ON u.id = j.user_id").Where("c.campaign_id = ?", f.CampaignID)
		if f.UserID != 0 {
			q = q.Where("j.user_id = ?", f.UserID)
		}
		if f.CandidatureID != 0 {
			q = q.Where("c.id = ?", f.CandidatureID)
		}
		if err := q.Scan(ctx, &rows); err != nil {
			return nil, err
		}
		for i := range rows {
			rows[i].Source = source
		}
		out = append(out, rows...)
	}
	return out, nil
}

// ConflictPairs returns the conflicted (candidature, juror) pairs of a
// campaign that are declared, set by staff or due to the juror working on
// the candidature; those of the links' zones are the caller's (it holds
// the zones: see JuryZones).
func (s *Store) ConflictPairs(ctx context.Context, campaignID int64) ([][2]int64, error) {
	var rows []struct {
		CandidatureID int64 `bun:"candidature_id"`
		UserID        int64 `bun:"user_id"`
	}
	err := s.db.NewRaw(`SELECT x.candidature_id, x.user_id FROM jury_conflicts AS x JOIN candidatures AS c ON c.id = x.candidature_id WHERE c.campaign_id = ?
		UNION SELECT c.id, j.user_id FROM candidatures AS c JOIN candidature_members AS m ON m.candidature_id = c.id
			JOIN jury_members AS j ON j.campaign_id = c.campaign_id AND j.user_id = m.user_id WHERE c.campaign_id = ?`,
		campaignID, campaignID).Scan(ctx, &rows)
	out := make([][2]int64, len(rows))
	for i, r := range rows {
		out[i] = [2]int64{r.CandidatureID, r.UserID}
	}
	return out, err
}

// JuryZones returns every member's conflict zone in a campaign, sorted.
func (s *Store) JuryZones(ctx context.Context, campaignID int64) (map[int64][]int64, error) {
	var rows []JuryLink
	err := s.db.NewSelect().Model(&rows).ModelTableExpr("jury_zone AS jury_link").Column("user_id", "collectivite_id").
		Where("campaign_id = ?", campaignID).OrderExpr("user_id, collectivite_id").Scan(ctx)
	out := map[int64][]int64{}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.CollectiviteID)
	}
	return out, err
}

func sortConflicts(cs []Conflict) {
	slices.SortFunc(cs, func(a, b Conflict) int {
		return cmp.Or(cmp.Compare(a.Reference, b.Reference), cmp.Compare(a.Email, b.Email), cmp.Compare(a.Source, b.Source))
	})
}
