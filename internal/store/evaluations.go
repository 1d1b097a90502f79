package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// An assignment and its evaluation are written together: every assigned
// juror has an evaluation of the candidature, from « assignée » on.

// Assign assigns a juror to evaluate a candidature, with their evaluation
// (nothing changes when they are already).
func (s *Store) Assign(ctx context.Context, candidatureID, userID int64) error {
	return s.InTx(ctx, func(tx *Tx) error {
		c, err := tx.CandidatureForShare(ctx, candidatureID)
		if err != nil {
			return err
		}
		_, err = tx.AddAssignment(ctx, c.CampaignID, candidatureID, userID)
		return err
	})
}

// AddAssignment assigns a juror to a candidature inside the transaction
// and returns their evaluation (the existing one when they were already).
func (t *Tx) AddAssignment(ctx context.Context, campaignID, candidatureID, userID int64) (*domain.Evaluation, error) {
	if err := t.AddAssignments(ctx, campaignID, [][2]int64{{candidatureID, userID}}); err != nil {
		return nil, err
	}
	e := new(domain.Evaluation)
	if err := t.tx.NewSelect().Model(e).Where("candidature_id = ? AND user_id = ?", candidatureID, userID).Scan(ctx); err != nil {
		return nil, err
	}
	return e, nil
}

// AddAssignments assigns many (candidature, juror) pairs of a campaign at
// once, each with its evaluation in state « assignée »; pairs assigned
// already are left as they are.
func (t *Tx) AddAssignments(ctx context.Context, campaignID int64, pairs [][2]int64) error {
	now := t.Now()
	if t.s.loc.Dialect == Postgres && len(pairs) > assignmentBatch {
		return t.addAssignmentsArrays(ctx, campaignID, pairs, now)
	}
	for start := 0; start < len(pairs); start += assignmentBatch {
		batch := pairs[start:min(start+assignmentBatch, len(pairs))]
		as := make([]Assignment, len(batch))
		es := make([]domain.Evaluation, len(batch))
		for i, p := range batch {
			as[i] = Assignment{CandidatureID: p[0], UserID: p[1], CreatedAt: now}
			es[i] = domain.Evaluation{CandidatureID: p[0], UserID: p[1], CampaignID: campaignID, State: domain.EvalAssignee,
				Scores: map[string]map[string]int{}, Comments: map[string]string{}, CreatedAt: now, UpdatedAt: now, Version: 1}
		}
		if _, err := t.tx.NewInsert().Model(&as).On("CONFLICT (candidature_id, user_id) DO NOTHING").Exec(ctx); err != nil {
			return err
		}
		if _, err := t.tx.NewInsert().Model(&es).On("CONFLICT (candidature_id, user_id) DO NOTHING").Returning("NULL").Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// addAssignmentsArrays writes many assignments on PostgreSQL in two
// statements, from two arrays: a full-scale run (109 077 pairs) spent most
// of its time building and parsing multi-row VALUES lists.
func (t *Tx) addAssignmentsArrays(ctx context.Context, campaignID int64, pairs [][2]int64, now time.Time) error {
	var cs, us strings.Builder
	cs.WriteByte('{')
	us.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			cs.WriteByte(',')
			us.WriteByte(',')
		}
		fmt.Fprint(&cs, p[0])
		fmt.Fprint(&us, p[1])
	}
	cs.WriteByte('}')
	us.WriteByte('}')
	if _, err := t.tx.NewRaw(`INSERT INTO jury_assignments (candidature_id, user_id, created_at)
		SELECT c, u, ? FROM unnest(?::bigint[], ?::bigint[]) AS p(c, u) ON CONFLICT DO NOTHING`, now, cs.String(), us.String()).Exec(ctx); err != nil {
		return err
	}
	_, err := t.tx.NewRaw(`INSERT INTO evaluations (candidature_id, user_id, campaign_id, state, scores, comments, created_at, updated_at, version)
		SELECT c, u, ?, ?, '{}', '{}', ?, ?, 1 FROM unnest(?::bigint[], ?::bigint[]) AS p(c, u) ON CONFLICT DO NOTHING`,
		campaignID, domain.EvalAssignee, now, now, cs.String(), us.String()).Exec(ctx)
	return err
}

