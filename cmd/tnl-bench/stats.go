package main

import (
	"math"
	"slices"
	"sync"
	"time"
)

// opStats summarises the latencies of one kind of operation, in
// milliseconds.
type opStats struct {
	Count int     `json:"count"`
	Mean  float64 `json:"mean_ms"`
	P50   float64 `json:"p50_ms"`
	P95   float64 `json:"p95_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

// summarize computes nearest-rank percentiles of ds (which it sorts).
func summarize(ds []time.Duration) opStats {
	if len(ds) == 0 {
		return opStats{}
	}
	slices.Sort(ds)
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return opStats{
		Count: len(ds),
		Mean:  ms(sum / time.Duration(len(ds))),
		P50:   ms(percentile(ds, 50)),
		P95:   ms(percentile(ds, 95)),
		P99:   ms(percentile(ds, 99)),
		Max:   ms(ds[len(ds)-1]),
	}
}

// percentile returns the nearest-rank p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

func ms(d time.Duration) float64 { return math.Round(float64(d)/1e3) / 1e3 }

// recorder collects latencies per operation from many goroutines.
type recorder struct {
	mu  sync.Mutex
	ops map[string][]time.Duration
}

func newRecorder() *recorder { return &recorder{ops: map[string][]time.Duration{}} }

func (r *recorder) add(op string, d time.Duration) {
	r.mu.Lock()
	r.ops[op] = append(r.ops[op], d)
	r.mu.Unlock()
}

// summary returns the statistics of every operation seen.
func (r *recorder) summary() map[string]opStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]opStats, len(r.ops))
	for op, ds := range r.ops {
		out[op] = summarize(slices.Clone(ds))
	}
	return out
}
