package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

// memory reads a process's resident memory from /proc/<pid>/status.
type memory struct {
	RSS int64 // VmRSS, bytes
	HWM int64 // VmHWM: peak RSS since the process started, bytes
}

func readMemory(pid int) (memory, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	return parseStatus(data)
}

// parseStatus reads VmRSS and VmHWM (in kB) from a /proc status file.
func parseStatus(data []byte) (memory, error) {
	var m memory
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := bytes.Fields(sc.Bytes())
		if len(fields) < 2 {
			continue
		}
		var dst *int64
		switch string(fields[0]) {
		case "VmRSS:":
			dst = &m.RSS
		case "VmHWM:":
			dst = &m.HWM
		default:
			continue
		}
		kb, err := strconv.ParseInt(string(fields[1]), 10, 64)
		if err != nil {
			return m, fmt.Errorf("/proc status: %s: %w", fields[0], err)
		}
		*dst = kb << 10
		found++
	}
	if found < 2 {
		return m, fmt.Errorf("/proc status: VmRSS or VmHWM missing")
	}
	return m, nil
}

// rssPoller samples a process's RSS until stopped and keeps the peak.
type rssPoller struct {
	pid  int
	mu   sync.Mutex
	peak int64
	last memory
	err  error
}

// start samples every interval until ctx ends.
func (p *rssPoller) start(ctx context.Context, interval time.Duration) {
	p.sample()
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				p.sample()
			}
		}
	}()
}

func (p *rssPoller) sample() {
	m, err := readMemory(p.pid)
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		if p.err == nil {
			p.err = err
		}
		return
	}
	p.last = m
	p.peak = max(p.peak, m.RSS)
}

// result returns the peak sampled RSS, the last sample (whose HWM covers
// the process's whole life) and the first error.
func (p *rssPoller) result() (peak int64, last memory, err error) {
	p.sample()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.peak, p.last, p.err
}

// current returns the last sampled RSS.
func (p *rssPoller) current() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.last.RSS
}
