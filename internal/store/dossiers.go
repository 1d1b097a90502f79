package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// DossierCandidature is a candidature with what its documents show of its
// collectivité, département and élu référent's account.
type DossierCandidature struct {
	domain.Candidature `bun:",extend"`

	CollectiviteName    string                  `bun:"collectivite_name"`
	CollectiviteKind    domain.CollectiviteKind `bun:"collectivite_kind"`
	CollectiviteSubtype string                  `bun:"collectivite_subtype"`
	CollectiviteCode    string                  `bun:"collectivite_code"`
	Population          int                     `bun:"population"`
	DepartementCode     string                  `bun:"departement_code"`
	DepartementName     string                  `bun:"departement_name"` // "" when the département is unknown
	EluAccountName      string                  `bun:"elu_account_name"`
	EluAccountEmail     string                  `bun:"elu_account_email"`
	EluTitleForm        string                  `bun:"elu_title_form"`
}

// DossierAnswer is an answer as the documents use it.
type DossierAnswer struct {
	QuestionKey string    `bun:"question_key"`
	Value       []byte    `bun:"value"`
	UpdatedAt   time.Time `bun:"updated_at"`
}

// DossierData is everything the documents of one candidature show: the
// candidature, its members (élu first), its answers in question key order and
// its evidence files without their content.
type DossierData struct {
	Candidature DossierCandidature
	Members     []Member
	Answers     []DossierAnswer
	Evidence    []domain.Evidence
}

// Dossiers loads the given candidatures with their members, answers and
// evidence metadata in four queries, in id order; unknown ids are left out.
func (s *Store) Dossiers(ctx context.Context, ids []int64) ([]DossierData, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return s.readDossiers(ctx, func(ctx context.Context, db bun.IDB) ([]DossierData, error) {
		return loadDossiers(ctx, db, ids)
	})
}

// DossierPage loads, in id order, at most limit candidatures of a campaign
// whose id is greater than afterID, optionally only those in the given
// states, with their members, answers and evidence metadata: five queries
// per page. A bulk export pages through a campaign by passing the last id
// of each page as the next afterID, until a page comes back empty.
func (s *Store) DossierPage(ctx context.Context, campaignID int64, states []string, afterID int64, limit int) ([]DossierData, error) {
	return s.readDossiers(ctx, func(ctx context.Context, db bun.IDB) ([]DossierData, error) {
		// The page's ids first, then the joins on them alone, so that the
		// cost of a page does not depend on how many candidatures follow.
		// The ids are read in primary key order: on SQLite, « +campaign_id »
		// keeps the planner off the campaign indexes, through which it
		// would sort the whole campaign for every page.
		campaign := "campaign_id = ?"
		if s.loc.Dialect == SQLite {
			campaign = "+campaign_id = ?"
		}
		var ids []int64
		q := db.NewSelect().Model((*domain.Candidature)(nil)).Column("id").
			Where(campaign, campaignID).Where("id > ?", afterID)
		if len(states) > 0 {
			q = q.Where("state IN (?)", bun.List(states))
		}
		if err := q.Order("id").Limit(int64(max(limit, 1))).Scan(ctx, &ids); err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return nil, nil
		}
		return loadDossiers(ctx, db, ids)
	})
}

// readDossiers runs the queries of a load. On PostgreSQL they share a
// read-only repeatable-read snapshot, so that a page is consistent even
// while people edit; SQLite transactions here take the write lock
// (_txlock=immediate), so its queries run on their own.
func (s *Store) readDossiers(ctx context.Context, read func(context.Context, bun.IDB) ([]DossierData, error)) ([]DossierData, error) {
	if s.loc.Dialect != Postgres {
		return read(ctx, s.db)
	}
	var out []DossierData
	err := s.db.RunInTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = read(ctx, tx)
		return err
	})
	return out, err
}

// loadDossiers loads the candidatures of ids and what their documents show.
func loadDossiers(ctx context.Context, db bun.IDB, ids []int64) ([]DossierData, error) {
	var cands []DossierCandidature
	err := db.NewSelect().Model(&cands).
		ColumnExpr("candidature.*").
		ColumnExpr("co.name AS collectivite_name, co.kind AS collectivite_kind, co.subtype AS collectivite_subtype").
		ColumnExpr("co.code AS collectivite_code, co.population, co.departement_code").
		ColumnExpr("COALESCE(dep.name, '') AS departement_name").
		ColumnExpr("u.name AS elu_account_name, u.email AS elu_account_email, u.title_form AS elu_title_form").
		Join("JOIN collectivites AS co ON co.id = candidature.collectivite_id").
		Join("LEFT JOIN collectivites AS dep ON dep.kind = 'departement' AND dep.code = co.departement_code AND co.departement_code <> ''").
		Join("JOIN users AS u ON u.id = candidature.elu_user_id").
		Where("candidature.id IN (?)", bun.List(ids)).
		OrderExpr("candidature.id").
		Scan(ctx)
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return nil, nil
	}
	ids = make([]int64, len(cands))
	index := make(map[int64]int, len(cands))
	out := make([]DossierData, len(cands))
	for i := range cands {
		ids[i] = cands[i].ID
		index[cands[i].ID] = i
		out[i].Candidature = cands[i]
	}

	var members []struct {
		CandidatureID int64 `bun:"candidature_id"`
		Member
	}
	err = db.NewSelect().TableExpr("candidature_members AS m").
		ColumnExpr("m.candidature_id, m.user_id, u.email, u.name, m.role, m.created_at").
		Join("JOIN users AS u ON u.id = m.user_id").
		Where("m.candidature_id IN (?)", bun.List(ids)).
		OrderExpr("m.candidature_id, CASE m.role WHEN 'elu' THEN 0 ELSE 1 END, m.created_at, u.email").
		Scan(ctx, &members)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		d := &out[index[m.CandidatureID]]
		d.Members = append(d.Members, m.Member)
	}

	var answers []struct {
		CandidatureID int64 `bun:"candidature_id"`
		DossierAnswer
	}
	err = db.NewSelect().Model((*domain.Answer)(nil)).
		Column("candidature_id", "question_key", "value", "updated_at").
		Where("candidature_id IN (?)", bun.List(ids)).
		Order("candidature_id", "question_key").
		Scan(ctx, &answers)
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(answers); {
		id := answers[start].CandidatureID
		end := start
		for end < len(answers) && answers[end].CandidatureID == id {
			end++
		}
		rows := make([]DossierAnswer, end-start)
		for i := range rows {
			rows[i] = answers[start+i].DossierAnswer
		}
		out[index[id]].Answers = rows
		start = end
	}

	var evidence []domain.Evidence
	err = db.NewSelect().Model(&evidence).ExcludeColumn("data").
		Where("candidature_id IN (?)", bun.List(ids)).
		Order("candidature_id", "question_key", "id").
		Scan(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range evidence {
		d := &out[index[e.CandidatureID]]
		d.Evidence = append(d.Evidence, e)
	}
	return out, nil
}
