package pdf

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentRendering renders different documents from many goroutines
// with one Engine and checks each output against a sequential rendering;
// run it with -race.
func TestConcurrentRendering(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	type job struct {
		name   string
		render func(*bytes.Buffer) error
	}
	var jobs []job
	for i := range 6 {
		d := sampleDossier()
		d.Collectivite.Name = fmt.Sprintf("Commune n° %d — Île-de-Ré", i)
		d.Sections = d.Sections[:1+i%6]
		jobs = append(jobs, job{d.Collectivite.Name, func(b *bytes.Buffer) error { return e.Dossier(b, d) }})
	}
	jobs = append(jobs,
		job{"receipt", func(b *bytes.Buffer) error { return e.Receipt(b, sampleReceipt()) }},
		job{"certificate", func(b *bytes.Buffer) error { return e.Certificate(b, sampleCertificate()) }},
	)
	want := make([][]byte, len(jobs))
	for i, j := range jobs {
		var buf bytes.Buffer
		if err := j.render(&buf); err != nil {
			t.Fatalf("%s: %v", j.name, err)
		}
		want[i] = buf.Bytes()
	}
	const goroutines, rounds = 8, 2
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*rounds*len(jobs))
	for g := range goroutines {
		wg.Go(func() {
			for r := range rounds {
				for k := range jobs {
					i := (g + r + k) % len(jobs)
					var buf bytes.Buffer
					if err := jobs[i].render(&buf); err != nil {
						errs <- fmt.Errorf("%s: %w", jobs[i].name, err)
					} else if !bytes.Equal(buf.Bytes(), want[i]) {
						errs <- fmt.Errorf("%s: concurrent output differs from the sequential one", jobs[i].name)
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
