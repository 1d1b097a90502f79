package main

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
)

// loadResult is the figures of the submission phase.
type loadResult struct {
	Applicants        int                `json:"applicants"` // timed, without the probes
	Clients           int                `json:"clients"`
	Seconds           float64            `json:"seconds"`
	Submissions       int                `json:"submissions"`
	Saves             int                `json:"answer_saves"`
	Requests          int                `json:"requests"`
	SubmissionsPerSec float64            `json:"submissions_per_s"`
	SavesPerSec       float64            `json:"answer_saves_per_s"`
	RequestsPerSec    float64            `json:"requests_per_s"`
	Ops               map[string]opStats `json:"ops"`
	Errors            int                `json:"errors"`
	FailedApplicants  int                `json:"failed_applicants"`
	FirstErrors       []errorSample      `json:"first_errors,omitempty"`
	PeakRSS           int64              `json:"server_peak_rss_bytes"`
	HWM               int64              `json:"server_vmhwm_bytes"`
	CPU               cpuSample          `json:"cpu"`
	Server            *serverCounters    `json:"server_counters,omitempty"`
	Probe             *probeResult       `json:"probe,omitempty"`
	Outbox            *outboxState       `json:"outbox_at_end,omitempty"`

	ids []int64 // submitted candidatures
}

// serverCounters are the store's counters over the load: statements sent
// (BEGIN and COMMIT included, the outbox worker's too) and waits for a
// connection of the pool.
type serverCounters struct {
	Queries              int64   `json:"queries"`
	QueriesPerSubmission float64 `json:"queries_per_submission"`
	PoolWaits            int64   `json:"pool_waits"`
	PoolWaitSeconds      float64 `json:"pool_wait_s"`
	MaxOpenConnections   int     `json:"max_open_connections"`
}

// probeResult is what one applicant's journey, alone on the server, costs
// in statements sent by the store (BEGIN and COMMIT included).
type probeResult struct {
	Applicants     int                `json:"applicants"`
	PerOp          map[string]int64   `json:"queries_per_op"` // median over the probes' requests
	PerSubmission  int64              `json:"queries_per_submission"`
	PerSaveMinimum int64              `json:"queries_per_save_min"`
	Ops            map[string]opStats `json:"latency"` // alone on the server: the service time
}

// runProbe runs the first applicants one after the other, reading the
// server's statement counter around each request.
func runProbe(ctx context.Context, srv *serverProc, hc *http.Client, p *plan, apps []applicant, rec *recorder, errs *errorLog, n *counters) (*probeResult, []int64, error) {
	perOp := map[string][]int64{}
	var flows []int64
	var ids []int64
	for i, app := range apps {
		b := &browser{hc: hc, base: srv.BaseURL, cookies: map[string]string{}, rec: rec, errs: errs}
		var flow int64
		b.observe = func(op string, run func()) error {
			before, err := srv.storeStats(ctx)
			if err != nil {
				return err
			}
			run()
			after, err := srv.storeStats(ctx)
			if err != nil {
				return err
			}
			perOp[op] = append(perOp[op], after.Queries-before.Queries)
			flow += after.Queries - before.Queries
			return nil
		}
		id, err := apply(ctx, b, p, i, app, n)
		if err != nil {
			n.failed.Add(1)
			return nil, ids, fmt.Errorf("sonde : %w", err)
		}
		ids = append(ids, id)
		flows = append(flows, flow)
	}
	out := &probeResult{Applicants: len(apps), PerOp: map[string]int64{}, Ops: rec.summary()}
	for op, qs := range perOp {
		slices.Sort(qs)
		out.PerOp[op] = qs[len(qs)/2]
		if op == "save" {
			out.PerSaveMinimum = qs[0]
		}
	}
	if len(flows) > 0 {
		out.PerSubmission = slices.Min(flows)
	}
	return out, ids, nil
}

// runLoad makes every applicant apply, clients at a time, and returns the
// ids of the candidatures submitted.
func runLoad(ctx context.Context, base string, hc *http.Client, p *plan, apps []applicant, offset, clients int, rec *recorder, errs *errorLog, n *counters) []int64 {
	work := make(chan int)
	var mu sync.Mutex
	var ids []int64
	var wg sync.WaitGroup
	for range min(clients, max(len(apps), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				b := &browser{hc: hc, base: base, cookies: map[string]string{}, rec: rec, errs: errs}
				id, err := apply(ctx, b, p, offset+i, apps[i], n)
				if err != nil {
					n.failed.Add(1)
					continue
				}
				mu.Lock()
				ids = append(ids, id)
				mu.Unlock()
			}
		}()
	}
	for i := range apps {
		select {
		case work <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(work)
	wg.Wait()
	return ids
}

// rate returns n per second over d.
func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
