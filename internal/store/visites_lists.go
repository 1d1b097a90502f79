package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// VisiteSummary is a request with what the lists show of it.
type VisiteSummary struct {
	domain.Visite `bun:",extend"`

	CommuneCode     string  `bun:"commune_code,scanonly"`
	CommuneName     string  `bun:"commune_name,scanonly"`
	DepartementCode string  `bun:"departement_code,scanonly"`
	RegionCode      string  `bun:"region_code,scanonly"`
	Population      int     `bun:"population,scanonly"`
	GullName        string  `bun:"gull_name,scanonly"` // the GULL of the ambassadeur in charge
	GullSlug        string  `bun:"gull_slug,scanonly"` // its public page
	InChargeName    string  `bun:"in_charge_name,scanonly"`
	DistanceKm      float64 `bun:"distance_km,scanonly"` // from the list's GULL, or the nearest route
	HorsZoneN       int     `bun:"hors_zone_n,scanonly"` // 1: outside the GULL's zone
	Routes          int     `bun:"routes,scanonly"`
	Summary         string  `bun:"public_summary,scanonly"`
}

func summaries(db bun.IDB, rows *[]VisiteSummary) *bun.SelectQuery {
	return db.NewSelect().Model(rows).ColumnExpr("visite.*").
		ColumnExpr("c.code AS commune_code, c.name AS commune_name, c.departement_code, c.region_code, c.population").
		ColumnExpr("COALESCE(g.name, '') AS gull_name, COALESCE(g.slug, '') AS gull_slug").
		ColumnExpr("COALESCE(NULLIF(u.name, ''), u.email, '') AS in_charge_name").
		ColumnExpr("(SELECT count(*) FROM visite_routes AS rc WHERE rc.visite_id = visite.id) AS routes").
		ColumnExpr("COALESCE((SELECT rp.public_summary FROM visite_reports AS rp WHERE rp.visite_id = visite.id), '') AS public_summary").
		Join("JOIN collectivites AS c ON c.id = visite.collectivite_id").
		Join("LEFT JOIN gulls AS g ON g.id = visite.gull_id").
		Join("LEFT JOIN users AS u ON u.id = visite.ambassadeur_id")
}

// VisitesWaitingFor lists the confirmed requests, unclaimed, routed to a
// validated GULL of the person, that they have not declined; nearest first.
func (s *Store) VisitesWaitingFor(ctx context.Context, userID int64) ([]VisiteSummary, error) {
	var rows []VisiteSummary
	err := summaries(s.db, &rows).
		ColumnExpr(`(SELECT min(r.distance_km) FROM visite_routes AS r JOIN gull_members AS m ON m.gull_id = r.gull_id
			WHERE r.visite_id = visite.id AND m.user_id = ?) AS distance_km`, userID).
		ColumnExpr(`(SELECT min(CASE WHEN r.hors_zone THEN 1 ELSE 0 END) FROM visite_routes AS r JOIN gull_members AS m ON m.gull_id = r.gull_id
			WHERE r.visite_id = visite.id AND m.user_id = ?) AS hors_zone_n`, userID).
		Where("visite.state = ?", domain.VisiteConfirmee).
		Where(`EXISTS (SELECT 1 FROM visite_routes AS r JOIN gull_members AS m ON m.gull_id = r.gull_id
			JOIN gulls AS gg ON gg.id = r.gull_id WHERE r.visite_id = visite.id AND m.user_id = ? AND gg.state = ?)`, userID, domain.GullValidated).
		Where("NOT EXISTS (SELECT 1 FROM visite_declines AS d WHERE d.visite_id = visite.id AND d.user_id = ?)", userID).
		OrderExpr("visite.routed_at, visite.id").Limit(200).Scan(ctx)
	return rows, err
}

// VisitesInChargeOf lists the requests a person took, open ones first.
func (s *Store) VisitesInChargeOf(ctx context.Context, userID int64) ([]VisiteSummary, error) {
	var rows []VisiteSummary
	err := summaries(s.db, &rows).Where("visite.ambassadeur_id = ?", userID).
		OrderExpr("CASE WHEN visite.closed_at IS NULL THEN 0 ELSE 1 END, visite.updated_at DESC").Limit(200).Scan(ctx)
	return rows, err
}

// VisitesOfGull lists the requests routed to a GULL, newest first.
func (s *Store) VisitesOfGull(ctx context.Context, gullID int64) ([]VisiteSummary, error) {
	var rows []VisiteSummary
	err := summaries(s.db, &rows).
		ColumnExpr("r.distance_km, CASE WHEN r.hors_zone THEN 1 ELSE 0 END AS hors_zone_n").
		Join("JOIN visite_routes AS r ON r.visite_id = visite.id AND r.gull_id = ?", gullID).
		OrderExpr("visite.created_at DESC, visite.id DESC").Scan(ctx)
	return rows, err
}

