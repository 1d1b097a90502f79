package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// Personal data: the retention rules' queries, the erasure of an account
// and the export of what the platform holds about a person.

// RetentionNotice is the notice sent before a rule deletes a subject.
type RetentionNotice struct {
	Rule       string    `bun:"rule"`
	SubjectID  int64     `bun:"subject_id"`
	NotifiedAt time.Time `bun:"notified_at"`
	DeletesAt  time.Time `bun:"deletes_at"`
}

// RetentionNotices returns a rule's notices by subject.
func (s *Store) RetentionNotices(ctx context.Context, rule string) (map[int64]RetentionNotice, error) {
	var rows []RetentionNotice
	if err := s.db.NewSelect().TableExpr("retention_notices").Column("rule", "subject_id", "notified_at", "deletes_at").
		Where("rule = ?", rule).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[int64]RetentionNotice, len(rows))
	for _, r := range rows {
		out[r.SubjectID] = r
	}
	return out, nil
}

// AddRetentionNotice records a notice unless one exists already (another
// process sent it), and reports whether it did.
func (t *Tx) AddRetentionNotice(ctx context.Context, n RetentionNotice) (bool, error) {
	res, err := t.tx.NewRaw("INSERT INTO retention_notices (rule, subject_id, notified_at, deletes_at) VALUES (?, ?, ?, ?) ON CONFLICT (rule, subject_id) DO NOTHING",
		n.Rule, n.SubjectID, n.NotifiedAt, n.DeletesAt).Exec(ctx)
	if err != nil {
		return false, err
	}
	rows, err := res.RowsAffected()
	return rows == 1, err
}

// DeleteRetentionNotice forgets a rule's notice for a subject.
func (s *Store) DeleteRetentionNotice(ctx context.Context, rule string, subjectID int64) error {
	_, err := s.db.NewRaw("DELETE FROM retention_notices WHERE rule = ? AND subject_id = ?", rule, subjectID).Exec(ctx)
	return err
}

// DeleteRetentionNotice forgets a rule's notice inside the transaction.
func (t *Tx) DeleteRetentionNotice(ctx context.Context, rule string, subjectID int64) error {
	_, err := t.tx.NewRaw("DELETE FROM retention_notices WHERE rule = ? AND subject_id = ?", rule, subjectID).Exec(ctx)
	return err
}

// ExpiredDraft is a draft never deposited, with its campaign's deadline.
type ExpiredDraft struct {
	ID           int64     `bun:"id"`
	Reference    string    `bun:"reference"`
	Collectivite string    `bun:"collectivite"`
	Year         int       `bun:"year"`
	ClosesAt     time.Time `bun:"closes_at"`
}

// DraftsClosedBefore lists the candidatures never deposited whose
// campaign's deadline passed before the instant.
func (s *Store) DraftsClosedBefore(ctx context.Context, before time.Time) ([]ExpiredDraft, error) {
	var rows []ExpiredDraft
	err := s.db.NewSelect().TableExpr("candidatures AS c").
		Join("JOIN campaigns AS p ON p.id = c.campaign_id").Join("JOIN collectivites AS k ON k.id = c.collectivite_id").
		ColumnExpr("c.id, c.reference, k.name AS collectivite, p.year, p.closes_at").
		Where("c.state = ? AND c.submitted_at IS NULL AND p.closes_at < ?", domain.Brouillon, before).
		OrderExpr("c.id").Scan(ctx, &rows)
	return rows, err
}

// DeleteDraft deletes a candidature still never deposited whose campaign
// closed before the instant, with its answers, files, members and links
// (its audit rows stay), and reports whether it did.
func (t *Tx) DeleteDraft(ctx context.Context, id int64, closedBefore time.Time) (bool, error) {
	q := t.tx.NewSelect().TableExpr("candidatures AS c").ColumnExpr("c.id").
		Where("c.id = ? AND c.state = ? AND c.submitted_at IS NULL", id, domain.Brouillon).
		Where("c.campaign_id IN (SELECT id FROM campaigns WHERE closes_at < ?)", closedBefore)
	if t.s.loc.Dialect == Postgres {
		q = q.For("UPDATE OF c")
	}
	var found []int64
	if err := q.Scan(ctx, &found); err != nil {
		return false, err
	}
	if len(found) == 0 {
		return false, nil
	}
	for _, stmt := range []string{
		"DELETE FROM jury_assignments WHERE candidature_id = ?",
		"DELETE FROM candidatures WHERE id = ?",
	} {
		if _, err := t.tx.NewRaw(stmt, id).Exec(ctx); err != nil {
			return false, fmt.Errorf("suppression du brouillon %d : %w", id, err)
		}
	}
	return true, nil
}

// InactiveAccounts lists the accounts (staff's aside, deleted ones aside)
// neither used nor reached by API since the instant.
func (s *Store) InactiveAccounts(ctx context.Context, since time.Time) ([]domain.User, error) {
	var users []domain.User
	err := s.db.NewSelect().Model(&users).
		Where(`"user".role <> ? AND "user".deleted_at IS NULL AND COALESCE("user".last_seen_at, "user".created_at) < ?`, domain.RoleStaff, since).
		Where(`NOT EXISTS (SELECT 1 FROM api_tokens AS t WHERE t.user_id = "user".id AND t.last_used_at >= ?)`, since).
		Order("id").Scan(ctx)
	return users, err
}

