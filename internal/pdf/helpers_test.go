package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func newTestEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func renderDossier(t testing.TB, e *Engine, d *Dossier) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := e.Dossier(&buf, d); err != nil {
		t.Fatalf("Dossier: %v", err)
	}
	return buf.Bytes()
}

// pdfText extracts the text of a PDF with pdftotext, skipping the test when
// poppler-utils is not installed.
func pdfText(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils to run the text extraction checks")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, args...), path, "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// checkPDF asserts that b looks like a complete PDF document.
func checkPDF(t testing.TB, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
		t.Fatalf("not a complete PDF (%d bytes)", len(b))
	}
}
