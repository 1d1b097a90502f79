package main

import "testing"

func TestParsePGBench(t *testing.T) {
	out := `pgbench (15.20 (Debian 15.20-0+deb12u1))
starting vacuum...end.
transaction type: <builtin: TPC-B (sort of)>
scaling factor: 16
query mode: simple
number of clients: 16
number of threads: 2
maximum number of tries: 1
duration: 10 s
number of transactions actually processed: 36244
number of failed transactions: 0 (0.000%)
latency average = 4.416 ms
initial connection time = 54.034 ms
tps = 3623.570927 (without initial connection time)
`
	tps, lat, err := parsePGBench([]byte(out))
	if err != nil || tps != 3623.570927 || lat != 4.416 {
		t.Errorf("parsePGBench = %v, %v, %v", tps, lat, err)
	}
	if _, _, err := parsePGBench([]byte("pgbench: error: connection refused\n")); err == nil {
		t.Error("no tps line: no error")
	}
}

func TestParseBenchLine(t *testing.T) {
	t.Parallel()
	out := []byte("goos: linux\nBenchmarkChromiumWarm-2   \t      20\t 186200937 ns/op\t 179500000 chromium-cpu-ns/op\t   2351860 fpdf-ns/op\t        79.17 x-fpdf-time\nPASS\n")
	m, ok := parseBenchLine(out, "BenchmarkChromiumWarm")
	if !ok || m["ns/op"] != 186200937 || m["fpdf-ns/op"] != 2351860 || m["x-fpdf-time"] != 79.17 || m["chromium-cpu-ns/op"] != 179500000 {
		t.Errorf("parseBenchLine = %v, %v", m, ok)
	}
	if _, ok := parseBenchLine(out, "BenchmarkChromium"); ok {
		t.Error("a benchmark's name matched another's prefix")
	}
}
