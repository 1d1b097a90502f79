package cli

import (
	"fmt"
	"os"
	"path/filepath"
)

// atomicFile is an output file written under a temporary name in the same
// directory and renamed into place only when complete: an error or an
// interruption never leaves a truncated file, nor destroys the file that
// was there before.
type atomicFile struct {
	*os.File
	path string
}

func createAtomic(path string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("création de %s : %w", path, err)
	}
	if err := f.Chmod(0o640); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("création de %s : %w", path, err)
	}
	return &atomicFile{File: f, path: path}, nil
}

// Commit closes the file and puts it in place.
func (f *atomicFile) Commit() error {
	if err := f.File.Sync(); err != nil {
		f.Abort()
		return fmt.Errorf("écriture de %s : %w", f.path, err)
	}
	if err := f.File.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("écriture de %s : %w", f.path, err)
	}
	if err := os.Rename(f.Name(), f.path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("écriture de %s : %w", f.path, err)
	}
	return nil
}

// Abort drops the temporary file; the destination is left as it was.
func (f *atomicFile) Abort() {
	f.File.Close()
	os.Remove(f.Name())
}

// writeFileAtomic writes data to path through an atomicFile.
func writeFileAtomic(path string, data []byte) error {
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return fmt.Errorf("écriture de %s : %w", path, err)
	}
	return f.Commit()
}
