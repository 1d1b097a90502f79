package geo

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// sharedFile opens a real reference file from ../shared/data/<dir> next to
// the repository root ($TNL_SHARED_DATA overrides ../shared/data), or skips
// the test when it is absent. The lookup is written here rather than taken
// from internal/testdb, which would bring a database driver into a package
// that has none.
func sharedFile(tb testing.TB, dir, name string) *os.File {
	tb.Helper()
	base := os.Getenv("TNL_SHARED_DATA")
	if base == "" {
		root, err := repoRoot()
		if err != nil {
			tb.Skipf("reference data: repository root not found: %v", err)
		}
		base = filepath.Join(root, "..", "shared", "data")
	}
	path := filepath.Join(base, dir, name)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("%s absent: the real reference data lives in ../shared/data next to the repository", path)
	} else if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// realCentres2018 loads the real communes-centres-2018.csv, or skips.
func realCentres2018(tb testing.TB) map[string]Point {
	tb.Helper()
	centres, err := LoadCentres2018(sharedFile(tb, "geo", "communes-centres-2018.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	return centres
}
