package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// PalmaresRow is a palmarès entry with what the public pages show of its
// collectivité.
type PalmaresRow struct {
	domain.PalmaresEntry `bun:",extend"`

	Kind            domain.CollectiviteKind `bun:"c_kind"`
	Code            string                  `bun:"c_code"`
	Name            string                  `bun:"c_name"`
	SearchName      string                  `bun:"c_search"`
	Siren           string                  `bun:"c_siren"`
	DepartementCode string                  `bun:"c_dep"`
	RegionCode      string                  `bun:"c_reg"`
	// AwardScheme is the scheme of the entry's campaign, nil for an
	// imported edition (the scheme then follows the year).
	AwardScheme *domain.AwardScheme `bun:"-"`
	SchemeJSON  sql.NullString      `bun:"c_scheme"`
}

// PalmaresQuery says which entries PalmaresRows returns.
type PalmaresQuery struct {
	// Year, when not zero, keeps one edition.
	Year int
	// CollectiviteID, when not zero, keeps one collectivité.
	CollectiviteID int64
	// AwardedOnly leaves out the « pas de label » decisions.
	AwardedOnly bool
}

// PalmaresRows returns palmarès entries joined to their collectivités (and
// to their campaign's scheme), by year, then collectivité name.
func (s *Store) PalmaresRows(ctx context.Context, q PalmaresQuery) ([]PalmaresRow, error) {
	var rows []PalmaresRow
	sel := s.db.NewSelect().Model(&rows).
		ColumnExpr("palmares_entry.*").
		ColumnExpr("c.kind AS c_kind, c.code AS c_code, c.name AS c_name, c.search_name AS c_search, c.siren AS c_siren, c.departement_code AS c_dep, c.region_code AS c_reg").
		ColumnExpr("k.award_scheme AS c_scheme").
		Join("JOIN collectivites AS c ON c.id = palmares_entry.collectivite_id").
		Join("LEFT JOIN campaigns AS k ON k.id = palmares_entry.campaign_id")
	if q.Year != 0 {
		sel = sel.Where("palmares_entry.year = ?", q.Year)
	}
	if q.CollectiviteID != 0 {
		sel = sel.Where("palmares_entry.collectivite_id = ?", q.CollectiviteID)
	}
	if q.AwardedOnly {
		sel = sel.Where("palmares_entry.awarded = ?", true)
	}
	if err := sel.OrderExpr("palmares_entry.year, c.search_name, palmares_entry.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("lecture du palmarès : %w", err)
	}
	for i := range rows {
		if r := &rows[i]; r.SchemeJSON.Valid && r.SchemeJSON.String != "" {
			var sc domain.AwardScheme
			if err := json.Unmarshal([]byte(r.SchemeJSON.String), &sc); err == nil && len(sc.Levels) > 0 {
				r.AwardScheme = &sc
			}
		}
		if rows[i].Mentions == nil {
			rows[i].Mentions = []string{}
		}
	}
	return rows, nil
}

// PalmaresStamp identifies the state of the palmarès table: it changes
// whenever an entry is added (a publication, an import, a matched row) or
// rectified (its version grows), so that pages cached under it are
// rendered again.
func (s *Store) PalmaresStamp(ctx context.Context) (string, error) {
	var r struct {
		N        int64         `bun:"n"`
		Versions sql.NullInt64 `bun:"v"`
		MaxID    sql.NullInt64 `bun:"m"`
	}
	err := s.db.NewSelect().TableExpr("palmares").
		ColumnExpr("count(*) AS n, sum(version) AS v, max(id) AS m").Scan(ctx, &r)
	if err != nil {
		return "", fmt.Errorf("état du palmarès : %w", err)
	}
	return fmt.Sprintf("%d-%d-%d", r.N, r.Versions.Int64, r.MaxID.Int64), nil
}

// PalmaresKeys returns the collectivités of each edition already in the
// palmarès: an import skips them.
func (t *Tx) PalmaresKeys(ctx context.Context) (map[int]map[int64]bool, error) {
	var rows []struct {
		Year int   `bun:"year"`
		ID   int64 `bun:"collectivite_id"`
	}
	if err := t.tx.NewSelect().TableExpr("palmares").Column("year", "collectivite_id").Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("lecture du palmarès : %w", err)
	}
	out := map[int]map[int64]bool{}
	for _, r := range rows {
		if out[r.Year] == nil {
			out[r.Year] = map[int64]bool{}
		}
		out[r.Year][r.ID] = true
	}
	return out, nil
}

