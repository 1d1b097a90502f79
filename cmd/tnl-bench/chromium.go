package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// chromiumResult compares the fpdf dossier renderer with a warm Chromium
// (one browser kept running, Page.printToPDF per document over CDP) on
// the same sample dossier, measured one after the other in the same
// process by internal/pdf's BenchmarkChromiumWarm, which this run starts.
type chromiumResult struct {
	Documents         int     `json:"documents"`
	ChromiumMs        float64 `json:"chromium_ms_per_document"`
	ChromiumCPUMs     float64 `json:"chromium_cpu_ms_per_document,omitempty"`
	FpdfMs            float64 `json:"fpdf_ms_per_document"`
	FpdfCPUMs         float64 `json:"fpdf_cpu_ms_per_document,omitempty"`
	Factor            float64 `json:"times_faster"`
	BulkExportHours   float64 `json:"chromium_bulk_export_h"`
	ChromiumPDFBytes  float64 `json:"chromium_pdf_bytes,omitempty"`
	Error             string  `json:"error,omitempty"`
	Skipped           string  `json:"skipped,omitempty"`
	Command           string  `json:"command"`
	MeasuredInSeconds float64 `json:"seconds"`
}

// compareChromium runs the warm-Chromium benchmark of internal/pdf (go
// test, from this module) and reads its figures.
func compareChromium(ctx context.Context, docs int) *chromiumResult {
	args := []string{"test", "-run", "^$", "-bench", "^BenchmarkChromiumWarm$", "-benchtime", fmt.Sprintf("%dx", docs), "-count", "1", "github.com/adullact/tnl/internal/pdf"}
	res := &chromiumResult{Documents: docs, Command: "go " + strings.Join(args, " ")}
	if _, err := exec.LookPath("chromium"); err != nil {
		res.Skipped = "chromium introuvable : pas de comparaison"
		return res
	}
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	res.MeasuredInSeconds = time.Since(start).Seconds()
	if err != nil {
		res.Error = fmt.Sprintf("%v : %s", err, lastLines(out.String(), 5))
		return res
	}
	m, ok := parseBenchLine(out.Bytes(), "BenchmarkChromiumWarm")
	if !ok {
		res.Error = "pas de ligne BenchmarkChromiumWarm : " + lastLines(out.String(), 5)
		return res
	}
	res.ChromiumMs, res.FpdfMs = m["ns/op"]/1e6, m["fpdf-ns/op"]/1e6
	res.ChromiumCPUMs, res.FpdfCPUMs = m["chromium-cpu-ns/op"]/1e6, m["fpdf-cpu-ns/op"]/1e6
	res.Factor, res.BulkExportHours, res.ChromiumPDFBytes = m["x-fpdf-time"], m["h/bulk-export"], m["chromium-pdf-bytes"]
	if strings.Contains(out.String(), "--- SKIP") {
		res.Skipped = lastLines(out.String(), 3)
	}
	return res
}

// parseBenchLine reads the metrics of a benchmark's result line ("name-N
// iterations value unit value unit…").
func parseBenchLine(out []byte, name string) (map[string]float64, bool) {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || (f[0] != name && !strings.HasPrefix(f[0], name+"-")) {
			continue
		}
		m := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				m[f[i+1]] = v
			}
		}
		return m, true
	}
	return nil, false
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " / ")
}
