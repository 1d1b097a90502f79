package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// pgbenchResult is the baseline: what the same PostgreSQL does with a
// standard read-write workload (TPC-B-like) at the same concurrency.
type pgbenchResult struct {
	Scale       int     `json:"scale"`
	Clients     int     `json:"clients"`
	Threads     int     `json:"threads"`
	Seconds     int     `json:"seconds"`
	InitSeconds float64 `json:"init_s"`
	TPS         float64 `json:"tps"`
	LatencyMs   float64 `json:"latency_avg_ms"`
	// PostgresMsPerTx is the CPU time PostgreSQL spends per transaction,
	// measured as for the submissions.
	PostgresMsPerTx float64 `json:"postgres_cpu_ms_per_tx,omitempty"`
	Error           string  `json:"error,omitempty"`
}

// runPGBench initialises a pgbench database at the given scale on the
// scratch database db, then runs the default (tpcb-like) script with
// clients connections on 2 threads for seconds.
func runPGBench(ctx context.Context, db *scratch, scale, clients, secs int, prog *progress) (*pgbenchResult, error) {
	dbURL := db.URL
	res := &pgbenchResult{Scale: scale, Clients: clients, Threads: min(2, clients), Seconds: secs}
	start := time.Now()
	if out, err := exec.CommandContext(ctx, "pgbench", "-i", "-q", "-s", strconv.Itoa(scale), dbURL).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pgbench -i : %w\n%s", err, out)
	}
	res.InitSeconds = time.Since(start).Seconds()
	stop := prog.run(func(elapsed time.Duration) string {
		return fmt.Sprintf("pgbench %d clients · %d/%d s", clients, min(int(elapsed.Seconds()), secs), secs)
	})
	cmd := exec.CommandContext(ctx, "pgbench", "-c", strconv.Itoa(clients), "-j", strconv.Itoa(res.Threads),
		"-T", strconv.Itoa(secs), dbURL)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		stop()
		return nil, fmt.Errorf("pgbench : %w", err)
	}
	cpu, window := samplePostgres(ctx, db.Name, secs)
	err := cmd.Wait()
	stop()
	if err != nil {
		return nil, fmt.Errorf("pgbench : %w\n%s", err, out.String())
	}
	if res.TPS, res.LatencyMs, err = parsePGBench(out.Bytes()); err != nil {
		return nil, err
	}
	if window > 0 {
		res.PostgresMsPerTx = cpu * 1000 / (res.TPS * window.Seconds())
	}
	return res, nil
}

// samplePostgres measures the CPU time of the database's PostgreSQL
// processes while pgbench runs, from its second second to its last but
// one (its backends are gone once it ends), and returns it with the length
// of that window (zero when the run is too short to tell).
func samplePostgres(ctx context.Context, dbName string, secs int) (float64, time.Duration) {
	if secs < 4 {
		return 0, 0
	}
	wait := func(d time.Duration) bool {
		select {
		case <-time.After(d):
			return true
		case <-ctx.Done():
			return false
		}
	}
	if !wait(time.Second) {
		return 0, 0
	}
	c0, t0 := postgresCPU(dbName), time.Now()
	if !wait(time.Duration(secs-2) * time.Second) {
		return 0, 0
	}
	return postgresCPU(dbName) - c0, time.Since(t0)
}

// parsePGBench reads the TPS (without the initial connection time) and the
// average latency of pgbench's report.
func parsePGBench(out []byte) (tps, latency float64, err error) {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "tps = "); ok {
			f := strings.Fields(rest)
			if tps, err = strconv.ParseFloat(f[0], 64); err != nil {
				return 0, 0, fmt.Errorf("pgbench : %q : %w", line, err)
			}
		}
		if rest, ok := strings.CutPrefix(line, "latency average = "); ok {
			latency, _ = strconv.ParseFloat(strings.Fields(rest)[0], 64)
		}
	}
	if tps == 0 {
		return 0, 0, errors.New("pgbench : pas de ligne « tps = » dans son rapport")
	}
	return tps, latency, nil
}
