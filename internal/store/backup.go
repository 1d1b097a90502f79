package store

import (
	"context"
	"fmt"
)

// Location returns where the database is.
func (s *Store) Location() Location { return s.loc }

// BackupSQLite writes a consistent copy of an SQLite database to path
// while it is in use (VACUUM INTO reads one snapshot; writers go on), then
// checks the copy's integrity. path must not exist.
func (s *Store) BackupSQLite(ctx context.Context, path string) error {
	if s.loc.Dialect != SQLite {
		return fmt.Errorf("sauvegarde : %s n’est pas une base SQLite", s.loc.Display)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("sauvegarde vers %s : %w", path, err)
	}
	cp, err := Open(ctx, "sqlite:"+path)
	if err != nil {
		return err
	}
	defer cp.Close()
	return cp.CheckIntegrity(ctx)
}

// CheckIntegrity runs SQLite's integrity check (PRAGMA integrity_check);
// on PostgreSQL it only checks that the database answers.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	if s.loc.Dialect != SQLite {
		return s.Ping(ctx)
	}
	var result string
	if err := s.db.NewRaw("PRAGMA integrity_check").Scan(ctx, &result); err != nil {
		return err
	}
	if result != "ok" {
		return fmt.Errorf("base SQLite %s endommagée : %s", s.loc.Display, result)
	}
	return nil
}

// Tables lists the tables of the database (bun_migrations included).
func (s *Store) Tables(ctx context.Context) ([]string, error) {
	var names []string
	q := "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
	if s.loc.Dialect == SQLite {
		q = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
	}
	err := s.db.NewRaw(q).Scan(ctx, &names)
	return names, err
}
