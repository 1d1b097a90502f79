package testdb

import (
	"os"
	"path/filepath"
	"testing"
)

// Territoires2026 returns the directory holding the real COG 2026 files
// (../shared/data/territoires-2026 from the repository root, or
// $TNL_TERRITOIRES_DIR), and skips the test when it is absent.
func Territoires2026(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("TNL_TERRITOIRES_DIR")
	if dir == "" {
		root, err := RepoRoot()
		if err != nil {
			t.Skipf("territoires 2026: %v", err)
		}
		dir = filepath.Join(root, "..", "shared", "data", "territoires-2026")
	}
	if _, err := os.Stat(filepath.Join(dir, "communes.json")); err != nil {
		t.Skipf("territoires 2026 absent (%s): the real COG files live in ../shared/data/territoires-2026 next to the repository", dir)
	}
	return dir
}

// RepoRoot returns the directory holding go.mod, searching upwards from the
// working directory.
func RepoRoot() (string, error) {
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

// Geo returns the directory holding the real geography files
// (../shared/data/geo from the repository root, or $TNL_GEO_DIR), and
// skips the test when it is absent.
func Geo(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("TNL_GEO_DIR")
	if dir == "" {
		root, err := RepoRoot()
		if err != nil {
			t.Skipf("geo: %v", err)
		}
		dir = filepath.Join(root, "..", "shared", "data", "geo")
	}
	if _, err := os.Stat(filepath.Join(dir, "communes-centres-2018.csv")); err != nil {
		t.Skipf("geography absent (%s): the commune centres and outlines live in ../shared/data/geo next to the repository", dir)
	}
	return dir
}
