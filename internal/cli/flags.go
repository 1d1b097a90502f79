package cli

import (
	"context"
	"flag"

	"github.com/adullact/tnl/internal/store"
)

// envDefault returns the environment variable's value, or def when unset.
func envDefault(env *Env, name, def string) string {
	if v := env.Getenv(name); v != "" {
		return v
	}
	return def
}

// databaseFlag declares -database, defaulting to $TNL_DATABASE_URL.
func databaseFlag(fs *flag.FlagSet, env *Env) *string {
	return fs.String("database", envDefault(env, "TNL_DATABASE_URL", ""),
		"database URL: postgres://… or a SQLite file path (env TNL_DATABASE_URL; default ./"+store.DefaultSQLitePath+")")
}

// openStore opens and migrates the database.
func openStore(ctx context.Context, env *Env, url string) (*store.Store, error) {
	st, err := store.Open(ctx, url, store.WithLogger(env.logger()))
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// shortHash is the first 12 characters of a content hash, for display.
func shortHash(h string) string { return h[:min(12, len(h))] }
