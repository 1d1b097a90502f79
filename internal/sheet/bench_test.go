package sheet_test

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/sheet"
)

// bigTable returns rows × 12 columns of palmarès-like data: every type,
// accents, a few neutralised strings and empty cells.
func bigTable(rows int) *sheet.Table {
	t := &sheet.Table{
		Name:  "Palmarès",
		Title: "Palmarès du label Territoire Numérique Libre",
		Columns: []sheet.Column{
			{Name: "annee", Title: "Année", Type: sheet.Integer, Required: true},
			{Name: "code_insee", Title: "Code INSEE", Type: sheet.String, Required: true},
			{Name: "collectivite", Title: "Collectivité", Type: sheet.String, Required: true},
			{Name: "type", Title: "Type de collectivité", Type: sheet.String},
			{Name: "departement", Title: "Département", Type: sheet.String},
			{Name: "region", Title: "Région", Type: sheet.String},
			{Name: "niveau", Title: "Niveau", Type: sheet.String},
			{Name: "population", Title: "Population", Type: sheet.Integer},
			{Name: "score", Title: "Score", Type: sheet.Number},
			{Name: "date_deliberation", Title: "Date de délibération", Type: sheet.Date},
			{Name: "premiere_fois", Title: "Première labellisation", Type: sheet.Boolean},
			{Name: "page", Title: "Page publique", Type: sheet.String},
		},
	}
	day := time.Date(2016, 11, 15, 0, 0, 0, 0, time.UTC)
	levels := []string{"Niveau 1", "Niveau 2", "Niveau 3", "Niveau 4", "Niveau 5", "Badge", "Bronze", "Argent", "Or"}
	t.Rows = make([][]any, rows)
	for i := range t.Rows {
		name := fmt.Sprintf("Commune de Saint-Étienne-d’Orthe n° %d", i)
		if i%97 == 0 {
			name = fmt.Sprintf("=HYPERLINK(\"http://x/%d\")", i)
		}
		var score any = float64(i%1000) / 8
		if i%13 == 0 {
			score = nil
		}
		t.Rows[i] = []any{
			2016 + i%11,
			fmt.Sprintf("%05d", 1000+i%95000),
			name,
			"Commune",
			"Hérault",
			"Occitanie",
			levels[i%len(levels)],
			i * 37 % 2000000,
			score,
			day.AddDate(0, 0, i%3650),
			i%3 == 0,
			fmt.Sprintf("https://territoire-numerique-libre.org/palmares/%d/%05d", 2016+i%11, i),
		}
	}
	return t
}

// countingWriter counts the bytes written.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

func benchmarkWriter(b *testing.B, write func(io.Writer, *sheet.Table) error) {
	for _, rows := range []int{4000, 40000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			t := bigTable(rows)
			b.ReportAllocs()
			var size int64
			for b.Loop() {
				var w countingWriter
				if err := write(&w, t); err != nil {
					b.Fatal(err)
				}
				size = w.n
			}
			b.ReportMetric(float64(size), "output-bytes")
			b.ReportMetric(float64(peakHeap(func() { write(io.Discard, t) })), "peak-heap-bytes")
		})
	}
}

// peakHeap runs f while sampling the heap every 100 µs, and returns the
// most it held above what it held before f (the table, already built):
// live objects and garbage not yet collected alike.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if v := read(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// The figures (time, allocated bytes, output size, peak heap) for 4,000
// and 40,000 rows × 12 columns:
//
//	go test -run '^$' -bench 'Write(ODS|CSV)' -benchmem ./internal/sheet
func BenchmarkWriteODS(b *testing.B) { benchmarkWriter(b, sheet.WriteODS) }
func BenchmarkWriteCSV(b *testing.B) { benchmarkWriter(b, sheet.WriteCSV) }
