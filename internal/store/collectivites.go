package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

const territoryBatch = 500

// TerritoryChanges is what an import writes: rows to insert or update
// (matched on their natural key) and EPCI memberships to add or remove.
type TerritoryChanges struct {
	Upsert        []domain.Collectivite
	MembersAdd    []domain.EPCIMember
	MembersRemove []domain.EPCIMember
}

// Empty reports whether there is nothing to write.
func (c *TerritoryChanges) Empty() bool {
	return len(c.Upsert) == 0 && len(c.MembersAdd) == 0 && len(c.MembersRemove) == 0
}

// ApplyTerritoryChanges writes an import in one transaction.
func (s *Store) ApplyTerritoryChanges(ctx context.Context, ch *TerritoryChanges) error {
	return s.inTx(ctx, func(tx bun.Tx) error {
		if err := upsertCollectivites(ctx, tx, ch.Upsert); err != nil {
			return err
		}
		if err := removeEPCIMembers(ctx, tx, ch.MembersRemove); err != nil {
			return err
		}
		return addEPCIMembers(ctx, tx, ch.MembersAdd)
	})
}

func upsertCollectivites(ctx context.Context, db bun.IDB, rows []domain.Collectivite) error {
	for start := 0; start < len(rows); start += territoryBatch {
		batch := rows[start:min(start+territoryBatch, len(rows))]
		_, err := db.NewInsert().Model(&batch).
			ExcludeColumn("id").
			On("CONFLICT (kind, code) DO UPDATE").
			Set("name = EXCLUDED.name").
			Set("search_name = EXCLUDED.search_name").
			Set("siren = EXCLUDED.siren").
			Set("subtype = EXCLUDED.subtype").
			Set("departement_code = EXCLUDED.departement_code").
			Set("region_code = EXCLUDED.region_code").
			Set("population = EXCLUDED.population").
			Set("postal_codes = EXCLUDED.postal_codes").
			Set("active = EXCLUDED.active").
			Set("merged_into = EXCLUDED.merged_into").
			Set("updated_at = EXCLUDED.updated_at").
			Returning("NULL").
			Exec(ctx)
		if err != nil {
			return fmt.Errorf("enregistrement des collectivités : %w", err)
		}
	}
	return nil
}

func addEPCIMembers(ctx context.Context, db bun.IDB, rows []domain.EPCIMember) error {
	for start := 0; start < len(rows); start += territoryBatch {
		batch := rows[start:min(start+territoryBatch, len(rows))]
		if _, err := db.NewInsert().Model(&batch).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
			return fmt.Errorf("enregistrement des membres d’EPCI : %w", err)
		}
	}
	return nil
}

func removeEPCIMembers(ctx context.Context, db bun.IDB, rows []domain.EPCIMember) error {
	for _, m := range rows {
		if _, err := db.NewDelete().Model((*domain.EPCIMember)(nil)).
			Where("epci_code = ? AND commune_code = ?", m.EPCICode, m.CommuneCode).
			Exec(ctx); err != nil {
			return fmt.Errorf("retrait d’un membre d’EPCI : %w", err)
		}
	}
	return nil
}

// CollectivitesOfKinds returns every collectivité (active or not) of the given kinds.
func (s *Store) CollectivitesOfKinds(ctx context.Context, kinds ...domain.CollectiviteKind) ([]domain.Collectivite, error) {
	var rows []domain.Collectivite
	err := s.db.NewSelect().Model(&rows).Where("kind IN (?)", bun.List(kinds)).Scan(ctx)
	return rows, err
}

// EPCIMembers returns every EPCI membership.
func (s *Store) EPCIMembers(ctx context.Context) ([]domain.EPCIMember, error) {
	var rows []domain.EPCIMember
	err := s.db.NewSelect().Model(&rows).Scan(ctx)
	return rows, err
}

