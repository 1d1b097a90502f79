package store

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// CandidatureFilter selects and orders a campaign's candidatures for
// staff's table.
type CandidatureFilter struct {
	CampaignID  int64
	State       string
	Kind        domain.CollectiviteKind
	Departement string
	Region      string
	// Query matches the collectivité's name (accents and case folded), its
	// code, or the candidature's reference.
	Query string
	// Sort is one of the CandidatureSorts; Desc reverses it.
	Sort          string
	Desc          bool
	Limit, Offset int
}

// The orders of staff's table.
const (
	SortName        = "nom"
	SortDepartement = "departement"
	SortState       = "etat"
	SortSubmitted   = "depot"
	SortPopulation  = "population"
)

// candidatureSorts maps the orders of staff's table to the column each
// sorts by.
var candidatureSorts = map[string]string{
	SortName:        "co.search_name",
	SortDepartement: "co.departement_code",
	SortState:       "candidature.state",
	SortSubmitted:   "candidature.submitted_at",
	SortPopulation:  "co.population",
}

// StaffCandidature is a row of staff's table.
type StaffCandidature struct {
	domain.Candidature `bun:",extend"`

	CollectiviteName string                  `bun:"collectivite_name"`
	CollectiviteKind domain.CollectiviteKind `bun:"collectivite_kind"`
	CollectiviteCode string                  `bun:"collectivite_code"`
	Departement      string                  `bun:"departement_code"`
	Region           string                  `bun:"region_code"`
	Population       int                     `bun:"population"`
	EluEmail         string                  `bun:"elu_email"`
}

// StaffCandidatures returns a page of a campaign's candidatures as the
// filter selects and orders them, and how many the filter selects in all.
func (s *Store) StaffCandidatures(ctx context.Context, f CandidatureFilter) ([]StaffCandidature, int, error) {
	var rows []StaffCandidature
	q := s.db.NewSelect().Model(&rows).
		ColumnExpr("candidature.*").
		ColumnExpr("co.name AS collectivite_name, co.kind AS collectivite_kind, co.code AS collectivite_code").
		ColumnExpr("co.departement_code, co.region_code, co.population, u.email AS elu_email").
		Join("JOIN collectivites AS co ON co.id = candidature.collectivite_id").
		Join("JOIN users AS u ON u.id = candidature.elu_user_id").
		Where("candidature.campaign_id = ?", f.CampaignID)
	if f.State != "" {
		q = q.Where("candidature.state = ?", f.State)
	}
	if f.Kind != "" {
		q = q.Where("co.kind = ?", f.Kind)
	}
	if f.Departement != "" {
		q = q.Where("co.departement_code = ?", f.Departement)
	}
	if f.Region != "" {
		q = q.Where("co.region_code = ?", f.Region)
	}
	if query := strings.TrimSpace(f.Query); query != "" {
		like := "%" + escapeLike(domain.SearchKey(query)) + "%"
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("co.search_name LIKE ? ESCAPE '\\'", like).
				WhereOr("co.code = ?", strings.ToUpper(query)).
				WhereOr("upper(candidature.reference) = ?", strings.ToUpper(query))
		})
	}
	total, err := q.Count(ctx)
	if err != nil {
		return nil, 0, err
	}
	col, ok := candidatureSorts[f.Sort]
	if !ok {
		col = candidatureSorts[SortName]
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	q = q.OrderExpr(col + dir + ", co.search_name, candidature.id")
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit)).Offset(int64(f.Offset))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, 0, err
	}
	return rows, int(total), nil
}

// Territories lists the codes and names of the current territories of a
// kind (départements, régions), for the filters of staff's table.
func (s *Store) Territories(ctx context.Context, kind domain.CollectiviteKind) ([]domain.Collectivite, error) {
	var rows []domain.Collectivite
	err := s.db.NewSelect().Model(&rows).Column("code", "name").Where("kind = ? AND active", kind).Order("code").Scan(ctx)
	return rows, err
}

// UserFilter selects accounts for staff's page.
type UserFilter struct {
	Query         string
	Role          string
	Limit, Offset int
}

// Users returns a page of accounts, newest first, and how many the filter
// selects.
func (s *Store) Users(ctx context.Context, f UserFilter) ([]domain.User, int, error) {
	var rows []domain.User
	q := s.db.NewSelect().Model(&rows).ExcludeColumn("password_hash")
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if query := strings.ToLower(strings.TrimSpace(f.Query)); query != "" {
		like := "%" + escapeLike(query) + "%"
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("lower(email) LIKE ? ESCAPE '\\'", like).WhereOr("lower(name) LIKE ? ESCAPE '\\'", like)
		})
	}
	total, err := q.Count(ctx)
	if err != nil {
		return nil, 0, err
	}
	q = q.Order("created_at DESC", "id DESC")
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit)).Offset(int64(f.Offset))
	}
	err = q.Scan(ctx)
	return rows, int(total), err
}
