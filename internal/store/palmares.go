package store

import (
	"context"
	"fmt"

	"github.com/adullact/tnl/internal/domain"
)

// palmaresChunk bounds the rows of one INSERT: SQLite accepts at most
// 32,766 bound values per statement and an entry has 16 columns.
const palmaresChunk = 1000

// InsertPalmares writes entries to the public palmarès in the caller's
// transaction (a campaign's publication, an import), in a few multi-row
// INSERTs: one statement per thousand entries rather than one per entry,
// so that publishing 36,359 decisions stays a matter of seconds. IDs are
// set on the entries.
func (t *Tx) InsertPalmares(ctx context.Context, entries []*domain.PalmaresEntry) error {
	for start := 0; start < len(entries); start += palmaresChunk {
		end := min(start+palmaresChunk, len(entries))
		chunk := entries[start:end]
		for _, e := range chunk {
			if e.Mentions == nil {
				e.Mentions = []string{}
			}
			if e.Version == 0 {
				e.Version = 1
			}
		}
		if _, err := t.tx.NewInsert().Model(&chunk).Returning("id").Exec(ctx); err != nil {
			return fmt.Errorf("insert palmarès entries: %w", mapError(err))
		}
	}
	return nil
}