// PalmaresUnmatched is an imported row that matched no collectivité, or
// several, waiting for staff to pick one.
type PalmaresUnmatched struct {
	bun.BaseModel `bun:"table:palmares_unmatched"`

	ID            int64      `bun:"id,pk,autoincrement"`
	Year          int        `bun:"year,notnull"`
	Level         string     `bun:"level,notnull"`
	PublishedName string     `bun:"published_name,notnull"`
	Kind          string     `bun:"kind,notnull"`
	Departement   string     `bun:"departement,notnull"`
	Code          string     `bun:"code,notnull"`
	Mention       string     `bun:"mention,notnull"`
	Source        string     `bun:"source,notnull"`
	Reason        string     `bun:"reason,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	ResolvedAt    *time.Time `bun:"resolved_at"`
	PalmaresID    *int64     `bun:"palmares_id"`
}

// InsertPalmaresUnmatched records an unmatched row unless the same row is
// already recorded; it reports whether it was new.
func (t *Tx) InsertPalmaresUnmatched(ctx context.Context, u *PalmaresUnmatched) (bool, error) {
	res, err := t.tx.NewInsert().Model(u).
		On("CONFLICT (year, published_name, kind, departement, code) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("ligne non rapprochée : %w", mapError(err))
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// PalmaresUnmatchedRows returns the unmatched rows, the open ones only
// unless all is set, by year and name.
func (s *Store) PalmaresUnmatchedRows(ctx context.Context, all bool) ([]PalmaresUnmatched, error) {
	var rows []PalmaresUnmatched
	sel := s.db.NewSelect().Model(&rows)
	if !all {
		sel = sel.Where("resolved_at IS NULL")
	}
	if err := sel.Order("year", "published_name", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("lignes non rapprochées : %w", err)
	}
	return rows, nil
}

// PalmaresUnmatchedForUpdate locks and returns one unmatched row.
func (t *Tx) PalmaresUnmatchedForUpdate(ctx context.Context, id int64) (*PalmaresUnmatched, error) {
	u := new(PalmaresUnmatched)
	sel := t.tx.NewSelect().Model(u).Where("id = ?", id)
	if t.s.Dialect() == "postgres" {
		sel = sel.For("UPDATE")
	}
	if err := sel.Scan(ctx); err != nil {
		return nil, notFound(err, "Ligne à rapprocher n° %d introuvable.", id)
	}
	return u, nil
}

// ResolvePalmaresUnmatched marks an unmatched row as matched to entry.
func (t *Tx) ResolvePalmaresUnmatched(ctx context.Context, id, palmaresID int64, at time.Time) error {
	res, err := t.tx.NewUpdate().Model((*PalmaresUnmatched)(nil)).
		Set("resolved_at = ?", at).Set("palmares_id = ?", palmaresID).
		Where("id = ? AND resolved_at IS NULL", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("rapprochement : %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.Errorf(domain.EConflict, "Cette ligne a déjà été rapprochée.")
	}
	return nil
}

// PalmaresEntryOf returns the entry of a collectivité for an edition, or a
// not-found error.
func (t *Tx) PalmaresEntryOf(ctx context.Context, year int, collectiviteID int64) (*domain.PalmaresEntry, error) {
	e := new(domain.PalmaresEntry)
	err := t.tx.NewSelect().Model(e).Where("year = ? AND collectivite_id = ?", year, collectiviteID).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Aucune entrée du palmarès %d pour cette collectivité.", year)
	}
	return e, nil
}

// CollectivitesNamed returns the active collectivités whose search name is
// name, of one kind when kind is not empty, in one département when dep is
// not empty: the candidates for an imported row without a code.
func (t *Tx) CollectivitesNamed(ctx context.Context, name string, kind domain.CollectiviteKind, dep string) ([]domain.Collectivite, error) {
	var rows []domain.Collectivite
	sel := t.tx.NewSelect().Model(&rows).Where("search_name = ? AND active", name)
	if kind != "" {
		sel = sel.Where("kind = ?", kind)
	}
	if dep != "" {
		sel = sel.Where("departement_code = ?", dep)
	}
	if err := sel.Limit(10).Scan(ctx); err != nil {
		return nil, fmt.Errorf("recherche de collectivité : %w", err)
	}
	return rows, nil
}

// CollectiviteByCodeTx returns one collectivité by its natural key, inside
// the transaction.
func (t *Tx) CollectiviteByCodeTx(ctx context.Context, kind domain.CollectiviteKind, code string) (*domain.Collectivite, error) {
	c := new(domain.Collectivite)
	err := t.tx.NewSelect().Model(c).Where("kind = ? AND code = ?", kind, code).Scan(ctx)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, err
	}
	return c, nil
}
