package demo

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/adullact/tnl/internal/palmares"
)

// demoPalmares is a small, fictitious history over the demonstration's
// collectivités of the Ain, imported when the real sample of the label's
// history (../shared/data/palmares) matches none of the collectivités
// imported — the demonstration's territories are only the Ain's.
//
//go:embed palmares-demo.csv
var demoPalmares []byte

// SharedPalmares is where the real sample of the label's history is
// looked for: $TNL_SHARED_DATA/palmares, else ../shared/data/palmares
// from the working directory.
func SharedPalmares() string {
	dir := os.Getenv("TNL_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "shared", "data")
	}
	return filepath.Join(dir, "palmares", "palmares-tnl-2016-2025.csv")
}

// SeedPalmares gives the demonstration a palmarès when it has none: the
// real sample of the label's history at shared when present (its rows
// whose collectivité is not imported wait on the staff's matching page),
// then, when no laureate came of it, the embedded fictitious sample. It
// returns a line for the instructions.
func SeedPalmares(ctx context.Context, svc *palmares.Service, shared string) (string, error) {
	snap, err := svc.Snapshot(ctx)
	if err != nil {
		return "", err
	}
	if len(snap.Entries) > 0 {
		return "", nil
	}
	note := ""
	if data, err := os.ReadFile(shared); err == nil {
		rep, err := svc.Import(ctx, bytes.NewReader(data))
		if err != nil {
			return "", fmt.Errorf("historique du palmarès %s : %w", shared, err)
		}
		note = fmt.Sprintf("Historique réel importé depuis %s ; lignes à rapprocher : %d.\n", shared, len(rep.Unmatched))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	svc.Invalidate()
	if snap, err = svc.Snapshot(ctx); err != nil {
		return "", err
	}
	if len(snap.Entries) == 0 {
		if _, err := svc.Import(ctx, bytes.NewReader(demoPalmares)); err != nil {
			return "", fmt.Errorf("palmarès de démonstration : %w", err)
		}
		note += "Palmarès de démonstration (résultats fictifs de collectivités de l’Ain).\n"
	}
	return note, nil
}
