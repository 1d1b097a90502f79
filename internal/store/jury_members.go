package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// JuryMember returns a person's seat in a campaign's jury (charter accepted
// or not), or a not-found error.
func (s *Store) JuryMember(ctx context.Context, campaignID, userID int64) (*JuryMember, error) {
	return juryMember(ctx, s.db, campaignID, userID)
}

// JuryMember is Store.JuryMember inside the transaction.
func (t *Tx) JuryMember(ctx context.Context, campaignID, userID int64) (*JuryMember, error) {
	return juryMember(ctx, t.tx, campaignID, userID)
}

func juryMember(ctx context.Context, db bun.IDB, campaignID, userID int64) (*JuryMember, error) {
	m := new(JuryMember)
	err := db.NewSelect().Model(m).ColumnExpr("jury_member.*, u.email, u.name").
		Join("JOIN users AS u ON u.id = jury_member.user_id").
		Where("jury_member.campaign_id = ? AND jury_member.user_id = ?", campaignID, userID).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Cette personne ne fait pas partie du jury de la campagne.")
	}
	return m, nil
}

// AcceptCharter records that a member of a campaign's jury accepted the
// jury's charter (the first acceptance is kept).
func (t *Tx) AcceptCharter(ctx context.Context, campaignID, userID int64) error {
	res, err := t.tx.NewUpdate().Model((*JuryMember)(nil)).Set("charter_accepted_at = COALESCE(charter_accepted_at, ?)", t.Now()).
		Where("campaign_id = ? AND user_id = ?", campaignID, userID).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.ENotFound, "Vous ne faites pas partie du jury de cette campagne.")
	}
	return nil
}

// SetJuryPreferences changes a member's assignment preferences and maximum
// load.
func (s *Store) SetJuryPreferences(ctx context.Context, campaignID, userID int64, prefs domain.Preferences, maxLoad int) error {
	res, err := s.db.NewUpdate().Model((*JuryMember)(nil)).
		Set("preferences = ?", jsonText(prefs)).Set("max_load = ?", maxLoad).
		Where("campaign_id = ? AND user_id = ?", campaignID, userID).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.ENotFound, "Cette personne ne fait pas partie du jury de la campagne.")
	}
	return nil
}

