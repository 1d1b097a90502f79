package pdf

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

func TestMain(m *testing.M) {
	flag.Bool("update", false, "rewrite the golden files in testdata")
	os.Exit(m.Run())
}

// updating reports whether the test binary runs with -update.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestGolden compares the rendering of the samples with testdata/*.pdf;
// run `go test ./internal/pdf -run TestGolden -update` after an intended
// change and review the new files (pdftoppm -png renders them).
func TestGolden(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	for _, tc := range []struct {
		file   string
		render func(*bytes.Buffer) error
	}{
		{"dossier.pdf", func(b *bytes.Buffer) error { return e.Dossier(b, sampleDossier()) }},
		{"receipt.pdf", func(b *bytes.Buffer) error { return e.Receipt(b, sampleReceipt()) }},
		{"certificate.pdf", func(b *bytes.Buffer) error { return e.Certificate(b, sampleCertificate()) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var got bytes.Buffer
			if err := tc.render(&got); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.file)
			if updating() {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				at := 0
				for at < min(len(want), got.Len()) && want[at] == got.Bytes()[at] {
					at++
				}
				actual := filepath.Join(t.TempDir(), tc.file)
				_ = os.WriteFile(actual, got.Bytes(), 0o644)
				t.Errorf("output differs from %s at byte %d (%d bytes, want %d); actual output in %s",
					path, at, got.Len(), len(want), actual)
			}
		})
	}
}
