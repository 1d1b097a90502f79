// Package testdb gives tests real databases: a fresh PostgreSQL database or
// SQLite file per test, migrated, dropped at the end.
//
// PostgreSQL is found through TNL_TEST_DATABASE_URL, else the server on
// 127.0.0.1:5432 (user postgres). scripts/test starts a throwaway cluster and
// sets TNL_TEST_DATABASE_URL when neither is available.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/adullact/tnl/internal/store"
)

const localServer = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

var counter atomic.Int64

// ServerURL returns the URL of the PostgreSQL server tests may create
// databases on, or an error saying how to get one.
func ServerURL() (string, error) {
	if u := os.Getenv("TNL_TEST_DATABASE_URL"); u != "" {
		return u, nil
	}
	conn, err := net.DialTimeout("tcp", "127.0.0.1:5432", time.Second)
	if err == nil {
		conn.Close()
		return localServer, nil
	}
	return "", fmt.Errorf("no PostgreSQL server for tests: set TNL_TEST_DATABASE_URL, start one on 127.0.0.1:5432, " +
		"or run the test command (scripts/test) which starts a throwaway cluster with initdb/pg_ctl " +
		"(Debian: apt install postgresql)")
}

// Dialects lists the dialects every store test runs against.
var Dialects = []string{store.SQLite, store.Postgres}

// URL returns the URL of a fresh, empty database of the given dialect,
// dropped when the test ends.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	switch dialect {
	case store.SQLite:
		return "sqlite:" + filepath.Join(t.TempDir(), "tnl.db")
	case store.Postgres:
		return postgresURL(t)
	}
	t.Fatalf("unknown dialect %q", dialect)
	return ""
}

// Open returns a migrated store on a fresh database of the given dialect.
func Open(t testing.TB, dialect string, opts ...store.Option) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, URL(t, dialect), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// Each runs fn as a subtest on each dialect, the dialects in parallel
// (each has its own database).
func Each(t *testing.T, fn func(t *testing.T, dialect string)) {
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, d)
		})
	}
}

var unsafeName = regexp.MustCompile(`[^a-z0-9_]`)

func postgresURL(t testing.TB) string {
	t.Helper()
	server, err := ServerURL()
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("tnl_test_%s_%d_%d_%d", packageName(), os.Getpid(), time.Now().UnixNano()%1e6, counter.Add(1))
	name = unsafeName.ReplaceAllString(strings.ToLower(name), "_")
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database on %s: %v", redacted(server), err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			t.Error(err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	q := u.Query()
	if q.Get("sslmode") == "" {
		q.Set("sslmode", "disable")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// packageName derives the test package's name from the test binary's name.
func packageName() string {
	base := filepath.Base(os.Args[0])
	return strings.TrimSuffix(strings.TrimSuffix(base, ".exe"), ".test")
}

func redacted(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Redacted()
	}
	return "(URL illisible)"
}
