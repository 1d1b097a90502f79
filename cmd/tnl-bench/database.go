package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// scratch is a database created for one run, dropped at its end.
type scratch struct {
	Dialect string
	Name    string // PostgreSQL database name, or the SQLite file
	URL     string // what tnl receives as TNL_DATABASE_URL
	drop    func(ctx context.Context) error
}

// pgAdmin is a connection to the PostgreSQL server's maintenance database.
type pgAdmin struct {
	db  *sql.DB
	url *url.URL
}

func openPGAdmin(ctx context.Context, rawURL string) (*pgAdmin, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("-pg: %w", err)
	}
	db, err := sql.Open("pgx", rawURL)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL %s: %w", u.Redacted(), err)
	}
	db.SetMaxOpenConns(2)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("PostgreSQL %s injoignable : %w", u.Redacted(), err)
	}
	return &pgAdmin{db: db, url: u}, nil
}

func (a *pgAdmin) Close() error { return a.db.Close() }

// create makes an empty database whose name starts with prefix.
func (a *pgAdmin) create(ctx context.Context, prefix string) (*scratch, error) {
	name := fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), time.Now().UnixNano()%1e9)
	if _, err := a.db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, fmt.Errorf("création de la base %s : %w", name, err)
	}
	u := *a.url
	u.Path = "/" + name
	return &scratch{Dialect: "postgres", Name: name, URL: u.String(), drop: func(ctx context.Context) error {
		if _, err := a.db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("suppression de la base %s : %w", name, err)
		}
		return nil
	}}, nil
}

// size returns the size of a database on disk, in bytes.
func (a *pgAdmin) size(ctx context.Context, name string) (int64, error) {
	var n int64
	if err := a.db.QueryRowContext(ctx, "SELECT pg_database_size($1)", name).Scan(&n); err != nil {
		return 0, fmt.Errorf("taille de la base %s : %w", name, err)
	}
	return n, nil
}

// settings returns the server's version and the settings that matter to
// throughput.
func (a *pgAdmin) settings(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	for _, name := range []string{"server_version", "max_connections", "shared_buffers", "fsync", "synchronous_commit", "wal_level", "work_mem"} {
		var v string
		if err := a.db.QueryRowContext(ctx, "SELECT current_setting($1)", name).Scan(&v); err != nil {
			return nil, fmt.Errorf("réglage %s : %w", name, err)
		}
		out[name] = v
	}
	return out, nil
}

// sqliteScratch is a new SQLite file in dir.
func sqliteScratch(dir string) *scratch {
	path := filepath.Join(dir, "tnl-bench.db")
	return &scratch{Dialect: "sqlite", Name: path, URL: "sqlite:" + path, drop: func(context.Context) error {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
		return nil
	}}
}
