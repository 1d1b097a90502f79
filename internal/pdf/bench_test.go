package pdf

import (
	"fmt"
	"io"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// bulkDossiers is the size of the bulk export the renderer is sized for.
const bulkDossiers = 36359

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// reportCPU reports the process CPU time (all threads, garbage collection
// included) per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	if cpu := processCPU(); cpu > 0 && b.N > 0 {
		b.ReportMetric(float64(cpu-start)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkDossier renders sampleDossier: 50 answers, a 30-row table and
// long texts, 9 pages.
func BenchmarkDossier(b *testing.B) {
	benchmarkDossier(b, newTestEngine(b))
}

// BenchmarkDossierCompressed is BenchmarkDossier with deflated page
// content streams (WithCompression).
func BenchmarkDossierCompressed(b *testing.B) {
	e, err := New(WithCompression(true))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkDossier(b, e)
}

func benchmarkDossier(b *testing.B, e *Engine) {
	d := sampleDossier()
	pages := len(e.layoutDossier(d).pages)
	var out countingWriter
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		out.n = 0
		if err := e.Dossier(&out, d); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(out.n), "bytes/doc")
}

// BenchmarkDossierParallel renders sampleDossier from GOMAXPROCS goroutines,
// as the bulk export does, and extrapolates the duration of the export.
func BenchmarkDossierParallel(b *testing.B) {
	e := newTestEngine(b)
	d := sampleDossier()
	pages := len(e.layoutDossier(d).pages)
	b.ReportAllocs()
	start, wall := processCPU(), time.Now()
	var failed atomic.Bool
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := e.Dossier(io.Discard, d); err != nil {
				failed.Store(true)
			}
		}
	})
	if failed.Load() {
		b.Fatal("rendering failed")
	}
	elapsed := time.Since(wall)
	reportCPU(b, start)
	b.ReportMetric(float64(pages*b.N)/elapsed.Seconds(), "pages/s")
	b.ReportMetric(elapsed.Seconds()/float64(b.N)*bulkDossiers, "s/bulk-export")
}

func BenchmarkReceipt(b *testing.B) {
	e := newTestEngine(b)
	r := sampleReceipt()
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		if err := e.Receipt(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

func BenchmarkCertificate(b *testing.B) {
	e := newTestEngine(b)
	c := sampleCertificate()
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		if err := e.Certificate(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkNew measures the one-off cost of parsing and compressing the
// embedded fonts.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// bulkLetters is the size of a mailing campaign to every current commune.
const bulkLetters = 34969

// BenchmarkLetter renders one mailing letter (one page), as the zip of a
// campaign's letters does for each mairie.
func BenchmarkLetter(b *testing.B) {
	e := newTestEngine(b)
	l := sampleLetter("Saint-Amand-les-Eaux", "K7M2Q9RT")
	var out countingWriter
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		out.n = 0
		if err := e.Letter(&out, l); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
	b.ReportMetric(float64(out.n), "bytes/doc")
}

// BenchmarkLetterParallel renders letters from GOMAXPROCS goroutines and
// extrapolates a campaign to every commune.
func BenchmarkLetterParallel(b *testing.B) {
	e := newTestEngine(b)
	l := sampleLetter("Saint-Amand-les-Eaux", "K7M2Q9RT")
	b.ReportAllocs()
	wall := time.Now()
	var failed atomic.Bool
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := e.Letter(io.Discard, l); err != nil {
				failed.Store(true)
			}
		}
	})
	if failed.Load() {
		b.Fatal("rendering failed")
	}
	elapsed := time.Since(wall)
	b.ReportMetric(elapsed.Seconds()/float64(b.N)*bulkLetters, "s/bulk-letters")
}

// BenchmarkLettersMerged renders 1 000 letters as one document for
// printing (a département is 300 to 900 communes).
func BenchmarkLettersMerged(b *testing.B) {
	e := newTestEngine(b)
	ls := make([]*Letter, 1000)
	for i := range ls {
		ls[i] = sampleLetter(fmt.Sprintf("Commune n° %d", i), fmt.Sprintf("C%07d", i))
	}
	var out countingWriter
	b.ReportAllocs()
	for b.Loop() {
		out.n = 0
		if err := e.Letters(&out, slices.Values(ls)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ls)), "ns/letter")
	b.ReportMetric(float64(out.n)/float64(len(ls)), "bytes/letter")
}
