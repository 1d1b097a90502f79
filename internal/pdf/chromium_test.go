package pdf

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromium returns the path of a Chromium or Chrome binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// printHTML prints an HTML file to PDF with headless Chromium.
func printHTML(ctx context.Context, bin, profile, html, pdf string) error {
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-pdf-header-footer", "--user-data-dir="+profile, "--print-to-pdf="+pdf, "file://"+html)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	return cmd.Run()
}

// chromiumSetup writes sampleDossier as HTML in a temporary directory.
func chromiumSetup(tb testing.TB) (bin, dir, html string) {
	tb.Helper()
	bin = chromium()
	if bin == "" {
		tb.Skip("chromium not found: install chromium to compare with browser printing")
	}
	dir = tb.TempDir()
	html = filepath.Join(dir, "dossier.html")
	f, err := os.Create(html)
	if err != nil {
		tb.Fatal(err)
	}
	if err := dossierHTML(f, sampleDossier()); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return bin, dir, html
}

func TestChromiumPrintsDossierHTML(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a browser")
	}
	bin, dir, html := chromiumSetup(t)
	out := filepath.Join(dir, "dossier.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := printHTML(ctx, bin, filepath.Join(dir, "profile"), html, out); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, pdf)
	text := pdfText(t, pdf)
	for _, want := range []string{"Saint-Gérard-lès-Écluses", "Non renseigné", "Inventaire des logiciels métiers"} {
		if !strings.Contains(text, want) {
			t.Errorf("printed HTML lacks %q", want)
		}
	}
}

// BenchmarkChromiumPrint prints the HTML version of sampleDossier with
// headless Chromium (one browser process per document, warm profile) and
// reports how many times slower it is than Engine.Dossier.
func BenchmarkChromiumPrint(b *testing.B) {
	bin, dir, html := chromiumSetup(b)
	e := newTestEngine(b)
	d := sampleDossier()
	const fpdfRuns = 200
	start := time.Now()
	for range fpdfRuns {
		if err := e.Dossier(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
	fpdfPerDoc := time.Since(start) / fpdfRuns
	profile, out := filepath.Join(dir, "profile"), filepath.Join(dir, "dossier.pdf")
	ctx := context.Background()
	children := childrenCPU()
	for b.Loop() {
		if err := printHTML(ctx, bin, profile, html, out); err != nil {
			b.Fatalf("chromium: %v", err)
		}
	}
	perDoc := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perDoc)/float64(fpdfPerDoc), "x-fpdf-time")
	b.ReportMetric(float64(fpdfPerDoc.Nanoseconds()), "fpdf-ns/op")
	b.ReportMetric(perDoc.Seconds()*bulkDossiers/3600, "h/bulk-export")
	if cpu := childrenCPU() - children; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "chromium-cpu-ns/op")
	}
}
