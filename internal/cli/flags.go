package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/adullact/tnl/internal/domain"
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
		"`URL` de la base de données : postgres://… ou chemin d’un fichier SQLite (variable TNL_DATABASE_URL ; sinon ./"+store.DefaultSQLitePath+")")
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

// readInput reads a file named on the command line, with a French reason
// when it cannot.
func readInput(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, domain.Errorf(domain.EInvalid, "%s : fichier introuvable.", path)
	case errors.Is(err, fs.ErrPermission):
		return nil, domain.Errorf(domain.EInvalid, "%s : lecture refusée (droits du fichier).", path)
	}
	return nil, fmt.Errorf("lecture de %s : %w", path, err)
}
