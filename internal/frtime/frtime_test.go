package frtime

import (
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 10, 15, 21, 59, 0, 0, time.UTC), "15 octobre 2026 à 23 h 59"}, // CEST, UTC+2
		{time.Date(2026, 12, 1, 7, 5, 0, 0, time.UTC), "1er décembre 2026 à 08 h 05"},  // CET, UTC+1
		{time.Date(2026, 8, 14, 22, 30, 0, 0, time.UTC), "15 août 2026 à 00 h 30"},
	}
	for _, tt := range tests {
		if got := DateTime(tt.in); got != tt.want {
			t.Errorf("DateTime(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDeadlineAcrossDST(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Time
		display string
	}{
		// Summer time: the day ends at 22:00 UTC.
		{"2026-10-15", time.Date(2026, 10, 15, 22, 0, 0, 0, time.UTC), "15 octobre 2026 à 23 h 59"},
		// 25 October 2026 is 25 hours long (back to CET at 03:00): it ends at 23:00 UTC.
		{"2026-10-25", time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC), "25 octobre 2026 à 23 h 59"},
		// 29 March 2026 is 23 hours long: it ends at 22:00 UTC.
		{"2026-03-29", time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), "29 mars 2026 à 23 h 59"},
		{"2026-10-15T18:00", time.Date(2026, 10, 15, 16, 0, 0, 0, time.UTC), "15 octobre 2026 à 17 h 59"},
		{"2026-10-15T18:00:00Z", time.Date(2026, 10, 15, 18, 0, 0, 0, time.UTC), "15 octobre 2026 à 19 h 59"},
	}
	for _, tt := range tests {
		got, err := ParseDeadline(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if !got.Equal(tt.want) {
			t.Errorf("ParseDeadline(%s) = %v, want %v", tt.in, got, tt.want)
		}
		if d := Deadline(got); d != tt.display {
			t.Errorf("Deadline(%v) = %q, want %q", got, d, tt.display)
		}
	}
	if _, err := ParseDeadline("15/10/2026"); err == nil {
		t.Error("ambiguous date accepted")
	}
}
