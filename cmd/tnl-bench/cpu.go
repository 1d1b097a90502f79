package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// clockTicks is USER_HZ, the unit of /proc CPU times (100 on Linux).
const clockTicks = 100

// cpuSample is cumulative CPU time, in seconds, of the parties of the
// benchmark: the tnl server, PostgreSQL (the backends connected to the
// benchmark's database and the server's background processes, not the
// backends of other databases), the benchmark itself, and the whole
// machine.
type cpuSample struct {
	Server   float64 `json:"server_s"`
	Postgres float64 `json:"postgres_s"`
	Client   float64 `json:"bench_client_s"`
	Busy     float64 `json:"machine_busy_s"`
	Total    float64 `json:"machine_total_s"`
}

func (s cpuSample) minus(o cpuSample) cpuSample {
	return cpuSample{Server: s.Server - o.Server, Postgres: s.Postgres - o.Postgres, Client: s.Client - o.Client,
		Busy: s.Busy - o.Busy, Total: s.Total - o.Total}
}

// other is the busy time not spent by the server, PostgreSQL or the
// benchmark: the kernel's own work and other programs (a busy machine makes
// the figures unreliable).
func (s cpuSample) other() float64 { return max(0, s.Busy-s.Server-s.Postgres-s.Client) }

// sampleCPU reads the counters; a missing /proc gives zeros. dbName is the
// benchmark's PostgreSQL database ("" for SQLite).
func sampleCPU(serverPid int, dbName string) cpuSample {
	var s cpuSample
	if t, err := procCPU(strconv.Itoa(serverPid)); err == nil {
		s.Server = t.own + t.children
	}
	if t, err := procCPU("self"); err == nil {
		s.Client = t.own + t.children
	}
	if dbName != "" {
		s.Postgres = postgresCPU(dbName)
	}
	s.Busy, s.Total = machineCPU()
	return s
}

// procTimes is a process's CPU time, in seconds: its own, and that of its
// children it has reaped.
type procTimes struct {
	comm          string
	own, children float64
}

func procCPU(pid string) (procTimes, error) {
	data, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return procTimes{}, err
	}
	return parseProcStat(data)
}

func parseProcStat(data []byte) (procTimes, error) {
	open, closing := bytes.IndexByte(data, '('), bytes.LastIndexByte(data, ')')
	if open < 0 || closing < open {
		return procTimes{}, fmt.Errorf("/proc stat illisible")
	}
	t := procTimes{comm: string(data[open+1 : closing])}
	f := strings.Fields(string(data[closing+1:]))
	// After the command: state (field 3) … utime (14), stime, cutime, cstime (17).
	if len(f) < 15 {
		return t, fmt.Errorf("/proc stat: %d champs", len(f))
	}
	var ticks [4]int64
	for i, v := range f[11:15] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return t, fmt.Errorf("/proc stat: %w", err)
		}
		ticks[i] = n
	}
	t.own = float64(ticks[0]+ticks[1]) / clockTicks
	t.children = float64(ticks[2]+ticks[3]) / clockTicks
	return t, nil
}

// postgresCPU sums the CPU time of the PostgreSQL processes that work for
// dbName: its client backends and the shared background processes
// (checkpointer, WAL writer…), not the backends of other databases, which
// other programs on the machine may be using. Backends already gone are
// not counted (the benchmark's server keeps its connections open).
func postgresCPU(dbName string) float64 {
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	var total float64
	for _, d := range dirs {
		if d.Name()[0] < '0' || d.Name()[0] > '9' {
			continue
		}
		t, err := procCPU(d.Name())
		if err != nil || t.comm != "postgres" {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", d.Name(), "cmdline"))
		if err != nil {
			continue
		}
		if backend, db := postgresBackend(string(cmdline)); !backend || db == dbName {
			total += t.own
		}
	}
	return total
}

// postgresBackend tells a client backend ("postgres: 15/main: user db
// 127.0.0.1(5432) idle") from the postmaster and background processes, and
// returns its database.
func postgresBackend(cmdline string) (bool, string) {
	f := strings.Fields(strings.ReplaceAll(cmdline, "\x00", " "))
	for i, w := range f {
		if i >= 2 && (w == "[local]" || strings.HasSuffix(w, ")") && strings.Contains(w, "(")) {
			return true, f[i-1]
		}
	}
	return false, ""
}

// machineCPU returns the busy and total CPU time of every core (/proc/stat).
func machineCPU() (busy, total float64) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return 0, 0
	}
	var idle, sum int64
	for i, v := range f[1:] {
		n, _ := strconv.ParseInt(v, 10, 64)
		if i >= 8 { // guest times are already counted in user
			break
		}
		sum += n
		if i == 3 || i == 4 { // idle, iowait
			idle += n
		}
	}
	return float64(sum-idle) / clockTicks, float64(sum) / clockTicks
}
