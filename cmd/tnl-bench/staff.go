package main

import (
	"archive/zip"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// staffResult is the figures of the staff side.
type staffResult struct {
	CloseSeconds     float64        `json:"close_s"`
	Recevable        *apiResult     `json:"recevable"`
	PDF              *pdfResult     `json:"pdf"`
	PeakRSS          int64          `json:"server_peak_rss_bytes"` // over the load and the staff calls
	FinalStateCounts map[string]int `json:"final_states,omitempty"`
}

// apiResult is a batch of API calls.
type apiResult struct {
	Calls       int           `json:"calls"`
	Seconds     float64       `json:"seconds"`
	PerSec      float64       `json:"per_s"`
	Latency     opStats       `json:"latency"`
	Errors      int           `json:"errors"`
	FirstErrors []errorSample `json:"first_errors,omitempty"`
}

// pdfResult is the bulk export of the dossiers.
type pdfResult struct {
	Available bool    `json:"available"`
	Seconds   float64 `json:"seconds"`
	Dossiers  int     `json:"dossiers"`
	Bytes     int64   `json:"zip_bytes"`
	PerSec    float64 `json:"dossiers_per_s"`
	Error     string  `json:"error,omitempty"`
}

// declareRecevable fires declarer_recevable on every candidature through
// the API, as a staff token, clients at a time.
func declareRecevable(ctx context.Context, base, token string, hc *http.Client, ids []int64, clients int, prog *progress) *apiResult {
	rec, errs := newRecorder(), &errorLog{}
	var done atomic.Int64
	work := make(chan int64)
	var wg sync.WaitGroup
	start := time.Now()
	stop := prog.run(func(elapsed time.Duration) string {
		d := int(done.Load())
		return fmt.Sprintf("recevables %d/%d · %s/s · %s", d, len(ids), frNum(rate(d, elapsed), 1), errorCount(errsCount(errs)))
	})
	for range min(clients, max(len(ids), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := &browser{hc: hc, base: base, cookies: map[string]string{}, rec: rec, errs: errs, bearer: token}
			for id := range work {
				_, err := b.do(ctx, request{Op: "recevable", Method: http.MethodPost,
					Path: "/api/v1/candidatures/" + strconv.FormatInt(id, 10) + "/events/declarer_recevable",
					Body: []byte(`{"mandat": "Maire, vérifié au Répertoire national des élus", "mandat_verifie": true}`), ContentType: "application/json", Want: http.StatusOK})
				if err == nil {
					done.Add(1)
				}
			}
		}()
	}
	for _, id := range ids {
		if ctx.Err() != nil {
			break
		}
		work <- id
	}
	close(work)
	wg.Wait()
	took := time.Since(start)
	stop()
	n, first := errs.snapshot()
	return &apiResult{Calls: len(ids), Seconds: took.Seconds(), PerSec: rate(int(done.Load()), took),
		Latency: rec.summary()["recevable"], Errors: n, FirstErrors: first}
}

func errsCount(l *errorLog) int {
	n, _ := l.snapshot()
	return n
}

// exportPDF renders every dossier of the campaign with `tnl pdf dossiers`
// into a zip archive and counts its entries.
func exportPDF(ctx context.Context, cli *tnlCLI, year int, zipPath string) *pdfResult {
	if _, _, err := cli.run(ctx, "", "pdf", "dossiers", "-h"); err != nil {
		return &pdfResult{Error: "commande « tnl pdf dossiers » absente de ce binaire"}
	}
	_, took, err := cli.run(ctx, "", "pdf", "dossiers", "--campaign", strconv.Itoa(year), "-o", zipPath)
	res := &pdfResult{Available: true, Seconds: took.Seconds()}
	if err != nil {
		res.Error = err.Error()
		return res
	}
	if fi, err := os.Stat(zipPath); err == nil {
		res.Bytes = fi.Size()
	}
	z, err := zip.OpenReader(zipPath)
	if err != nil {
		res.Error = fmt.Sprintf("archive illisible : %v", err)
		return res
	}
	defer z.Close()
	res.Dossiers = len(z.File)
	res.PerSec = rate(res.Dossiers, took)
	return res
}
