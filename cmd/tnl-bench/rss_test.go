package main

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestParseStatus(t *testing.T) {
	m, err := parseStatus([]byte("Name:\ttnl\nVmPeak:\t  900000 kB\nVmHWM:\t   81234 kB\nVmRSS:\t   70000 kB\nThreads:\t9\n"))
	if err != nil || m.RSS != 70000<<10 || m.HWM != 81234<<10 {
		t.Errorf("parseStatus = %+v, %v", m, err)
	}
	if _, err := parseStatus([]byte("Name:\ttnl\n")); err == nil {
		t.Error("no VmRSS: no error")
	}
}

func TestRSSPollerSelf(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &rssPoller{pid: os.Getpid()}
	p.start(ctx, time.Millisecond)
	time.Sleep(5 * time.Millisecond)
	peak, last, err := p.result()
	if err != nil || peak <= 0 || last.HWM < last.RSS {
		t.Errorf("result = %d, %+v, %v", peak, last, err)
	}
}