// InactiveSince reports, inside the transaction, whether an account is
// among InactiveAccounts(since).
func (t *Tx) InactiveSince(ctx context.Context, id int64, since time.Time) (bool, error) {
	return t.tx.NewSelect().Model((*domain.User)(nil)).
		Where(`"user".id = ? AND "user".role <> ? AND "user".deleted_at IS NULL AND COALESCE("user".last_seen_at, "user".created_at) < ?`, id, domain.RoleStaff, since).
		Where(`NOT EXISTS (SELECT 1 FROM api_tokens AS t WHERE t.user_id = "user".id AND t.last_used_at >= ?)`, since).
		Exists(ctx)
}

// LockUser reads an account and locks it for the transaction.
func (t *Tx) LockUser(ctx context.Context, id int64) (*domain.User, error) {
	u := new(domain.User)
	q := t.tx.NewSelect().Model(u).Where(`"user".id = ?`, id)
	if t.s.loc.Dialect == Postgres {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "Compte introuvable.")
	}
	return u, nil
}

// DraftsOwnedBy lists the candidatures never deposited whose élu is the account.
func (t *Tx) DraftsOwnedBy(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	err := t.tx.NewSelect().TableExpr("candidatures").Column("id").
		Where("elu_user_id = ? AND state = ? AND submitted_at IS NULL", userID, domain.Brouillon).Order("id").Scan(ctx, &ids)
	return ids, err
}

// DeleteCandidature deletes a candidature with its answers, files, members,
// links and assignments (its audit rows stay).
func (t *Tx) DeleteCandidature(ctx context.Context, id int64) error {
	for _, stmt := range []string{
		"DELETE FROM jury_assignments WHERE candidature_id = ?",
		"DELETE FROM candidatures WHERE id = ?",
	} {
		if _, err := t.tx.NewRaw(stmt, id).Exec(ctx); err != nil {
			return fmt.Errorf("suppression de la candidature %d : %w", id, err)
		}
	}
	return nil
}

// ErasedEmail is the address a deleted account keeps (unique, undeliverable).
func ErasedEmail(id int64) string { return fmt.Sprintf("compte-supprime-%d@invalid", id) }

// EraseUser empties an account of its personal data: its sessions, API
// tokens, links, pending throttling, the messages to its address, its
// memberships of others' candidatures and its retention notices go; its
// row stays, without name, address or password, for the answers, files
// and deposited candidatures that refer to it; its audit rows lose their
// actor (AnonymiseActor). The account's drafts must be deleted first.
func (t *Tx) EraseUser(ctx context.Context, u *domain.User) error {
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"DELETE FROM sessions WHERE user_id = ?", []any{u.ID}},
		{"DELETE FROM api_tokens WHERE user_id = ?", []any{u.ID}},
		{"DELETE FROM auth_links WHERE user_id = ? OR email = ?", []any{u.ID, u.Email}},
		{"UPDATE auth_links SET created_by = NULL WHERE created_by = ?", []any{u.ID}},
		{"DELETE FROM login_failures WHERE key = ?", []any{"email:" + u.Email}},
		{"DELETE FROM outbox WHERE recipient = ?", []any{u.Email}},
		{"DELETE FROM candidature_members WHERE user_id = ? AND role <> ?", []any{u.ID, domain.MemberElu}},
		{"DELETE FROM retention_notices WHERE rule = 'comptes' AND subject_id = ?", []any{u.ID}},
		{"UPDATE users SET email = ?, name = '', password_hash = '', email_verified_at = NULL, deleted_at = ?, version = version + 1 WHERE id = ?",
			[]any{ErasedEmail(u.ID), t.Now(), u.ID}},
	} {
		if _, err := t.tx.NewRaw(q.sql, q.args...).Exec(ctx); err != nil {
			return fmt.Errorf("effacement du compte %d : %w", u.ID, err)
		}
	}
	_, err := t.AnonymiseActor(ctx, u.ID)
	return err
}

// PersonalData is everything the platform holds about one account, as
// stored.
type PersonalData struct {
	User         domain.User
	Sessions     []domain.Session
	Tokens       []domain.APIToken
	Candidatures []MemberCandidature
	Answers      []AuthoredAnswer
	Evidence     []AuthoredEvidence
	Jury         []JurySeat
	Assignments  []string // candidature references
	Audit        []domain.AuditEntry
	Messages     []domain.OutboxMessage
	Links        []domain.AuthLink
	// LoginFailures counts the failed sign-ins to the address still kept
	// for throttling.
	LoginFailures int
}