// HorsZone reports whether the request is outside the GULL's zone.
func (v VisiteSummary) HorsZone() bool { return v.HorsZoneN == 1 }

// VisiteFilter selects requests for staff's list.
type VisiteFilter struct {
	States    []string
	Escalated bool // only those staff were asked to act on
	Limit     int
}

// Visites lists requests, oldest first.
func (s *Store) Visites(ctx context.Context, f VisiteFilter) ([]VisiteSummary, error) {
	var rows []VisiteSummary
	q := summaries(s.db, &rows)
	if len(f.States) > 0 {
		q = q.Where("visite.state IN (?)", bun.List(f.States))
	}
	if f.Escalated {
		q = q.Where("visite.escalated_at IS NOT NULL")
	}
	if f.Limit <= 0 || f.Limit > 5000 {
		f.Limit = 500
	}
	err := q.OrderExpr("visite.created_at, visite.id").Limit(int64(f.Limit)).Scan(ctx)
	return rows, err
}

// PublicVisites lists the requests whose mairie agreed to appear on the
// public site, once confirmed (not the ones closed without follow-up), by
// département and commune.
func (s *Store) PublicVisites(ctx context.Context) ([]VisiteSummary, error) {
	var rows []VisiteSummary
	err := summaries(s.db, &rows).Where("visite.consent_public").
		Where("visite.state NOT IN (?)", bun.List([]string{domain.VisiteDemandee, domain.VisiteSansSuite})).
		OrderExpr("c.departement_code, c.search_name, visite.id").Scan(ctx)
	return rows, err
}

// ReportEntry is a visit report in the ambassadeurs' feed.
type ReportEntry struct {
	domain.VisiteReport `bun:",extend"`

	CommuneName     string     `bun:"commune_name,scanonly"`
	DepartementCode string     `bun:"departement_code,scanonly"`
	RegionCode      string     `bun:"region_code,scanonly"`
	GullName        string     `bun:"gull_name,scanonly"`
	AuthorName      string     `bun:"author_name,scanonly"`
	VisitedAt       *time.Time `bun:"visited_at,scanonly"`
	State           string     `bun:"state,scanonly"`
	Consent         bool       `bun:"consent_public,scanonly"`
}

// Reports lists the visit reports, newest first, of a région ("" for all).
func (s *Store) Reports(ctx context.Context, regionCode string, limit int) ([]ReportEntry, error) {
	var rows []ReportEntry
	q := s.db.NewSelect().Model(&rows).ColumnExpr("visite_report.*").
		ColumnExpr("c.name AS commune_name, c.departement_code, c.region_code, v.visited_at, v.state, v.consent_public").
		ColumnExpr("COALESCE(g.name, '') AS gull_name, COALESCE(NULLIF(u.name, ''), u.email) AS author_name").
		Join("JOIN visites AS v ON v.id = visite_report.visite_id").
		Join("JOIN collectivites AS c ON c.id = v.collectivite_id").
		Join("LEFT JOIN gulls AS g ON g.id = v.gull_id").
		Join("JOIN users AS u ON u.id = visite_report.author_id")
	if regionCode != "" {
		q = q.Where("c.region_code = ?", regionCode)
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	err := q.OrderExpr("visite_report.updated_at DESC, visite_report.visite_id DESC").Limit(int64(limit)).Scan(ctx)
	return rows, err
}

// CandidaturesFromVisits lists, per GULL, the collectivités its visits led
// to a candidature, with the candidature's state and level.
type VisitCandidature struct {
	GullID      int64  `bun:"gull_id"`
	CommuneName string `bun:"commune_name"`
	Reference   string `bun:"reference"`
	State       string `bun:"state"`
	Level       *int   `bun:"level"`
	Year        int    `bun:"year"`
}

// CandidaturesOfGull lists the candidatures the GULL's visits led to.
func (s *Store) CandidaturesOfGull(ctx context.Context, gullID int64) ([]VisitCandidature, error) {
	var rows []VisitCandidature
	err := s.db.NewSelect().TableExpr("visites AS v").
		ColumnExpr("v.gull_id, c.name AS commune_name, k.reference, k.state, k.level, cp.year").
		Join("JOIN candidatures AS k ON k.id = v.candidature_id").
		Join("JOIN campaigns AS cp ON cp.id = k.campaign_id").
		Join("JOIN collectivites AS c ON c.id = v.collectivite_id").
		Where("v.gull_id = ?", gullID).OrderExpr("cp.year DESC, c.search_name").Scan(ctx, &rows)
	return rows, err
}
