package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// Member is a person who works on a candidature.
type Member struct {
	UserID    int64     `bun:"user_id"`
	Email     string    `bun:"email"`
	Name      string    `bun:"name"`
	Role      string    `bun:"role"`
	TitleForm string    `bun:"title_form"`
	CreatedAt time.Time `bun:"created_at"`
}

// CandidatureSummary is a candidature with the names needed to list it.
type CandidatureSummary struct {
	domain.Candidature `bun:",extend"`

	CollectiviteName string                  `bun:"collectivite_name"`
	CollectiviteKind domain.CollectiviteKind `bun:"collectivite_kind"`
	CollectiviteCode string                  `bun:"collectivite_code"`
	CampaignYear     int                     `bun:"campaign_year"`
	MemberRole       string                  `bun:"member_role"`
}

type candidatureMember struct {
	bun.BaseModel `bun:"table:candidature_members"`

	CandidatureID int64     `bun:"candidature_id,pk"`
	UserID        int64     `bun:"user_id,pk"`
	Role          string    `bun:"role,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
}

// CreateCandidature inserts a candidature in its own transaction (see
// Tx.CreateCandidature); the services record its creation in the same
// transaction as they insert it, with Tx.CreateCandidature.
func (s *Store) CreateCandidature(ctx context.Context, c *domain.Candidature, prefill []domain.Answer) error {
	return s.InTx(ctx, func(tx *Tx) error { return tx.CreateCandidature(ctx, c, prefill) })
}

// CreateCandidature inserts, inside the transaction, a candidature in its
// initial state with its élu as first member and any pre-filled answers. A
// collectivité has at most one candidature per campaign.
func (t *Tx) CreateCandidature(ctx context.Context, c *domain.Candidature, prefill []domain.Answer) error {
	now := t.Now()
	c.CreatedAt, c.UpdatedAt, c.Version = now, now, 1
	if c.Mentions == nil {
		c.Mentions = []string{}
	}
	if _, err := t.tx.NewInsert().Model(c).Returning("id").Exec(ctx); err != nil {
		if isUniqueViolation(err) {
			return domain.Errorf(domain.EConflict, "Cette collectivité a déjà une candidature pour cette campagne.")
		}
		return err
	}
	if err := t.AddMember(ctx, c.ID, c.EluUserID, domain.MemberElu); err != nil {
		return err
	}
	for i := range prefill {
		prefill[i].CandidatureID = c.ID
		prefill[i].UpdatedBy = c.EluUserID
		prefill[i].UpdatedAt = now
		prefill[i].Version = 1
	}
	if len(prefill) > 0 {
		if _, err := t.tx.NewInsert().Model(&prefill).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// AddMember adds a person to a candidature (or changes their role).
func (t *Tx) AddMember(ctx context.Context, candidatureID, userID int64, role string) error {
	m := &candidatureMember{CandidatureID: candidatureID, UserID: userID, Role: role, CreatedAt: t.Now()}
	_, err := t.tx.NewInsert().Model(m).On("CONFLICT (candidature_id, user_id) DO UPDATE").Set("role = EXCLUDED.role").Exec(ctx)
	return err
}

// RemoveMember removes an accompagnateur from a candidature, with the
// invitations still pending for them.
func (s *Store) RemoveMember(ctx context.Context, candidatureID, userID int64) error {
	return s.inTx(ctx, func(tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*candidatureMember)(nil)).
			Where("candidature_id = ? AND user_id = ? AND role = ?", candidatureID, userID, domain.MemberAccompagnateur).Exec(ctx); err != nil {
			return err
		}
		// The invitations still pending for that person go with them: a
		// second link would bring them back.
		_, err := tx.NewUpdate().Model((*domain.AuthLink)(nil)).Set("used_at = ?", s.Now()).
			Where("candidature_id = ? AND kind = ? AND used_at IS NULL", candidatureID, domain.LinkInvitation).
			Where("email = (SELECT email FROM users WHERE id = ?)", userID).Exec(ctx)
		return err
	})
}

// Candidature returns a candidature by id.
func (s *Store) Candidature(ctx context.Context, id int64) (*domain.Candidature, error) {
	return candidatureBy(ctx, s.db, "", "id = ?", id)
}

// Candidature returns a candidature by id inside the transaction, locked for
// update on PostgreSQL (SQLite transactions are serialised already).
func (t *Tx) Candidature(ctx context.Context, id int64) (*domain.Candidature, error) {
	return candidatureBy(ctx, t.tx, t.lock("UPDATE"), "id = ?", id)
}

// CandidatureForShare returns a candidature by id, locked against concurrent
// transitions but not against other answer saves.
func (t *Tx) CandidatureForShare(ctx context.Context, id int64) (*domain.Candidature, error) {
	return candidatureBy(ctx, t.tx, t.lock("SHARE"), "id = ?", id)
}

func (t *Tx) lock(mode string) string {
	if t.s.loc.Dialect == Postgres && !t.readOnly {
		return mode
	}
	return ""
}

// CandidatureOf returns the candidature of a collectivité in a campaign.
//
// A withdrawn candidature frees its collectivité, which may then have
// several: the one not withdrawn comes first, then the newest.
func (s *Store) CandidatureOf(ctx context.Context, campaignID, collectiviteID int64) (*domain.Candidature, error) {
	c := new(domain.Candidature)
	err := s.db.NewSelect().Model(c).Where("campaign_id = ? AND collectivite_id = ?", campaignID, collectiviteID).
		OrderExpr("CASE WHEN state = ? THEN 1 ELSE 0 END, id DESC", domain.Retiree).Limit(1).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Candidature introuvable.")
	}
	return c, nil
}

// CandidaturesOfCollectivite counts a collectivité's candidatures in a
// campaign, withdrawn ones included (for the reference of a new one).
func (t *Tx) CandidaturesOfCollectivite(ctx context.Context, campaignID, collectiviteID int64) (int, error) {
	n, err := t.tx.NewSelect().Model((*domain.Candidature)(nil)).Where("campaign_id = ? AND collectivite_id = ?", campaignID, collectiviteID).Count(ctx)
	return int(n), err
}

// EluCandidatures counts the candidatures of a campaign, withdrawn ones
// aside, whose élu référent is the person.
func (t *Tx) EluCandidatures(ctx context.Context, campaignID, userID int64) (int, error) {
	n, err := t.tx.NewSelect().Model((*domain.Candidature)(nil)).
		Where("campaign_id = ? AND elu_user_id = ? AND state <> ?", campaignID, userID, domain.Retiree).Count(ctx)
	return int(n), err
}

// ActiveCandidatureOf returns the candidature of a collectivité in a
// campaign that is not withdrawn (a withdrawal frees the collectivité), or
// a not-found error.
func (t *Tx) ActiveCandidatureOf(ctx context.Context, campaignID, collectiviteID int64) (*domain.Candidature, error) {
	return candidatureBy(ctx, t.tx, "", "campaign_id = ? AND collectivite_id = ? AND state <> ?", campaignID, collectiviteID, domain.Retiree)
}

// CandidatureByReference returns a candidature by its reference number.
func (s *Store) CandidatureByReference(ctx context.Context, ref string) (*domain.Candidature, error) {
	return candidatureBy(ctx, s.db, "", "reference = ?", ref)
}

func candidatureBy(ctx context.Context, db bun.IDB, lock, where string, args ...any) (*domain.Candidature, error) {
	c := new(domain.Candidature)
	q := db.NewSelect().Model(c).Where(where, args...)
	if lock != "" {
		q = q.For(lock)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "Candidature introuvable.")
	}
	return c, nil
}

// PreviousCandidature returns the collectivité's most recent candidature to a
// campaign before the given year, for pre-filling.
func (s *Store) PreviousCandidature(ctx context.Context, collectiviteID int64, year int) (*domain.Candidature, *domain.Campaign, error) {
	c := new(domain.Candidature)
	err := s.db.NewSelect().Model(c).
		Join("JOIN campaigns AS cp ON cp.id = candidature.campaign_id").
		Where("candidature.collectivite_id = ?", collectiviteID).
		Where("cp.year < ?", year).
		OrderExpr("cp.year DESC").Limit(1).Scan(ctx)
	if err != nil {
		return nil, nil, notFound(err, "Aucune candidature précédente.")
	}
	cp, err := s.Campaign(ctx, c.CampaignID)
	if err != nil {
		return nil, nil, err
	}
	return c, cp, nil
}

func summaryQuery(db bun.IDB, rows *[]CandidatureSummary) *bun.SelectQuery {
	return db.NewSelect().Model(rows).
		ColumnExpr("candidature.*").
		ColumnExpr("co.name AS collectivite_name, co.kind AS collectivite_kind, co.code AS collectivite_code").
		ColumnExpr("cp.year AS campaign_year").
		Join("JOIN collectivites AS co ON co.id = candidature.collectivite_id").
		Join("JOIN campaigns AS cp ON cp.id = candidature.campaign_id")
}

// CandidaturesOfUser lists the candidatures a person works on, newest campaign first.
func (s *Store) CandidaturesOfUser(ctx context.Context, userID int64) ([]CandidatureSummary, error) {
	var rows []CandidatureSummary
	err := summaryQuery(s.db, &rows).
		ColumnExpr("m.role AS member_role").
		Join("JOIN candidature_members AS m ON m.candidature_id = candidature.id").
		Where("m.user_id = ?", userID).
		OrderExpr("cp.year DESC, co.name").Scan(ctx)
	return rows, err
}

// CandidaturesOfCampaign lists a campaign's candidatures, optionally only
// those in the given states, by collectivité name.
func (s *Store) CandidaturesOfCampaign(ctx context.Context, campaignID int64, states ...string) ([]CandidatureSummary, error) {
	var rows []CandidatureSummary
	q := summaryQuery(s.db, &rows).ColumnExpr("'' AS member_role").Where("candidature.campaign_id = ?", campaignID)
	if len(states) > 0 {
		q = q.Where("candidature.state IN (?)", bun.List(states))
	}
	err := q.OrderExpr("co.search_name, candidature.id").Scan(ctx)
	return rows, err
}

// CandidatureIDs returns the ids of a campaign's candidatures in the given
// states (all when none), in id order.
func (s *Store) CandidatureIDs(ctx context.Context, campaignID int64, states ...string) ([]int64, error) {
	return candidatureIDs(ctx, s.db, campaignID, states)
}

// CandidatureIDs is Store.CandidatureIDs inside the transaction.
func (t *Tx) CandidatureIDs(ctx context.Context, campaignID int64, states ...string) ([]int64, error) {
	return candidatureIDs(ctx, t.tx, campaignID, states)
}

func candidatureIDs(ctx context.Context, db bun.IDB, campaignID int64, states []string) ([]int64, error) {
	var ids []int64
	q := db.NewSelect().Model((*domain.Candidature)(nil)).Column("id").Where("campaign_id = ?", campaignID)
	if len(states) > 0 {
		q = q.Where("state IN (?)", bun.List(states))
	}
	err := q.Order("id").Scan(ctx, &ids)
	return ids, err
}

// CountCandidatures counts a campaign's candidatures per state.
func (s *Store) CountCandidatures(ctx context.Context, campaignID int64) (map[string]int, error) {
	return countCandidatures(ctx, s.db, campaignID)
}

// CountCandidatures counts a campaign's candidatures per state inside the transaction.
func (t *Tx) CountCandidatures(ctx context.Context, campaignID int64) (map[string]int, error) {
	return countCandidatures(ctx, t.tx, campaignID)
}

func countCandidatures(ctx context.Context, db bun.IDB, campaignID int64) (map[string]int, error) {
	var rows []struct {
		State string `bun:"state"`
		N     int    `bun:"n"`
	}
	err := db.NewSelect().Model((*domain.Candidature)(nil)).ColumnExpr("state, count(*) AS n").
		Where("campaign_id = ?", campaignID).Group("state").Scan(ctx, &rows)
	out := map[string]int{}
	for _, r := range rows {
		out[r.State] = r.N
	}
	return out, err
}

// Members lists the people working on a candidature, élu first.
func (s *Store) Members(ctx context.Context, candidatureID int64) ([]Member, error) {
	return members(ctx, s.db, candidatureID)
}

// Members lists the people working on a candidature inside the transaction.
func (t *Tx) Members(ctx context.Context, candidatureID int64) ([]Member, error) {
	return members(ctx, t.tx, candidatureID)
}

func members(ctx context.Context, db bun.IDB, candidatureID int64) ([]Member, error) {
	var rows []Member
	err := db.NewSelect().TableExpr("candidature_members AS m").
		ColumnExpr("m.user_id, u.email, u.name, m.role, u.title_form, m.created_at").
		Join("JOIN users AS u ON u.id = m.user_id").
		Where("m.candidature_id = ?", candidatureID).
		OrderExpr("CASE m.role WHEN 'elu' THEN 0 ELSE 1 END, m.created_at, u.email").
		Scan(ctx, &rows)
	return rows, err
}

// Access is what the platform knows of one person's links to a
// candidature, read with it: the raw facts of the policy.
type Access struct {
	Member   string // domain.MemberElu, domain.MemberAccompagnateur or ""
	Seat     string // their seat in the jury of its campaign, charter accepted, or ""
	Assigned bool   // assigned to evaluate it
	// Conflicted: in conflict of interest with it (see JuryStanding).
	Conflicted bool
	// QuestionnaireHash identifies the campaign's frozen questionnaire.
	QuestionnaireHash string
}

type candidatureAccess struct {
	domain.Candidature `bun:",extend"`

	MemberRole        string `bun:"member_role"`
	Seat              string `bun:"seat"`
	Assigned          bool   `bun:"assigned"`
	Conflicted        bool   `bun:"conflicted"`
	QuestionnaireHash string `bun:"questionnaire_hash"`
}

// CandidatureAccess returns a candidature with one person's links to it
// and the hash of its campaign's questionnaire, in one statement: what
// every request on a candidature needs first.
func (s *Store) CandidatureAccess(ctx context.Context, id, userID int64) (*domain.Candidature, Access, error) {
	row := new(candidatureAccess)
	err := accessColumns(s.db.NewSelect().Model(row), userID).
		Join("JOIN campaigns AS cp ON cp.id = candidature.campaign_id").
		Where("candidature.id = ?", id).Scan(ctx)
	if err != nil {
		return nil, Access{}, notFound(err, "Candidature introuvable.")
	}
	return &row.Candidature, row.access(), nil
}

// accessColumns selects a candidature with the links of the person whose
// id user gives (a value, or a column of the query as bun.Safe) and its
// questionnaire's hash, from "candidature" joined to its campaign "cp".
func accessColumns(q *bun.SelectQuery, user any) *bun.SelectQuery {
	return q.ColumnExpr("candidature.*").
		ColumnExpr("COALESCE((SELECT m.role FROM candidature_members AS m WHERE m.candidature_id = candidature.id AND m.user_id = ?), '') AS member_role", user).
		ColumnExpr("COALESCE((SELECT j.seat FROM jury_members AS j WHERE j.campaign_id = candidature.campaign_id AND j.user_id = ? AND j.charter_accepted_at IS NOT NULL), '') AS seat", user).
		ColumnExpr("EXISTS (SELECT 1 FROM jury_assignments AS a WHERE a.candidature_id = candidature.id AND a.user_id = ?) AS assigned", user).
		ColumnExpr(`(EXISTS (SELECT 1 FROM jury_conflicts AS x WHERE x.candidature_id = candidature.id AND x.user_id = ?)
			OR EXISTS (SELECT 1 FROM jury_zone AS z WHERE z.campaign_id = candidature.campaign_id AND z.user_id = ? AND z.collectivite_id = candidature.collectivite_id)) AS conflicted`, user, user).
		ColumnExpr("cp.questionnaire_hash")
}

func (row *candidatureAccess) access() Access {
	return Access{Member: row.MemberRole, Seat: row.Seat, Assigned: row.Assigned, Conflicted: row.Conflicted, QuestionnaireHash: row.QuestionnaireHash}
}

// CascadeCandidature is a candidature as a cascade reads it: with its
// collectivité and members, without its answers.
type CascadeCandidature struct {
	Candidature  domain.Candidature
	Collectivite domain.Collectivite
	Members      []Member
}

// CandidaturesForCascade reads many candidatures inside the transaction,
// locked for update on PostgreSQL, with their collectivités and members,
// in a few statements per batch of ids; the result follows the order of
// ids, and leaves out those that do not exist.
func (t *Tx) CandidaturesForCascade(ctx context.Context, ids []int64) ([]CascadeCandidature, error) {
	out := make([]CascadeCandidature, 0, len(ids))
	for start := 0; start < len(ids); start += territoryBatch {
		batch := ids[start:min(start+territoryBatch, len(ids))]
		var cands []domain.Candidature
		q := t.tx.NewSelect().Model(&cands).Where("id IN (?)", bun.List(batch)).Order("id")
		if lock := t.lock("UPDATE"); lock != "" {
			q = q.For(lock)
		}
		if err := q.Scan(ctx); err != nil {
			return nil, err
		}
		collIDs := make([]int64, 0, len(cands))
		for _, c := range cands {
			collIDs = append(collIDs, c.CollectiviteID)
		}
		var colls []domain.Collectivite
		if err := t.tx.NewSelect().Model(&colls).Where("id IN (?)", bun.List(collIDs)).Scan(ctx); err != nil {
			return nil, err
		}
		collByID := make(map[int64]domain.Collectivite, len(colls))
		for _, c := range colls {
			collByID[c.ID] = c
		}
		var rows []struct {
			Member
			CandidatureID int64 `bun:"candidature_id"`
		}
		err := t.tx.NewSelect().TableExpr("candidature_members AS m").
			ColumnExpr("m.candidature_id, m.user_id, u.email, u.name, m.role, m.created_at").
			Join("JOIN users AS u ON u.id = m.user_id").
			Where("m.candidature_id IN (?)", bun.List(batch)).
			OrderExpr("m.candidature_id, CASE m.role WHEN 'elu' THEN 0 ELSE 1 END, m.created_at, u.email").
			Scan(ctx, &rows)
		if err != nil {
			return nil, err
		}
		members := map[int64][]Member{}
		for _, r := range rows {
			members[r.CandidatureID] = append(members[r.CandidatureID], r.Member)
		}
		byID := make(map[int64]domain.Candidature, len(cands))
		for _, c := range cands {
			byID[c.ID] = c
		}
		for _, id := range batch {
			if c, ok := byID[id]; ok {
				out = append(out, CascadeCandidature{Candidature: c, Collectivite: collByID[c.CollectiviteID], Members: members[id]})
			}
		}
	}
	return out, nil
}

// CandidatureByReference returns a candidature by its reference inside the
// transaction.
func (t *Tx) CandidatureByReference(ctx context.Context, ref string) (*domain.Candidature, error) {
	return candidatureBy(ctx, t.tx, "", "reference = ?", strings.TrimSpace(ref))
}
