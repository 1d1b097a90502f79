package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/store"
)

// Backups. SQLite: a consistent copy taken while the server runs (VACUUM
// INTO). PostgreSQL: pg_dump's custom format, which holds everything,
// evidence files included since they live in the database; pg_restore
// reads it back. Both are restored by tnl restore into an empty database.

func backupCommand() *command {
	return &command{
		name:    "backup",
		args:    "FICHIER",
		summary: "Sauvegarde toute la base, pièces justificatives comprises, dans FICHIER, pendant que le serveur tourne (SQLite : copie cohérente ; PostgreSQL : pg_dump au format personnalisé).",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the backup file")
				}
				path := args[0]
				if _, err := os.Stat(path); err == nil {
					return fmt.Errorf("%s existe déjà : choisissez un autre nom (une sauvegarde n’en écrase jamais une autre)", path)
				}
				st, err := openStore(ctx, env, *db)
				if err != nil {
					return err
				}
				defer st.Close()
				switch st.Dialect() {
				case store.SQLite:
					err = st.BackupSQLite(ctx, path)
				default:
					err = pgTool(ctx, env, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", path, "--dbname", libpqURL(st.Location().DSN))
				}
				if err != nil {
					os.Remove(path)
					return err
				}
				info, err := os.Stat(path)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Sauvegarde de %s écrite dans %s (%s).\n", st.Display(), path, fr.Size(info.Size()))
				return nil
			}
		},
	}
}

func restoreCommand() *command {
	return &command{
		name:    "restore",
		args:    "FICHIER",
		summary: "Restaure une sauvegarde de tnl backup dans la base (vide, serveur arrêté), applique les migrations manquantes et vérifie le journal d’audit.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the backup file")
				}
				kind, err := backupKind(args[0])
				if err != nil {
					return err
				}
				loc, err := store.ParseURL(*db)
				if err != nil {
					return err
				}
				if kind != loc.Dialect {
					return fmt.Errorf("%s est une sauvegarde %s : elle ne se restaure pas dans une base %s (%s)", args[0], dialectName(kind), dialectName(loc.Dialect), loc.Display)
				}
				if err := ensureEmpty(ctx, *db); err != nil {
					return err
				}
				if kind == store.SQLite {
					err = restoreSQLite(args[0], loc.Path)
				} else {
					err = pgTool(ctx, env, "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
						"--dbname", libpqURL(loc.DSN), args[0])
				}
				if err != nil {
					return err
				}
				st, err := openStore(ctx, env, *db)
				if err != nil {
					return err
				}
				defer st.Close()
				if err := st.CheckIntegrity(ctx); err != nil {
					return err
				}
				rep, err := st.VerifyAudit(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "Sauvegarde %s restaurée dans %s.\n", args[0], st.Display())
				printAuditReport(env, rep)
				if !rep.OK() {
					return errors.New("le journal d’audit restauré n’est pas intègre")
				}
				return nil
			}
		},
	}
}

func dialectName(d string) string {
	if d == store.SQLite {
		return "SQLite"
	}
	return "PostgreSQL"
}

// backupKind tells an SQLite file from a pg_dump archive by their headers.
func backupKind(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("sauvegarde illisible : %w", err)
	}
	defer f.Close()
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil {
		return "", fmt.Errorf("%s n’est pas une sauvegarde de tnl (trop courte)", path)
	}
	switch {
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return store.SQLite, nil
	case bytes.HasPrefix(head, []byte("PGDMP")):
		return store.Postgres, nil
	}
	return "", fmt.Errorf("%s n’est pas une sauvegarde de tnl (ni une base SQLite ni une archive pg_dump)", path)
}

// ensureEmpty refuses to restore over a database that holds tables: a
// restore never mixes two databases.
func ensureEmpty(ctx context.Context, dbURL string) error {
	loc, err := store.ParseURL(dbURL)
	if err != nil {
		return err
	}
	if loc.Dialect == store.SQLite {
		if info, err := os.Stat(loc.Path); err == nil && info.Size() > 0 {
			return fmt.Errorf("%s existe déjà : restaurez dans un fichier qui n’existe pas encore", loc.Path)
		}
		return nil
	}
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	tables, err := st.Tables(ctx)
	if err != nil {
		return err
	}
	if len(tables) > 0 {
		return fmt.Errorf("la base %s n’est pas vide (%s) : restaurez dans une base neuve (createdb)", loc.Display, fr.Count(len(tables), "table", "tables"))
	}
	return nil
}

// restoreSQLite copies the backup next to the target, then renames it
// into place, so that the target is either absent or whole.
func restoreSQLite(backup, target string) error {
	src, err := os.Open(backup)
	if err != nil {
		return err
	}
	defer src.Close()
	tmp, err := os.CreateTemp(filepath.Dir(target), ".tnl-restore-*")
	if err != nil {
		return fmt.Errorf("restauration : %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, src); err != nil {
		tmp.Close()
		return fmt.Errorf("restauration : %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(target + suffix)
	}
	return os.Rename(tmp.Name(), target)
}

// pgTool runs pg_dump or pg_restore, its messages on stderr.
func pgTool(ctx context.Context, env *Env, name string, args ...string) error {
	path, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%s introuvable : installez les outils clients de PostgreSQL (Debian : apt install postgresql-client)", name)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = env.Stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s : %w\n%s", name, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// pgxOnly are the URL parameters pgx understands and libpq (pg_dump,
// pg_restore) refuses.
var pgxOnly = []string{"default_query_exec_mode", "statement_cache_capacity", "description_cache_capacity", "pool_max_conns",
	"pool_min_conns", "pool_max_conn_lifetime", "pool_max_conn_idle_time", "pool_health_check_period"}

// libpqURL is a database URL as libpq takes it.
func libpqURL(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	q := u.Query()
	for _, k := range pgxOnly {
		q.Del(k)
	}
	u.RawQuery = q.Encode()
	return u.String()
}
