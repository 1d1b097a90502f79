package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// CommuneCentre is the centre of a current commune, in WGS 84 degrees.
type CommuneCentre struct {
	bun.BaseModel `bun:"table:commune_centres"`

	Code        string    `bun:"code,pk"`
	Lon         float64   `bun:"longitude,notnull"`
	Lat         float64   `bun:"latitude,notnull"`
	Approximate bool      `bun:"approximate,notnull"` // mean centre of its postal code's communes
	ImportedAt  time.Time `bun:"imported_at,notnull"`
}

// Outline is the outline of a département or a région, its polygons as
// GeoJSON coordinates ([polygon][ring][point][longitude, latitude]).
type Outline struct {
	bun.BaseModel `bun:"table:geo_outlines"`

	Kind       string    `bun:"kind,pk"` // "departement" or "region"
	Code       string    `bun:"code,pk"`
	Name       string    `bun:"name,notnull"`
	Geometry   string    `bun:"geometry,notnull"`
	ImportedAt time.Time `bun:"imported_at,notnull"`
}

// GeoCounts says what the geography tables hold.
type GeoCounts struct {
	Centres, Departements, Regions int
	ImportedAt                     time.Time // the latest import, zero if none
}

// ReplaceGeography replaces the commune centres and the outlines with an
// import, in one transaction. A nil slice leaves its table as it is.
func (s *Store) ReplaceGeography(ctx context.Context, centres []CommuneCentre, outlines []Outline) error {
	return s.inTx(ctx, func(tx bun.Tx) error {
		now := s.Now()
		if centres != nil {
			if _, err := tx.NewDelete().Model((*CommuneCentre)(nil)).Where("1 = 1").Exec(ctx); err != nil {
				return err
			}
			for i := range centres {
				centres[i].ImportedAt = now
			}
			for start := 0; start < len(centres); start += territoryBatch {
				batch := centres[start:min(start+territoryBatch, len(centres))]
				if _, err := tx.NewInsert().Model(&batch).Exec(ctx); err != nil {
					return fmt.Errorf("enregistrement des centres des communes : %w", err)
				}
			}
		}
		if outlines != nil {
			kinds := map[string]bool{}
			for i := range outlines {
				outlines[i].ImportedAt = now
				kinds[outlines[i].Kind] = true
			}
			for kind := range kinds {
				if _, err := tx.NewDelete().Model((*Outline)(nil)).Where("kind = ?", kind).Exec(ctx); err != nil {
					return err
				}
			}
			// Outlines are large: a few at a time keeps each statement small.
			for start := 0; start < len(outlines); start += 20 {
				batch := outlines[start:min(start+20, len(outlines))]
				if _, err := tx.NewInsert().Model(&batch).Exec(ctx); err != nil {
					return fmt.Errorf("enregistrement des contours : %w", err)
				}
			}
		}
		return nil
	})
}

// CountGeography counts the imported centres and outlines.
func (s *Store) CountGeography(ctx context.Context) (GeoCounts, error) {
	var c GeoCounts
	n, err := s.db.NewSelect().Model((*CommuneCentre)(nil)).Count(ctx)
	if err != nil {
		return c, err
	}
	c.Centres = int(n)
	var rows []struct {
		Kind string    `bun:"kind"`
		N    int       `bun:"n"`
		At   time.Time `bun:"at"`
	}
	if err := s.db.NewSelect().Model((*Outline)(nil)).ColumnExpr("kind, count(*) AS n, max(imported_at) AS at").Group("kind").Scan(ctx, &rows); err != nil {
		return c, err
	}
	for _, r := range rows {
		switch r.Kind {
		case "departement":
			c.Departements = r.N
		case "region":
			c.Regions = r.N
		}
		if r.At.After(c.ImportedAt) {
			c.ImportedAt = r.At
		}
	}
	if c.Centres > 0 {
		var at time.Time
		if err := s.db.NewSelect().Model((*CommuneCentre)(nil)).ColumnExpr("max(imported_at)").Scan(ctx, &at); err != nil {
			return c, err
		}
		if at.After(c.ImportedAt) {
			c.ImportedAt = at
		}
	}
	return c, nil
}

// CommuneCentres returns the centres of the given communes, by code (all of
// them when codes is empty).
func (s *Store) CommuneCentres(ctx context.Context, codes ...string) (map[string]CommuneCentre, error) {
	return communeCentres(ctx, s.db, codes)
}

// CommuneCentres is Store.CommuneCentres inside the transaction.
func (t *Tx) CommuneCentres(ctx context.Context, codes ...string) (map[string]CommuneCentre, error) {
	return communeCentres(ctx, t.tx, codes)
}

func communeCentres(ctx context.Context, db bun.IDB, codes []string) (map[string]CommuneCentre, error) {
	var rows []CommuneCentre
	q := db.NewSelect().Model(&rows)
	if len(codes) > 0 {
		q = q.Where("code IN (?)", bun.List(codes))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[string]CommuneCentre, len(rows))
	for _, r := range rows {
		out[r.Code] = r
	}
	return out, nil
}

// Outlines returns the outlines of one kind, by code.
func (s *Store) Outlines(ctx context.Context, kind string) ([]Outline, error) {
	var rows []Outline
	err := s.db.NewSelect().Model(&rows).Where("kind = ?", kind).Order("code").Scan(ctx)
	return rows, err
}
