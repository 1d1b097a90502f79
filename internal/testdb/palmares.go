package testdb

import (
	"os"
	"path/filepath"
	"testing"
)

// PalmaresCSV returns the real history file of the label
// (../shared/data/palmares/palmares-tnl-2016-2025.csv from the repository
// root, or $TNL_PALMARES_CSV), and skips the test when it is absent.
func PalmaresCSV(t testing.TB) string {
	t.Helper()
	path := os.Getenv("TNL_PALMARES_CSV")
	if path == "" {
		root, err := RepoRoot()
		if err != nil {
			t.Skipf("palmarès: %v", err)
		}
		path = filepath.Join(root, "..", "shared", "data", "palmares", "palmares-tnl-2016-2025.csv")
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("palmarès history absent (%s): the real sample lives in ../shared/data/palmares next to the repository", path)
	}
	return path
}
