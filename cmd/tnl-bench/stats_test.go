package main

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	s := summarize(ds)
	want := opStats{Count: 100, Mean: 50.5, P50: 50, P95: 95, P99: 99, Max: 100}
	if s != want {
		t.Errorf("summarize(1..100 ms) = %+v, want %+v", s, want)
	}
	if one := summarize([]time.Duration{1500 * time.Microsecond}); one.P50 != 1.5 || one.P99 != 1.5 || one.Max != 1.5 {
		t.Errorf("one sample: %+v", one)
	}
	if empty := summarize(nil); empty != (opStats{}) {
		t.Errorf("no sample: %+v", empty)
	}
}

func TestRecorder(t *testing.T) {
	r := newRecorder()
	done := make(chan struct{})
	for range 4 {
		go func() {
			for range 250 {
				r.add("save", time.Millisecond)
			}
			done <- struct{}{}
		}()
	}
	for range 4 {
		<-done
	}
	r.add("submit", 3*time.Millisecond)
	s := r.summary()
	if s["save"].Count != 1000 || s["submit"].Max != 3 || r.count("save") != 1000 {
		t.Errorf("summary: %+v", s)
	}
}

func (r *recorder) count(op string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ops[op])
}