// AssignmentRow is an assignment of a campaign with its evaluation.
type AssignmentRow struct {
	CandidatureID int64  `bun:"candidature_id"`
	UserID        int64  `bun:"user_id"`
	EvaluationID  int64  `bun:"evaluation_id"`
	State         string `bun:"state"`
}

// CampaignAssignments lists a campaign's assignments with their
// evaluations' states.
func (s *Store) CampaignAssignments(ctx context.Context, campaignID int64) ([]AssignmentRow, error) {
	return campaignAssignments(ctx, s.db, campaignID)
}

// CampaignAssignments is Store.CampaignAssignments inside the transaction.
func (t *Tx) CampaignAssignments(ctx context.Context, campaignID int64) ([]AssignmentRow, error) {
	return campaignAssignments(ctx, t.tx, campaignID)
}

func campaignAssignments(ctx context.Context, db bun.IDB, campaignID int64) ([]AssignmentRow, error) {
	return assignments(ctx, db, AssignmentFilter{CampaignID: campaignID})
}

// AssignmentFilter selects assignments: of a campaign, a candidature, a
// juror (any combination).
type AssignmentFilter struct {
	CampaignID, CandidatureID, UserID int64
}

// Assignments lists the assignments a filter selects, inside the
// transaction.
func (t *Tx) Assignments(ctx context.Context, f AssignmentFilter) ([]AssignmentRow, error) {
	return assignments(ctx, t.tx, f)
}

// Assignments lists the assignments a filter selects.
func (s *Store) Assignments(ctx context.Context, f AssignmentFilter) ([]AssignmentRow, error) {
	return assignments(ctx, s.db, f)
}

func assignments(ctx context.Context, db bun.IDB, f AssignmentFilter) ([]AssignmentRow, error) {
	var rows []AssignmentRow
	q := db.NewSelect().TableExpr("jury_assignments AS a").
		ColumnExpr("a.candidature_id, a.user_id, COALESCE(e.id, 0) AS evaluation_id, COALESCE(e.state, '') AS state").
		Join("LEFT JOIN evaluations AS e ON e.candidature_id = a.candidature_id AND e.user_id = a.user_id")
	if f.CampaignID != 0 {
		q = q.Join("JOIN candidatures AS c ON c.id = a.candidature_id").Where("c.campaign_id = ?", f.CampaignID)
	}
	if f.CandidatureID != 0 {
		q = q.Where("a.candidature_id = ?", f.CandidatureID)
	}
	if f.UserID != 0 {
		q = q.Where("a.user_id = ?", f.UserID)
	}
	err := q.OrderExpr("a.candidature_id, a.user_id").Scan(ctx, &rows)
	return rows, err
}

// Evaluation returns an evaluation by id.
func (s *Store) Evaluation(ctx context.Context, id int64) (*domain.Evaluation, error) {
	e := new(domain.Evaluation)
	if err := s.db.NewSelect().Model(e).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFound(err, "Évaluation introuvable.")
	}
	return e, nil
}

// EvaluationOf returns a juror's evaluation of a candidature.
func (s *Store) EvaluationOf(ctx context.Context, candidatureID, userID int64) (*domain.Evaluation, error) {
	e := new(domain.Evaluation)
	if err := s.db.NewSelect().Model(e).Where("candidature_id = ? AND user_id = ?", candidatureID, userID).Scan(ctx); err != nil {
		return nil, notFound(err, "Évaluation introuvable.")
	}
	return e, nil
}

// EvaluationAccess is an evaluation with one person's links to it, read in
// one statement: the facts of the policy.
type EvaluationAccess struct {
	domain.Evaluation `bun:",extend"`

	MemberRole string `bun:"member_role"` // the person's role among the candidature's members
	Seat       string `bun:"seat"`        // their seat in the campaign's jury, charter accepted
	Assigned   bool   `bun:"assigned"`    // assigned to the candidature
	Conflicted bool   `bun:"conflicted"`
	// AuthorEmail and AuthorName are the evaluation's juror's.
	AuthorEmail string `bun:"author_email"`
	AuthorName  string `bun:"author_name"`
}

