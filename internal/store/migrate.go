package store

import (
	"context"
	"fmt"
	"hash/fnv"

	"github.com/uptrace/bun/migrate"

	"github.com/adullact/tnl/migrations"
)

// Migrate applies the embedded migrations that have not run yet and returns
// their names. On PostgreSQL several processes may call it at once: an
// advisory lock serialises them. An SQLite file serves one process (the
// embedded setup): it takes no such lock, so two processes must not start
// on a new version at the same instant.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	fsys, err := migrations.FS(s.loc.Dialect)
	if err != nil {
		return nil, err
	}
	ms := migrate.NewMigrations()
	if err := ms.Discover(fsys); err != nil {
		return nil, fmt.Errorf("migrations : %w", err)
	}
	m := migrate.NewMigrator(s.db, ms, migrate.WithMarkAppliedOnSuccess(true))

	if s.loc.Dialect == Postgres {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		defer conn.Close()
		h := fnv.New64a()
		h.Write([]byte("tnl.migrations"))
		key := int64(h.Sum64())
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", key); err != nil {
			return nil, fmt.Errorf("migrations : verrou : %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?)", key) //nolint:errcheck
	}

	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("migrations : initialisation : %w", err)
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrations : %w", err)
	}
	var names []string
	for _, mig := range group.Migrations {
		names = append(names, mig.Name+"_"+mig.Comment)
	}
	// On SQLite, the candidatures table is rebuilt once without its
	// UNIQUE (campaign_id, collectivite_id) (see migration 0008).
	if rebuilt, err := s.freeWithdrawnCollectivites(ctx); err != nil {
		return names, fmt.Errorf("migrations : candidatures : %w", err)
	} else if rebuilt {
		s.logger.Debug("store: candidatures rebuilt, a withdrawn candidature frees its collectivité")
	}
	// Rows written before the audit trail was chained are sealed in place,
	// under the migrations' lock.
	sealed, err := s.sealLegacyAudit(ctx)
	if err != nil {
		return names, fmt.Errorf("migrations : chaînage de l’audit : %w", err)
	}
	if sealed > 0 {
		s.logger.Info("audit: rows written before the chains sealed", "rows", sealed)
	}
	return names, nil
}

// PendingMigrations returns the names of migrations not applied yet.
func (s *Store) PendingMigrations(ctx context.Context) ([]string, error) {
	fsys, err := migrations.FS(s.loc.Dialect)
	if err != nil {
		return nil, err
	}
	ms := migrate.NewMigrations()
	if err := ms.Discover(fsys); err != nil {
		return nil, err
	}
	m := migrate.NewMigrator(s.db, ms)
	if err := m.Init(ctx); err != nil {
		return nil, err
	}
	missing, err := m.MissingMigrations(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, mig := range missing {
		names = append(names, mig.Name+"_"+mig.Comment)
	}
	return names, nil
}