// CountCollectivites returns the number of active collectivités per kind.
func (s *Store) CountCollectivites(ctx context.Context) (map[domain.CollectiviteKind]int, error) {
	var rows []struct {
		Kind  domain.CollectiviteKind `bun:"kind"`
		Count int                     `bun:"n"`
	}
	err := s.db.NewSelect().Model((*domain.Collectivite)(nil)).
		ColumnExpr("kind, count(*) AS n").Where("active").Group("kind").Scan(ctx, &rows)
	counts := map[domain.CollectiviteKind]int{}
	for _, r := range rows {
		counts[r.Kind] = r.Count
	}
	return counts, err
}

// Collectivite returns one collectivité by id.
func (s *Store) Collectivite(ctx context.Context, id int64) (*domain.Collectivite, error) {
	c := new(domain.Collectivite)
	err := s.db.NewSelect().Model(c).Where("id = ?", id).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Collectivité n° %d introuvable.", id)
	}
	return c, nil
}

// CollectiviteByCode returns one collectivité by its natural key.
func (s *Store) CollectiviteByCode(ctx context.Context, kind domain.CollectiviteKind, code string) (*domain.Collectivite, error) {
	c := new(domain.Collectivite)
	err := s.db.NewSelect().Model(c).Where("kind = ? AND code = ?", kind, code).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "%s de code %s introuvable.", kind.Label(), code)
	}
	return c, nil
}

// EPCIMembersOf returns the member communes of an EPCI, by name.
func (s *Store) EPCIMembersOf(ctx context.Context, epciCode string) ([]domain.Collectivite, error) {
	var rows []domain.Collectivite
	err := s.db.NewSelect().Model(&rows).
		Join("JOIN epci_membres AS m ON m.commune_code = collectivite.code").
		Where("collectivite.kind = ?", domain.KindCommune).
		Where("m.epci_code = ?", epciCode).
		Order("collectivite.search_name").
		Scan(ctx)
	return rows, err
}

// SearchCollectivites finds active collectivités by name (accents and case
// ignored), code INSEE, SIREN or code postal. Names starting with the query
// come first, then larger populations.
func (s *Store) SearchCollectivites(ctx context.Context, query string, limit int) ([]domain.Collectivite, error) {
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	query = strings.TrimSpace(query)
	var rows []domain.Collectivite
	q := s.db.NewSelect().Model(&rows).Where("active").Limit(int64(limit))
	if isDigits(query) || isCorsicanCode(query) {
		code := strings.ToUpper(query)
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("code = ?", code).
				WhereOr("siren = ?", code).
				WhereOr("postal_codes LIKE ?", "%"+code+"%")
		}).OrderExpr("CASE WHEN code = ? THEN 0 ELSE 1 END, population DESC, name", code)
		err := q.Scan(ctx)
		return rows, err
	}
	key := domain.SearchKey(query)
	if key == "" {
		return nil, nil
	}
	like := "%" + escapeLike(key) + "%"
	err := q.Where("search_name LIKE ? ESCAPE '\\'", like).
		OrderExpr("CASE WHEN search_name = ? THEN 0 WHEN search_name LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END, population DESC, name",
			key, escapeLike(key)+"%").
		Scan(ctx)
	return rows, err
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isCorsicanCode recognises codes INSEE such as 2A004.
func isCorsicanCode(s string) bool {
	return len(s) >= 2 && len(s) <= 5 && s[0] == '2' && (s[1] == 'A' || s[1] == 'B' || s[1] == 'a' || s[1] == 'b') && isDigits("0"+s[2:])
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Collectivite returns one collectivité by id inside the transaction.
func (t *Tx) Collectivite(ctx context.Context, id int64) (*domain.Collectivite, error) {
	c := new(domain.Collectivite)
	if err := t.tx.NewSelect().Model(c).Where("id = ?", id).Scan(ctx); err != nil {
		return nil, notFound(err, "Collectivité n° %d introuvable.", id)
	}
	return c, nil
}