// EvaluationAccess reads an evaluation inside the transaction (locked for
// update on PostgreSQL when the transaction writes) with the person's links.
func (t *Tx) EvaluationAccess(ctx context.Context, id, userID int64) (*EvaluationAccess, error) {
	row := new(EvaluationAccess)
	q := t.tx.NewSelect().Model(row).ColumnExpr("evaluation.*").
		ColumnExpr("COALESCE((SELECT m.role FROM candidature_members AS m WHERE m.candidature_id = evaluation.candidature_id AND m.user_id = ?), '') AS member_role", userID).
		ColumnExpr("COALESCE((SELECT j.seat FROM jury_members AS j WHERE j.campaign_id = evaluation.campaign_id AND j.user_id = ? AND j.charter_accepted_at IS NOT NULL), '') AS seat", userID).
		ColumnExpr("EXISTS (SELECT 1 FROM jury_assignments AS a WHERE a.candidature_id = evaluation.candidature_id AND a.user_id = ?) AS assigned", userID).
		ColumnExpr(`(EXISTS (SELECT 1 FROM jury_conflicts AS x WHERE x.candidature_id = evaluation.candidature_id AND x.user_id = ?)
			OR EXISTS (SELECT 1 FROM jury_zone AS z JOIN candidatures AS zc ON zc.id = evaluation.candidature_id
				WHERE z.campaign_id = evaluation.campaign_id AND z.user_id = ? AND z.collectivite_id = zc.collectivite_id)) AS conflicted`, userID, userID).
		ColumnExpr("au.email AS author_email, au.name AS author_name").
		Join("JOIN users AS au ON au.id = evaluation.user_id").
		Where("evaluation.id = ?", id)
	if lock := t.lock("UPDATE"); lock != "" {
		q = q.For(lock + " OF evaluation")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "Évaluation introuvable.")
	}
	return row, nil
}

// EvaluationDraft is what an autosave writes.
type EvaluationDraft struct {
	Scores      map[string]map[string]int
	Comments    map[string]string
	Level       *int
	Confidence  string
	PrivateNote string
	Remark      string
}

func (d EvaluationDraft) set(q *bun.UpdateQuery, now time.Time) *bun.UpdateQuery {
	return q.Set("scores = ?", jsonText(d.Scores)).Set("comments = ?", jsonText(d.Comments)).Set("level = ?", d.Level).
		Set("confidence = ?", d.Confidence).Set("private_note = ?", d.PrivateNote).Set("remark = ?", d.Remark).
		Set("draft_version = draft_version + 1").Set("updated_at = ?", now)
}

// SaveEvaluationDraft writes a draft of an evaluation « en cours » in one
// statement, if its draft version is still expected; it reports whether it
// did (false: the evaluation changed meanwhile, or is no longer en cours).
func (s *Store) SaveEvaluationDraft(ctx context.Context, id int64, d EvaluationDraft, expected int) (bool, error) {
	q := d.set(s.db.NewUpdate().Model((*domain.Evaluation)(nil)), s.Now()).
		Where("id = ? AND draft_version = ? AND state = ?", id, expected, domain.EvalEnCours)
	res, err := q.Exec(ctx)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// WriteEvaluationDraft writes a draft inside the transaction (the first
// one, which starts the evaluation), if its draft version is still
// expected.
func (t *Tx) WriteEvaluationDraft(ctx context.Context, id int64, d EvaluationDraft, expected int) error {
	res, err := d.set(t.tx.NewUpdate().Model((*domain.Evaluation)(nil)), t.Now()).
		Where("id = ? AND draft_version = ?", id, expected).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.EConflict, "Cette évaluation a été modifiée entre-temps (dans un autre onglet ?) : rechargez la page.")
	}
	return nil
}

// SubmitEvaluation records an evaluation's submission: its theme averages,
// overall score and instant.
func (t *Tx) SubmitEvaluation(ctx context.Context, id int64, themeScores string, overall float64) error {
	now := t.Now()
	_, err := t.tx.NewUpdate().Model((*domain.Evaluation)(nil)).
		Set("theme_scores = ?", themeScores).Set("overall = ?", overall).Set("submitted_at = ?", now).Set("updated_at = ?", now).
		Where("id = ?", id).Exec(ctx)
	return err
}