// RemoveJuryMember takes a person off a campaign's jury, with their links
// and their conflict zone; their assignments are the caller's.
func (t *Tx) RemoveJuryMember(ctx context.Context, campaignID, userID int64) error {
	for _, table := range []string{"jury_zone", "jury_links", "jury_members"} {
		if _, err := t.tx.NewDelete().TableExpr(table).Where("campaign_id = ? AND user_id = ?", campaignID, userID).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// JuryMembersOf lists a campaign's jury inside the transaction, president
// first.
func (t *Tx) JuryMembersOf(ctx context.Context, campaignID int64) ([]JuryMember, error) {
	var rows []JuryMember
	err := t.tx.NewSelect().Model(&rows).
		ColumnExpr("jury_member.*, u.email, u.name").
		Join("JOIN users AS u ON u.id = jury_member.user_id").
		Where("jury_member.campaign_id = ?", campaignID).
		OrderExpr("CASE jury_member.seat WHEN 'president' THEN 0 ELSE 1 END, u.email").
		Scan(ctx)
	return rows, err
}

// JurySettings returns a campaign's jury settings, or the defaults.
func (s *Store) JurySettings(ctx context.Context, campaignID int64) (domain.JurySettings, error) {
	return jurySettings(ctx, s.db, campaignID)
}

// JurySettings is Store.JurySettings inside the transaction.
func (t *Tx) JurySettings(ctx context.Context, campaignID int64) (domain.JurySettings, error) {
	return jurySettings(ctx, t.tx, campaignID)
}

func jurySettings(ctx context.Context, db bun.IDB, campaignID int64) (domain.JurySettings, error) {
	var js domain.JurySettings
	err := db.NewSelect().Model(&js).Where("campaign_id = ?", campaignID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.DefaultJurySettings(campaignID), nil
	}
	return js, err
}

// PutJurySettings stores a campaign's jury settings.
func (s *Store) PutJurySettings(ctx context.Context, js *domain.JurySettings) error {
	js.UpdatedAt = s.Now()
	if js.Deadline != nil {
		d := js.Deadline.UTC()
		js.Deadline = &d
	}
	_, err := s.db.NewInsert().Model(js).On("CONFLICT (campaign_id) DO UPDATE").
		Set("per_candidature = EXCLUDED.per_candidature").Set("visibility = EXCLUDED.visibility").
		Set("deadline = EXCLUDED.deadline").Set("deliberation_jurors = EXCLUDED.deliberation_jurors").
		Set("updated_at = EXCLUDED.updated_at").Exec(ctx)
	return err
}

// JuryDeadlines lists the campaigns whose jury has a deadline, for the
// reminders.
func (s *Store) JuryDeadlines(ctx context.Context) ([]domain.JurySettings, error) {
	var rows []domain.JurySettings
	err := s.db.NewSelect().Model(&rows).Where("deadline IS NOT NULL").Order("campaign_id").Scan(ctx)
	return rows, err
}

// JuryInvitation is an invitation to sit on a campaign's jury, sent by
// email; only the hash of its token is stored.
type JuryInvitation struct {
	bun.BaseModel `bun:"table:jury_invitations"`

	TokenHash     string     `bun:"token_hash,pk"`
	CampaignID    int64      `bun:"campaign_id,notnull"`
	Email         string     `bun:"email,notnull"`
	Seat          string     `bun:"seat,notnull"`
	Organisation  string     `bun:"organisation,notnull"`
	Collectivites []int64    `bun:"collectivites,type:text,notnull"`
	CreatedBy     *int64     `bun:"created_by"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	ExpiresAt     time.Time  `bun:"expires_at,notnull"`
	UsedAt        *time.Time `bun:"used_at"`
}

// CreateJuryInvitation stores an invitation with its message, in one
// transaction.
func (s *Store) CreateJuryInvitation(ctx context.Context, inv *JuryInvitation, msg *domain.OutboxMessage) error {
	return s.InTx(ctx, func(tx *Tx) error {
		inv.CreatedAt = tx.Now()
		if inv.Collectivites == nil {
			inv.Collectivites = []int64{}
		}
		if _, err := tx.tx.NewInsert().Model(inv).Exec(ctx); err != nil {
			return err
		}
		return tx.Enqueue(ctx, msg)
	})
}

// JuryInvitationByToken returns an unused, unexpired invitation by the hash
// of its token.
func (s *Store) JuryInvitationByToken(ctx context.Context, tokenHash string) (*JuryInvitation, error) {
	inv := new(JuryInvitation)
	err := s.db.NewSelect().Model(inv).Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash, s.Now()).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Ce lien d’invitation n’est plus valable : demandez à l’équipe ADULLACT de vous inviter à nouveau.")
	}
	return inv, nil
}

// UseJuryInvitation marks an invitation used and runs fn in the same
// transaction; an invitation is used once.
func (s *Store) UseJuryInvitation(ctx context.Context, tokenHash string, fn func(tx *Tx, inv *JuryInvitation) error) (*JuryInvitation, error) {
	var inv *JuryInvitation
	err := s.InTx(ctx, func(tx *Tx) error {
		inv = new(JuryInvitation)
		res, err := tx.tx.NewUpdate().Model((*JuryInvitation)(nil)).Set("used_at = ?", tx.Now()).
			Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash, tx.Now()).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.Errorf(domain.ENotFound, "Ce lien d’invitation n’est plus valable : demandez à l’équipe ADULLACT de vous inviter à nouveau.")
		}
		if err := tx.tx.NewSelect().Model(inv).Where("token_hash = ?", tokenHash).Scan(ctx); err != nil {
			return err
		}
		return fn(tx, inv)
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// PendingJuryInvitations lists a campaign's invitations not used yet nor
// expired.
func (s *Store) PendingJuryInvitations(ctx context.Context, campaignID int64) ([]JuryInvitation, error) {
	var rows []JuryInvitation
	err := s.db.NewSelect().Model(&rows).Where("campaign_id = ? AND used_at IS NULL AND expires_at > ?", campaignID, s.Now()).
		Order("email", "created_at").Scan(ctx)
	return rows, err
}
