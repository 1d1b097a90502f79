// Package migrations embeds tnl's database migrations: frozen SQL, one folder
// per dialect, applied in order by the store and recorded in bun_migrations.
//
// A migration is never edited once released: add a new numbered file to both
// folders instead.
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// FS returns the migrations of one dialect ("postgres" or "sqlite").
func FS(dialect string) (fs.FS, error) {
	switch dialect {
	case "postgres", "sqlite":
		return fs.Sub(files, dialect)
	}
	return nil, fmt.Errorf("migrations: unknown dialect %q", dialect)
}
