package store

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// Dialects.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// DefaultSQLitePath is the embedded database used when no URL is configured.
const DefaultSQLitePath = "tnl.db"

// Location is a parsed database URL.
type Location struct {
	Dialect string
	// DSN is what the driver receives.
	DSN string
	// Display names the database for humans, with any password hidden.
	Display string
	// Path is the file of an SQLite database, as given.
	Path string
}

// ParseURL understands postgres:// and postgresql:// URLs, sqlite: URLs
// (sqlite:path, sqlite:///abs/path), file: URIs and plain file paths. An empty
// string means the embedded default, tnl.db in the working directory.
func ParseURL(raw string) (Location, error) {
	raw = strings.TrimSpace(raw)
	lower := strings.ToLower(raw)
	switch {
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		u, err := url.Parse(raw)
		if err != nil {
			return Location{}, fmt.Errorf("URL de base de données invalide : %w", redactErr(err))
		}
		return Location{Dialect: Postgres, DSN: raw, Display: u.Redacted()}, nil
	case raw == "":
		return sqliteLocation(DefaultSQLitePath)
	case strings.HasPrefix(lower, "sqlite://"):
		return sqliteLocation(raw[len("sqlite://"):])
	case strings.HasPrefix(lower, "sqlite:"):
		return sqliteLocation(raw[len("sqlite:"):])
	case strings.HasPrefix(lower, "file:"):
		return sqliteLocation(raw[len("file:"):])
	case strings.Contains(raw, "://"):
		scheme := raw[:strings.Index(raw, "://")]
		return Location{}, fmt.Errorf("type de base de données non pris en charge : %q (attendu : postgres://… ou un fichier SQLite)", scheme)
	}
	return sqliteLocation(raw)
}

func sqliteLocation(path string) (Location, error) {
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return Location{}, fmt.Errorf("chemin de fichier SQLite vide")
	}
	params := url.Values{}
	params.Add("_pragma", "busy_timeout(10000)")
	params.Add("_pragma", "journal_mode(WAL)")
	params.Add("_pragma", "foreign_keys(1)")
	params.Add("_pragma", "synchronous(NORMAL)")
	params.Set("_txlock", "immediate")
	abs := path
	if a, err := filepath.Abs(path); err == nil {
		abs = a
	}
	return Location{
		Dialect: SQLite,
		DSN:     "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + params.Encode(),
		Display: "sqlite:" + abs,
		Path:    path,
	}, nil
}

// redactErr avoids echoing a URL with its password inside url.Parse errors.
func redactErr(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
