package dossier

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// sink receives the rendered dossiers of an export, one at a time.
type sink interface {
	write(name string, modified time.Time, data []byte) error
	close() error
}

func newSink(req ExportRequest) (sink, error) {
	if req.Zip != nil {
		return &zipSink{w: zip.NewWriter(req.Zip)}, nil
	}
	if err := os.MkdirAll(req.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("création du répertoire %s : %w", req.Dir, err)
	}
	return &dirSink{dir: req.Dir}, nil
}

// dirSink writes each dossier to its own file, through a temporary name so
// that an interrupted export never leaves a truncated PDF.
type dirSink struct{ dir string }

func (d *dirSink) write(name string, _ time.Time, data []byte) error {
	path := filepath.Join(d.dir, name)
	tmp := filepath.Join(d.dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, data, 0o640); err != nil {
		return fmt.Errorf("écriture de %s : %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("écriture de %s : %w", path, err)
	}
	return nil
}

func (d *dirSink) close() error { return nil }

// zipSink appends each dossier to a zip archive, uncompressed.
type zipSink struct{ w *zip.Writer }

func (z *zipSink) write(name string, modified time.Time, data []byte) error {
	w, err := z.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: modified})
	if err == nil {
		_, err = w.Write(data)
	}
	if err != nil {
		return fmt.Errorf("écriture de %s dans l’archive : %w", name, err)
	}
	return nil
}

func (z *zipSink) close() error {
	if err := z.w.Close(); err != nil {
		return fmt.Errorf("fin de l’archive zip : %w", err)
	}
	return nil
}

// fileName makes a file name of a candidature's reference: letters,
// digits, dots, hyphens and underscores are kept, anything else becomes a
// hyphen; a reference with nothing usable gives « candidature-<id> ».
func fileName(reference string, id int64) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '-'
	}, reference)
	if strings.Trim(name, "-.") == "" {
		return fmt.Sprintf("candidature-%d", id)
	}
	return strings.TrimLeft(name, ".")
}
