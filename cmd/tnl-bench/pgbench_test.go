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
