package pdf

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
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
	// Not tb.TempDir: Chromium's helper processes may still write to the
	// profile for a moment after the browser has gone, and TempDir fails
	// the test when its removal finds a directory not empty. The removal
	// is retried for a few seconds instead.
	dir, err := os.MkdirTemp("", "tnl-chromium-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(250 * time.Millisecond)
		}
		tb.Logf("temporary directory %s left behind: Chromium still writes to it", dir)
	})
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

// warmChromium starts one headless Chromium kept running, as PDF services
// (Gotenberg and the like) do, and returns a tab's context.
func warmChromium(tb testing.TB, bin, profile string) context.Context {
	tb.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile))
	ctx, cancelCtx := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Run(ctx); err != nil {
		tb.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// printCDP loads the HTML file in the warm browser's tab and prints it
// with Page.printToPDF, the page's own A4 rules deciding the layout.
func printCDP(ctx context.Context, html string) ([]byte, error) {
	var pdf []byte
	err := chromedp.Run(ctx, chromedp.Navigate("file://"+html), chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).
			WithDisplayHeaderFooter(false).Do(ctx)
		return err
	}))
	return pdf, err
}

// browserCPU is the CPU time of the warm browser's processes (the browser
// and every process under it: renderers, GPU, utilities), read from /proc;
// 0 where /proc is not there.
func browserCPU(ctx context.Context) time.Duration {
	c := chromedp.FromContext(ctx)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		return 0
	}
	root := c.Browser.Process().Pid
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	parent, ticks := map[int]int{}, map[int]int64{}
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat"))
		if err != nil {
			continue
		}
		rest := string(data[strings.LastIndexByte(string(data), ')')+1:])
		f := strings.Fields(rest) // state ppid … utime (12th) stime (13th)
		if len(f) < 13 {
			continue
		}
		parent[pid], _ = strconv.Atoi(f[1])
		u, _ := strconv.ParseInt(f[11], 10, 64)
		s, _ := strconv.ParseInt(f[12], 10, 64)
		ticks[pid] = u + s
	}
	var total int64
	for pid, t := range ticks {
		for p := pid; p > 1; p = parent[p] {
			if p == root {
				total += t
				break
			}
		}
	}
	return time.Duration(total) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

// A warm browser prints the dossier's HTML over CDP, as the benchmark
// below measures it.
func TestWarmChromiumPrintsDossierHTML(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a browser")
	}
	bin, dir, html := chromiumSetup(t)
	ctx := warmChromium(t, bin, filepath.Join(dir, "profile"))
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	for range 2 { // the second document, in the same tab
		pdf, err := printCDP(ctx, html)
		if err != nil {
			t.Fatalf("Page.printToPDF: %v", err)
		}
		checkPDF(t, pdf)
		text := pdfText(t, pdf)
		for _, want := range []string{"Saint-Gérard-lès-Écluses", "Inventaire des logiciels métiers"} {
			if !strings.Contains(text, want) {
				t.Errorf("printed HTML lacks %q", want)
			}
		}
	}
}

// BenchmarkChromiumWarm compares Engine.Dossier with a warm Chromium: one
// browser started once, each document loaded in its tab and printed with
// Page.printToPDF over CDP. The same sample dossier (its HTML version for
// the browser), in the same process, one after the other; x-fpdf-time is
// how many times slower the browser is per document.
func BenchmarkChromiumWarm(b *testing.B) {
	bin, dir, html := chromiumSetup(b)
	e := newTestEngine(b)
	d := sampleDossier()
	ctx := warmChromium(b, bin, filepath.Join(dir, "profile"))
	// A first document warms the tab (fonts, the renderer's caches).
	if _, err := printCDP(ctx, html); err != nil {
		b.Fatalf("Page.printToPDF: %v", err)
	}
	const fpdfRuns = 200
	cpu0 := processCPU()
	start := time.Now()
	for range fpdfRuns {
		if err := e.Dossier(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
	fpdfPerDoc := time.Since(start) / fpdfRuns
	fpdfCPU := (processCPU() - cpu0) / fpdfRuns
	browser0 := browserCPU(ctx)
	b.ResetTimer()
	var size int
	for b.Loop() {
		pdf, err := printCDP(ctx, html)
		if err != nil {
			b.Fatalf("Page.printToPDF: %v", err)
		}
		size = len(pdf)
	}
	perDoc := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perDoc)/float64(fpdfPerDoc), "x-fpdf-time")
	b.ReportMetric(float64(fpdfPerDoc.Nanoseconds()), "fpdf-ns/op")
	if fpdfCPU > 0 {
		b.ReportMetric(float64(fpdfCPU.Nanoseconds()), "fpdf-cpu-ns/op")
	}
	if cpu := browserCPU(ctx) - browser0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "chromium-cpu-ns/op")
	}
	b.ReportMetric(float64(size), "chromium-pdf-bytes")
	b.ReportMetric(perDoc.Seconds()*bulkDossiers/3600, "h/bulk-export")
}
