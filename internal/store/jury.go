package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// JuryMember is a seat in a campaign's jury.
type JuryMember struct {
	bun.BaseModel `bun:"table:jury_members"`

	CampaignID        int64      `bun:"campaign_id,pk"`
	UserID            int64      `bun:"user_id,pk"`
	Seat              string     `bun:"seat,notnull"` // domain.SeatMember or domain.SeatPresident
	Organisation      string     `bun:"organisation,notnull"`
	CharterAcceptedAt *time.Time `bun:"charter_accepted_at"`
	CreatedAt         time.Time  `bun:"created_at,notnull"`
	// MaxLoad is the most candidatures the member evaluates (0: no maximum).
	MaxLoad     int                `bun:"max_load,notnull"`
	Preferences domain.Preferences `bun:"preferences,type:text,notnull"`
	// ZoneHash fingerprints the conflict zone as last written.
	ZoneHash string `bun:"zone_hash,notnull"`

	Email string `bun:"email,scanonly"`
	Name  string `bun:"name,scanonly"`
}

// PutJuryMember adds a person to a campaign's jury, or changes their seat
// and organisation. A campaign has at most one president.
func (s *Store) PutJuryMember(ctx context.Context, m *JuryMember) error {
	return s.InTx(ctx, func(tx *Tx) error { return tx.PutJuryMember(ctx, m) })
}

// PutJuryMember is Store.PutJuryMember inside a transaction.
func (t *Tx) PutJuryMember(ctx context.Context, m *JuryMember) error {
	m.CreatedAt = t.Now()
	_, err := t.tx.NewInsert().Model(m).
		On("CONFLICT (campaign_id, user_id) DO UPDATE").
		Set("seat = EXCLUDED.seat").Set("organisation = EXCLUDED.organisation").
		Set("charter_accepted_at = COALESCE(jury_member.charter_accepted_at, EXCLUDED.charter_accepted_at)").
		Exec(ctx)
	if isUniqueViolation(err) {
		return domain.Errorf(domain.EConflict, "Le jury de cette campagne a déjà un président ou une présidente.")
	}
	return err
}

// JuryMembers lists a campaign's jury, president first.
func (s *Store) JuryMembers(ctx context.Context, campaignID int64) ([]JuryMember, error) {
	var rows []JuryMember
	err := s.db.NewSelect().Model(&rows).
		ColumnExpr("jury_member.*, u.email, u.name").
		Join("JOIN users AS u ON u.id = jury_member.user_id").
		Where("jury_member.campaign_id = ?", campaignID).
		OrderExpr("CASE jury_member.seat WHEN 'president' THEN 0 ELSE 1 END, u.email").
		Scan(ctx)
	return rows, err
}

// JurySeats lists the campaigns whose jury a person sits on.
func (s *Store) JurySeats(ctx context.Context, userID int64) ([]JuryMember, error) {
	var rows []JuryMember
	err := s.db.NewSelect().Model(&rows).Where("user_id = ?", userID).Order("campaign_id").Scan(ctx)
	return rows, err
}

// Standing is a person's standing in the jury towards one candidature.
type Standing struct {
	Seat       string `bun:"seat"`       // their seat in the campaign's jury, charter accepted, or ""
	Assigned   bool   `bun:"assigned"`   // assigned to evaluate it
	Conflicted bool   `bun:"conflicted"` // in conflict of interest with it (declared, set by staff or by their links)
}

// JuryStanding returns, inside the transaction, a person's standing in a
// campaign's jury towards a candidature: nothing when they have no seat
// with the charter accepted.
func (t *Tx) JuryStanding(ctx context.Context, c *domain.Candidature, userID int64) (Standing, error) {
	var row Standing
	err := t.tx.NewSelect().TableExpr("jury_members AS j").
		ColumnExpr("j.seat").
		ColumnExpr("EXISTS (SELECT 1 FROM jury_assignments AS a WHERE a.candidature_id = ? AND a.user_id = j.user_id) AS assigned", c.ID).
		ColumnExpr(conflictedExpr+" AS conflicted", c.ID, userID, c.CampaignID, userID, c.CollectiviteID).
		Where("j.campaign_id = ? AND j.user_id = ? AND j.charter_accepted_at IS NOT NULL", c.CampaignID, userID).
		Scan(ctx, &row)
	if errors.Is(err, sql.ErrNoRows) {
		return Standing{}, nil
	}
	return row, err
}

// conflictedExpr is true when the person (the second and fourth
// arguments) is in conflict of interest with the candidature (first
// argument) of the campaign (third) and collectivité (fifth): a conflict
// declared or set by staff, or the collectivité in the zone of their links.
const conflictedExpr = `(EXISTS (SELECT 1 FROM jury_conflicts AS x WHERE x.candidature_id = ? AND x.user_id = ?)
	OR EXISTS (SELECT 1 FROM jury_zone AS z WHERE z.campaign_id = ? AND z.user_id = ? AND z.collectivite_id = ?))`

// JurySeat returns, inside the transaction, a person's seat in a
// campaign's jury, charter accepted, or "".
func (t *Tx) JurySeat(ctx context.Context, campaignID, userID int64) (string, error) {
	var seat string
	err := t.tx.NewSelect().Model((*JuryMember)(nil)).Column("seat").
		Where("campaign_id = ? AND user_id = ? AND charter_accepted_at IS NOT NULL", campaignID, userID).Scan(ctx, &seat)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return seat, err
}

// JurySeat returns a person's seat in a campaign's jury, charter accepted,
// or "".
func (s *Store) JurySeat(ctx context.Context, campaignID, userID int64) (string, error) {
	var seat string
	err := s.db.NewSelect().Model((*JuryMember)(nil)).Column("seat").
		Where("campaign_id = ? AND user_id = ? AND charter_accepted_at IS NOT NULL", campaignID, userID).Scan(ctx, &seat)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return seat, err
}

// Assignment is a juror assigned to evaluate a candidature.
type Assignment struct {
	bun.BaseModel `bun:"table:jury_assignments"`

	CandidatureID int64     `bun:"candidature_id,pk"`
	UserID        int64     `bun:"user_id,pk"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
}