// ReopenEvaluation clears an evaluation's submission.
func (t *Tx) ReopenEvaluation(ctx context.Context, id int64) error {
	_, err := t.tx.NewUpdate().Model((*domain.Evaluation)(nil)).
		Set("theme_scores = ''").Set("overall = NULL").Set("submitted_at = NULL").Set("updated_at = ?", t.Now()).
		Where("id = ?", id).Exec(ctx)
	return err
}

// SetRemarkKept records whether the jury keeps an evaluation's remark for
// the collectivité.
func (s *Store) SetRemarkKept(ctx context.Context, id int64, kept bool) error {
	_, err := s.db.NewUpdate().Model((*domain.Evaluation)(nil)).Set("remark_kept = ?", kept).Where("id = ?", id).Exec(ctx)
	return err
}

// EvaluationRow is an evaluation with its juror.
type EvaluationRow struct {
	domain.Evaluation `bun:",extend"`

	Email string `bun:"email"`
	Name  string `bun:"name"`
}

// EvaluationsOfCandidature lists a candidature's evaluations with their
// jurors, by juror email.
func (s *Store) EvaluationsOfCandidature(ctx context.Context, candidatureID int64) ([]EvaluationRow, error) {
	var rows []EvaluationRow
	err := s.db.NewSelect().Model(&rows).ColumnExpr("evaluation.*, u.email, u.name").
		Join("JOIN users AS u ON u.id = evaluation.user_id").
		Where("evaluation.candidature_id = ?", candidatureID).OrderExpr("u.email").Scan(ctx)
	return rows, err
}

// JurorEvaluation is one evaluation on a juror's list.
type JurorEvaluation struct {
	domain.Evaluation `bun:",extend"`

	Reference         string                  `bun:"reference"`
	CandidatureState  string                  `bun:"candidature_state"`
	CollectiviteName  string                  `bun:"collectivite_name"`
	CollectiviteKind  domain.CollectiviteKind `bun:"collectivite_kind"`
	CampaignYear      int                     `bun:"campaign_year"`
	CollectiviteID    int64                   `bun:"collectivite_id"`
	CandidatureSubmit *time.Time              `bun:"candidature_submitted_at"`
}

// EvaluationsOfJuror lists a juror's evaluations in a campaign, by
// collectivité name.
func (s *Store) EvaluationsOfJuror(ctx context.Context, campaignID, userID int64) ([]JurorEvaluation, error) {
	var rows []JurorEvaluation
	err := s.db.NewSelect().Model(&rows).
		ColumnExpr("evaluation.*, c.reference, c.state AS candidature_state, c.collectivite_id, c.submitted_at AS candidature_submitted_at").
		ColumnExpr("co.name AS collectivite_name, co.kind AS collectivite_kind, cp.year AS campaign_year").
		Join("JOIN candidatures AS c ON c.id = evaluation.candidature_id").
		Join("JOIN collectivites AS co ON co.id = c.collectivite_id").
		Join("JOIN campaigns AS cp ON cp.id = evaluation.campaign_id").
		Where("evaluation.campaign_id = ? AND evaluation.user_id = ?", campaignID, userID).
		OrderExpr("co.search_name, evaluation.id").Scan(ctx)
	return rows, err
}

// EvaluationFigures are the figures of a submitted evaluation, for the
// aggregation.
type EvaluationFigures struct {
	ID            int64   `bun:"id"`
	CandidatureID int64   `bun:"candidature_id"`
	UserID        int64   `bun:"user_id"`
	ThemeScores   string  `bun:"theme_scores"`
	Overall       float64 `bun:"overall"`
	Level         *int    `bun:"level"`
	Confidence    string  `bun:"confidence"`
}

// SubmittedEvaluations returns the figures of every submitted evaluation of
// a campaign, in candidature then juror order: one statement, no JSON.
func (s *Store) SubmittedEvaluations(ctx context.Context, campaignID int64) ([]EvaluationFigures, error) {
	var rows []EvaluationFigures
	err := s.db.NewSelect().Model((*domain.Evaluation)(nil)).
		Column("id", "candidature_id", "user_id", "theme_scores", "level", "confidence").
		ColumnExpr("COALESCE(overall, 0) AS overall").
		Where("campaign_id = ? AND state = ?", campaignID, domain.EvalRemise).
		OrderExpr("candidature_id, user_id").Scan(ctx, &rows)
	return rows, err
}

