package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// uniqueCollectivite is the table-level constraint of SQLite's first
// candidatures table: one candidature per collectivité and campaign,
// withdrawn ones included.
var uniqueCollectivite = regexp.MustCompile(`,\s*UNIQUE \(campaign_id, collectivite_id\)`)

// freeWithdrawnCollectivites replaces, on SQLite, the UNIQUE (campaign_id,
// collectivite_id) of the candidatures table by a unique index on the
// candidatures not withdrawn (migration 0008 does it on PostgreSQL): a
// withdrawn candidature frees its collectivité. SQLite cannot drop a
// table's constraint, so the table is rebuilt as its documentation says:
// foreign keys off on one connection, in one transaction the new table
// created from the current definition without the constraint, filled, the
// old one dropped (nothing cascades with foreign keys off), the new one
// renamed (the other tables' foreign keys, which name « candidatures »,
// then point to it), its indexes created again; the foreign keys are
// checked before the commit. It does nothing once done.
func (s *Store) freeWithdrawnCollectivites(ctx context.Context) (bool, error) {
	if s.loc.Dialect != SQLite {
		return false, nil
	}
	var ddl string
	if err := s.db.NewRaw("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'candidatures'").Scan(ctx, &ddl); err != nil {
		return false, err
	}
	if !uniqueCollectivite.MatchString(ddl) {
		return false, nil
	}
	var indexes []string
	if err := s.db.NewRaw("SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'candidatures' AND sql IS NOT NULL").Scan(ctx, &indexes); err != nil {
		return false, err
	}
	newDDL := uniqueCollectivite.ReplaceAllString(ddl, "")
	newDDL = strings.Replace(newDDL, "CREATE TABLE candidatures (", "CREATE TABLE candidatures_new (", 1)
	if !strings.HasPrefix(newDDL, "CREATE TABLE candidatures_new (") {
		return false, fmt.Errorf("candidatures: unexpected definition %q", ddl)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return false, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON") //nolint:errcheck // the connection is closed next
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{})
	if err != nil {
		return false, err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit: nothing to roll back
	steps := []string{newDDL, "INSERT INTO candidatures_new SELECT * FROM candidatures", "DROP TABLE candidatures",
		"ALTER TABLE candidatures_new RENAME TO candidatures"}
	steps = append(steps, indexes...)
	steps = append(steps, "CREATE UNIQUE INDEX candidatures_active_collectivite ON candidatures (campaign_id, collectivite_id) WHERE state <> 'retiree'")
	for _, q := range steps {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return false, fmt.Errorf("candidatures: %s: %w", strings.SplitN(q, "(", 2)[0], err)
		}
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return false, err
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return false, errors.New("candidatures: a row lost its parent in the rebuild, nothing changed")
	}
	return true, tx.Commit()
}
