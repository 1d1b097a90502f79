package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// DecisionRow is a candidature of a campaign as the deliberation table
// lists it: its collectivité, its track and the jury's decision so far.
type DecisionRow struct {
	ID               int64                   `bun:"id"`
	Reference        string                  `bun:"reference"`
	State            string                  `bun:"state"`
	Track            string                  `bun:"track"`
	Level            *int                    `bun:"level"`
	MentionsJSON     string                  `bun:"mentions"`
	Motivation       string                  `bun:"motivation"`
	PrivateNote      string                  `bun:"private_note"`
	CollectiviteID   int64                   `bun:"collectivite_id"`
	CollectiviteName string                  `bun:"collectivite_name"`
	CollectiviteKind domain.CollectiviteKind `bun:"collectivite_kind"`
	Code             string                  `bun:"code"`
	Departement      string                  `bun:"departement_code"`
	Region           string                  `bun:"region_code"`
}

// Mentions decodes the row's special mentions.
func (r DecisionRow) Mentions() []string {
	var out []string
	_ = json.Unmarshal([]byte(r.MentionsJSON), &out) // written by SetDecision
	return out
}

// Decided reports whether the jury has recorded a decision.
func (r DecisionRow) Decided() bool {
	return r.Level != nil && r.Motivation != ""
}

// DecisionRows lists a campaign's candidatures in the given states with
// their decision, in id order: one join, for the deliberation table.
func (s *Store) DecisionRows(ctx context.Context, campaignID int64, states []string) ([]DecisionRow, error) {
	var rows []DecisionRow
	err := s.db.NewSelect().TableExpr("candidatures AS c").
		ColumnExpr("c.id, c.reference, c.state, c.track, c.level, c.mentions, c.motivation, c.private_note").
		ColumnExpr("co.id AS collectivite_id, co.name AS collectivite_name, co.kind AS collectivite_kind, co.code, co.departement_code, co.region_code").
		Join("JOIN collectivites AS co ON co.id = c.collectivite_id").
		Where("c.campaign_id = ? AND c.state IN (?)", campaignID, bun.List(states)).
		OrderExpr("c.id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("decision rows: %w", err)
	}
	return rows, nil
}

// PreviousResults returns, for each collectivité of ids, its latest
// palmarès entry of an edition before year (awarded or not).
func (s *Store) PreviousResults(ctx context.Context, year int, ids []int64) (map[int64]domain.PalmaresEntry, error) {
	out := map[int64]domain.PalmaresEntry{}
	for start := 0; start < len(ids); start += palmaresChunk {
		chunk := ids[start:min(start+palmaresChunk, len(ids))]
		var rows []domain.PalmaresEntry
		err := s.db.NewSelect().Model(&rows).
			Where("year < ? AND collectivite_id IN (?)", year, bun.List(chunk)).
			Order("collectivite_id", "year").Scan(ctx)
		if err != nil {
			return nil, fmt.Errorf("previous results: %w", err)
		}
		for _, r := range rows {
			out[r.CollectiviteID] = r // the latest year wins
		}
	}
	return out, nil
}

// PublicationEntries builds the palmarès entries of a campaign's published
// candidatures from their decisions, inside the publication's transaction
// (after their « publier » event): one read, then InsertPalmares.
func (t *Tx) PublicationEntries(ctx context.Context, cp *domain.Campaign, at time.Time) ([]*domain.PalmaresEntry, error) {
	var rows []DecisionRow
	err := t.tx.NewSelect().TableExpr("candidatures AS c").
		ColumnExpr("c.id, c.level, c.mentions, c.motivation, co.id AS collectivite_id, co.name AS collectivite_name").
		Join("JOIN collectivites AS co ON co.id = c.collectivite_id").
		Where("c.campaign_id = ? AND c.state = ?", cp.ID, domain.Publiee).
		OrderExpr("c.id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("publication entries: %w", err)
	}
	out := make([]*domain.PalmaresEntry, len(rows))
	for i, r := range rows {
		out[i] = PalmaresEntryOf(cp, r.ID, r.CollectiviteID, r.CollectiviteName, r.Level, r.Mentions(), r.Motivation, at)
	}
	return out, nil
}

// PalmaresEntryOf is the public entry of a decision: awarded when its level
// is one of the scheme's.
func PalmaresEntryOf(cp *domain.Campaign, candidatureID, collectiviteID int64, name string, level *int, mentions []string, motivation string, at time.Time) *domain.PalmaresEntry {
	campaignID, cid := cp.ID, candidatureID
	e := &domain.PalmaresEntry{
		Year: cp.Year, CampaignID: &campaignID, CollectiviteID: collectiviteID, CandidatureID: &cid,
		PublishedName: name, Mentions: mentions, Motivation: motivation, PublishedAt: at.UTC(), Version: 1,
		LevelLabel: cp.AwardScheme.LevelLabel(level),
	}
	if level != nil && *level > 0 {
		v := *level
		e.Awarded, e.Level = true, &v
	} else {
		e.LevelLabel = "Pas de label"
	}
	if e.Mentions == nil {
		e.Mentions = []string{}
	}
	return e
}

// RectifyPalmares replaces the published entry of a candidature after a
// staff rectification: the new decision, the reason shown on the public
// page, its instant, and a new version.
func (t *Tx) RectifyPalmares(ctx context.Context, e *domain.PalmaresEntry, reason string, at time.Time) error {
	mentions := e.Mentions
	if mentions == nil {
		mentions = []string{}
	}
	res, err := t.tx.NewUpdate().Model((*domain.PalmaresEntry)(nil)).
		Set("awarded = ?", e.Awarded).Set("level = ?", e.Level).Set("level_label = ?", e.LevelLabel).
		Set("mentions = ?", jsonText(mentions)).Set("motivation = ?", e.Motivation).
		Set("rectification = ?", reason).Set("rectified_at = ?", at.UTC()).Set("version = version + 1").
		Where("candidature_id = ?", *e.CandidatureID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("rectify palmarès: %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.ENotFound, "Cette candidature n’a pas de résultat publié à rectifier.")
	}
	return nil
}

// SetPublishAt schedules (or, with nil, unschedules) a campaign's
// publication.
func (t *Tx) SetPublishAt(ctx context.Context, campaignID int64, at *time.Time) error {
	var v any
	if at != nil {
		v = at.UTC()
	}
	_, err := t.tx.NewUpdate().Model((*domain.Campaign)(nil)).Set("publish_at = ?", v).Where("id = ?", campaignID).Exec(ctx)
	return err
}