// EvaluationProgress counts a candidature's assigned and submitted
// evaluations inside the transaction.
func (t *Tx) EvaluationProgress(ctx context.Context, candidatureID int64) (assigned, submitted int, err error) {
	var row struct {
		Assigned  int `bun:"assigned"`
		Submitted int `bun:"submitted"`
	}
	err = t.tx.NewSelect().Model((*domain.Evaluation)(nil)).
		ColumnExpr("count(*) AS assigned").
		ColumnExpr("COALESCE(sum(CASE WHEN state = ? THEN 1 ELSE 0 END), 0) AS submitted", domain.EvalRemise).
		Where("candidature_id = ?", candidatureID).Scan(ctx, &row)
	return row.Assigned, row.Submitted, err
}

// JurorReminder is a juror with evaluations still to submit.
type JurorReminder struct {
	UserID  int64  `bun:"user_id"`
	Email   string `bun:"email"`
	Name    string `bun:"name"`
	Pending int    `bun:"pending"`
}

// JuryReminderTargets lists a campaign's jurors with evaluations not
// submitted, of candidatures still under evaluation.
func (s *Store) JuryReminderTargets(ctx context.Context, campaignID int64) ([]JurorReminder, error) {
	var rows []JurorReminder
	err := s.db.NewSelect().TableExpr("evaluations AS e").
		ColumnExpr("e.user_id, u.email, u.name, count(*) AS pending").
		Join("JOIN users AS u ON u.id = e.user_id").
		Join("JOIN candidatures AS c ON c.id = e.candidature_id").
		Where("e.campaign_id = ? AND e.state <> ?", campaignID, domain.EvalRemise).
		Where("c.state IN (?)", bun.List([]string{domain.Recevable, domain.EnInstruction, domain.ComplementDemande})).
		GroupExpr("e.user_id, u.email, u.name").OrderExpr("u.email").Scan(ctx, &rows)
	return rows, err
}

// AssignableCandidature is a candidature as the assignment sees it.
type AssignableCandidature struct {
	ID               int64                   `bun:"id"`
	Reference        string                  `bun:"reference"`
	State            string                  `bun:"state"`
	CollectiviteID   int64                   `bun:"collectivite_id"`
	CollectiviteKind domain.CollectiviteKind `bun:"kind"`
	RegionCode       string                  `bun:"region_code"`
	LeadTheme        string                  `bun:"lead_theme"`
}

// AssignableCandidatures lists a campaign's candidatures in the given
// states with what the assignment's preferences look at, in id order.
func (s *Store) AssignableCandidatures(ctx context.Context, campaignID int64, states []string) ([]AssignableCandidature, error) {
	var rows []AssignableCandidature
	err := s.db.NewSelect().TableExpr("candidatures AS c").
		ColumnExpr("c.id, c.reference, c.state, c.collectivite_id, co.kind, co.region_code, COALESCE(sc.lead_theme, '') AS lead_theme").
		Join("JOIN collectivites AS co ON co.id = c.collectivite_id").
		Join("LEFT JOIN candidature_scores AS sc ON sc.candidature_id = c.id").
		Where("c.campaign_id = ? AND c.state IN (?)", campaignID, bun.List(states)).
		OrderExpr("c.id").Scan(ctx, &rows)
	return rows, err
}

// DeleteAssignmentPairs takes many jurors off candidatures at once, with
// their evaluations, in batches.
func (t *Tx) DeleteAssignmentPairs(ctx context.Context, pairs [][2]int64) error {
	for start := 0; start < len(pairs); start += assignmentBatch {
		batch := pairs[start:min(start+assignmentBatch, len(pairs))]
		var b strings.Builder
		b.WriteString("(candidature_id, user_id) IN (")
		for i, p := range batch {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "(%d, %d)", p[0], p[1])
		}
		b.WriteString(")")
		for _, table := range []string{"evaluations", "jury_assignments"} {
			if _, err := t.tx.NewDelete().TableExpr(table).Where(b.String()).Exec(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// assignmentBatch is how many assignments one statement writes: an
// assignment run writes a hundred thousand at full scale; bun writes the
// values in the statement, and fewer, larger statements measured faster
// (2 000 rows: 55 statements for 109 077 pairs).
const assignmentBatch = 2000
