package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// AreaEvent is something that happened to a collectivité of a département:
// a letter sent, a request confirmed, a visit, a candidature, a label.
type AreaEvent struct {
	Kind            string    `bun:"kind"` // contacte, demande, visite, candidate, labellise
	DepartementCode string    `bun:"departement_code"`
	RegionCode      string    `bun:"region_code"`
	At              time.Time `bun:"at"`   // when, for the first three
	Year            int       `bun:"year"` // the campaign's year, for the last two
}

// AmbassadeurEvents lists what the dashboards count: each collectivité
// written to (letter sent), each request confirmed, each visit made, each
// candidature deposited and each label published with a level.
func (s *Store) AmbassadeurEvents(ctx context.Context) ([]AreaEvent, error) {
	var out []AreaEvent
	var rows []AreaEvent
	if err := s.db.NewSelect().TableExpr("courrier_destinataires AS d").
		ColumnExpr("'contacte' AS kind, c.departement_code, c.region_code, d.sent_at AS at, 0 AS year").
		Join("JOIN collectivites AS c ON c.id = d.collectivite_id").Where("d.sent_at IS NOT NULL").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out = append(out, rows...)
	for _, q := range []struct{ kind, col string }{{"demande", "confirmed_at"}, {"visite", "visited_at"}} {
		rows = rows[:0]
		if err := s.db.NewSelect().TableExpr("visites AS v").
			ColumnExpr("? AS kind, c.departement_code, c.region_code, v.? AS at, 0 AS year", q.kind, bun.Ident(q.col)).
			Join("JOIN collectivites AS c ON c.id = v.collectivite_id").Where("v.? IS NOT NULL", bun.Ident(q.col)).Scan(ctx, &rows); err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	var cands []struct {
		DepartementCode string `bun:"departement_code"`
		RegionCode      string `bun:"region_code"`
		Year            int    `bun:"year"`
		State           string `bun:"state"`
		Level           *int   `bun:"level"`
	}
	if err := s.db.NewSelect().TableExpr("candidatures AS k").
		ColumnExpr("c.departement_code, c.region_code, cp.year, k.state, k.level").
		Join("JOIN collectivites AS c ON c.id = k.collectivite_id").
		Join("JOIN campaigns AS cp ON cp.id = k.campaign_id").
		Where("k.submitted_at IS NOT NULL").Scan(ctx, &cands); err != nil {
		return nil, err
	}
	for _, c := range cands {
		out = append(out, AreaEvent{Kind: "candidate", DepartementCode: c.DepartementCode, RegionCode: c.RegionCode, Year: c.Year})
		if c.State == domain.Publiee && c.Level != nil && *c.Level > 0 {
			out = append(out, AreaEvent{Kind: "labellise", DepartementCode: c.DepartementCode, RegionCode: c.RegionCode, Year: c.Year})
		}
	}
	return out, nil
}
