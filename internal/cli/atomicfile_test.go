package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestAtomicFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "dossiers.zip")
	if err := writeFileAtomic(path, []byte("première version")); err != nil {
		t.Fatal(err)
	}
	// An export that fails half-way leaves the previous file whole.
	f, err := createAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("début d’une seconde ver")); err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if got, _ := os.ReadFile(path); string(got) != "première version" {
		t.Errorf("after an aborted write: %q", got)
	}
	if err := writeFileAtomic(path, []byte("seconde version")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "seconde version" {
		t.Errorf("after a complete write: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if err := writeFileAtomic(filepath.Join(dir, "absent", "x.pdf"), nil); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}