// MemberCandidature is a candidature the person is a member of.
type MemberCandidature struct {
	Reference    string     `bun:"reference"`
	Collectivite string     `bun:"collectivite"`
	Year         int        `bun:"year"`
	Role         string     `bun:"role"`
	State        string     `bun:"state"`
	EluName      string     `bun:"elu_name"`
	EluMandate   string     `bun:"elu_mandate"`
	AttestedAt   *time.Time `bun:"attested_at"`
	SubmittedAt  *time.Time `bun:"submitted_at"`
}

// AuthoredAnswer is an answer the person saved last.
type AuthoredAnswer struct {
	Reference string          `bun:"reference"`
	Key       string          `bun:"question_key"`
	Value     json.RawMessage `bun:"value,type:text"`
	UpdatedAt time.Time       `bun:"updated_at"`
}

// AuthoredEvidence is a file the person attached.
type AuthoredEvidence struct {
	Reference string    `bun:"reference"`
	Key       string    `bun:"question_key"`
	Name      string    `bun:"name"`
	Size      int64     `bun:"size"`
	SHA256    string    `bun:"sha256"`
	CreatedAt time.Time `bun:"created_at"`
}

// JurySeat is a seat in a campaign's jury.
type JurySeat struct {
	Year              int        `bun:"year"`
	Seat              string     `bun:"seat"`
	Organisation      string     `bun:"organisation"`
	CharterAcceptedAt *time.Time `bun:"charter_accepted_at"`
	CreatedAt         time.Time  `bun:"created_at"`
}

// PersonalData reads everything about an account in one consistent view.
func (s *Store) PersonalData(ctx context.Context, userID int64) (*PersonalData, error) {
	d := &PersonalData{}
	err := s.inSnapshot(ctx, func(tx bun.Tx) error {
		if err := tx.NewSelect().Model(&d.User).Where(`"user".id = ?`, userID).Scan(ctx); err != nil {
			return notFound(err, "Compte introuvable.")
		}
		email := d.User.Email
		steps := []func() error{
			func() error {
				return tx.NewSelect().Model(&d.Sessions).Where("user_id = ?", userID).Order("created_at").Scan(ctx)
			},
			func() error {
				return tx.NewSelect().Model(&d.Tokens).Where("user_id = ?", userID).Order("id").Scan(ctx)
			},
			func() error {
				return tx.NewSelect().TableExpr("candidatures AS c").
					Join("JOIN campaigns AS p ON p.id = c.campaign_id").Join("JOIN collectivites AS k ON k.id = c.collectivite_id").
					Join("JOIN candidature_members AS m ON m.candidature_id = c.id AND m.user_id = ?", userID).
					ColumnExpr("c.reference, k.name AS collectivite, p.year, m.role, c.state, c.attested_at, c.submitted_at").
					ColumnExpr("CASE WHEN c.elu_user_id = ? THEN c.elu_name ELSE '' END AS elu_name", userID).
					ColumnExpr("CASE WHEN c.elu_user_id = ? THEN c.elu_mandate ELSE '' END AS elu_mandate", userID).
					OrderExpr("c.id").Scan(ctx, &d.Candidatures)
			},
			func() error {
				return tx.NewSelect().TableExpr("answers AS a").Join("JOIN candidatures AS c ON c.id = a.candidature_id").
					ColumnExpr("c.reference, a.question_key, a.value, a.updated_at").Where("a.updated_by = ?", userID).
					OrderExpr("c.id, a.question_key").Scan(ctx, &d.Answers)
			},
			func() error {
				return tx.NewSelect().TableExpr("evidence AS e").Join("JOIN candidatures AS c ON c.id = e.candidature_id").
					ColumnExpr("c.reference, e.question_key, e.name, e.size, e.sha256, e.created_at").Where("e.uploaded_by = ?", userID).
					OrderExpr("e.id").Scan(ctx, &d.Evidence)
			},
			func() error {
				return tx.NewSelect().TableExpr("jury_members AS j").Join("JOIN campaigns AS p ON p.id = j.campaign_id").
					ColumnExpr("p.year, j.seat, j.organisation, j.charter_accepted_at, j.created_at").Where("j.user_id = ?", userID).
					OrderExpr("p.year").Scan(ctx, &d.Jury)
			},
			func() error {
				return tx.NewSelect().TableExpr("jury_assignments AS a").Join("JOIN candidatures AS c ON c.id = a.candidature_id").
					ColumnExpr("c.reference").Where("a.user_id = ?", userID).OrderExpr("c.id").Scan(ctx, &d.Assignments)
			},
			func() error {
				return tx.NewSelect().Model(&d.Audit).Where("actor_id = ?", userID).Order("id").Scan(ctx)
			},
			func() error {
				return tx.NewSelect().Model(&d.Messages).Where("recipient = ?", email).Order("id").Scan(ctx)
			},
			func() error {
				return tx.NewSelect().Model(&d.Links).Where("user_id = ? OR email = ?", userID, email).Order("created_at").Scan(ctx)
			},
			func() error {
				n, err := tx.NewSelect().TableExpr("login_failures").Where("key = ?", "email:"+email).Count(ctx)
				d.LoginFailures = int(n)
				return err
			},
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}
