package palmares_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/adullact/tnl/internal/palmares"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
)

// Concurrent readers share one snapshot and one rendering of each page,
// while the table changes under them.
func TestSnapshotConcurrentReaders(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		st := testdb.Open(t, dialect)
		if _, err := territoires.Import(ctx, st, []string{"../territoires/testdata/v1"}); err != nil {
			t.Fatal(err)
		}
		svc := palmares.New(st, nil)
		head := "annee,niveau,nom_publie,type,departement,code_insee_ou_siren,mention,source\n"
		if _, err := svc.Import(ctx, strings.NewReader(head+"2024,4,Ambérieu-en-Bugey,commune,,01004,,\n")); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		builds := map[string]int{}
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 {
					snap, err := svc.Snapshot(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if _, err := snap.Memo("k", "text/plain", func() ([]byte, error) {
						mu.Lock()
						builds[snap.Stamp]++
						mu.Unlock()
						return []byte(snap.Stamp), nil
					}); err != nil {
						t.Error(err)
					}
					if i == 0 {
						svc.Invalidate()
					}
				}
			}()
		}
		if _, err := svc.Import(ctx, strings.NewReader(head+"2025,Or,Ambérieu-en-Bugey,commune,,01004,,\n")); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		snap, err := svc.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if snap.Latest() != 2025 {
			t.Errorf("after the second import the latest edition is %d", snap.Latest())
		}
		for stamp, n := range builds {
			if n > 1 {
				t.Errorf("stamp %s: the page was built %d times; snapshots are rebuilt only when the stamp changes", stamp, n)
			}
		}
	})
}
