package fr

import (
	"testing"
	"time"
)

func TestInt(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1\u202f000"}, {36359, "36\u202f359"}, {500000, "500\u202f000"},
		{1234567, "1\u202f234\u202f567"}, {-1234, "-1\u202f234"},
	} {
		if got := Int(tc.n); got != tc.want {
			t.Errorf("Int(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		f      float64
		digits int
		want   string
	}{
		{12345.5, 2, "12\u202f345,5"}, {10, 1, "10"}, {10.04, 1, "10"}, {10.05, 1, "10,1"}, {-0.001, 1, "0"}, {0.25, 2, "0,25"},
	} {
		if got := Decimal(tc.f, tc.digits); got != tc.want {
			t.Errorf("Decimal(%v, %d) = %q, want %q", tc.f, tc.digits, got, tc.want)
		}
	}
}

func TestSizeIsTheSameEverywhere(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0\u00a0octet"}, {1, "1\u00a0octet"}, {532, "532\u00a0octets"}, {1024, "1\u00a0ko"}, {12 * 1024, "12\u00a0ko"},
		{1536, "1,5\u00a0ko"}, {10 << 20, "10\u00a0Mo"}, {10<<20 + 512<<10, "10,5\u00a0Mo"}, {1572864, "1,5\u00a0Mo"},
		{3 << 30, "3\u00a0Go"},
	} {
		if got := Size(tc.n); got != tc.want {
			t.Errorf("Size(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestCountAndPlural(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "0\u00a0réponse"}, {1, "1\u00a0réponse"}, {2, "2\u00a0réponses"}, {36359, "36\u202f359\u00a0réponses"},
	} {
		if got := Count(tc.n, "réponse", "réponses"); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestDe(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, want string }{
		{"Ambronay", "d’Ambronay"},
		{"Ambérieu-en-Bugey", "d’Ambérieu-en-Bugey"},
		{"Évreux", "d’Évreux"},
		{"Yvetot", "d’Yvetot"},
		{"Œting", "d’Œting"},
		{"Hyères", "d’Hyères"},
		{"Hénin-Beaumont", "d’Hénin-Beaumont"},
		{"Honfleur", "de Honfleur"},
		{"Haguenau", "de Haguenau"},
		{"Le Mans", "du Mans"},
		{"Les Andelys", "des Andelys"},
		{"La Rochelle", "de La Rochelle"},
		{"L’Isle-Adam", "de L’Isle-Adam"},
		{"Lyon", "de Lyon"},
		{"Lespinasse", "de Lespinasse"},
		{"", "de"},
	} {
		if got := De(tc.name); got != tc.want {
			t.Errorf("De(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestList(t *testing.T) {
	t.Parallel()
	if got := List([]string{"a", "b", "c"}, "et"); got != "a, b et c" {
		t.Errorf("List = %q", got)
	}
	if got := List([]string{"a"}, "ou"); got != "a" {
		t.Errorf("List = %q", got)
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 10, 15, 21, 59, 0, 0, time.UTC), "15 octobre 2026 à 23\u00a0h\u00a059"}, // CEST, UTC+2
		{time.Date(2026, 12, 1, 7, 5, 0, 0, time.UTC), "1er décembre 2026 à 8\u00a0h\u00a005"},   // CET, UTC+1
		{time.Date(2026, 8, 14, 22, 30, 0, 0, time.UTC), "15 août 2026 à 0\u00a0h\u00a030"},
	}
	for _, tt := range tests {
		if got := DateTime(tt.in); got != tt.want {
			t.Errorf("DateTime(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDeadlineAcrossDST(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    time.Time
		display string
	}{
		// Summer time: the day ends at 22:00 UTC.
		{"2026-10-15", time.Date(2026, 10, 15, 22, 0, 0, 0, time.UTC), "15 octobre 2026 à 23\u00a0h\u00a059"},
		// 25 October 2026 is 25 hours long (back to CET at 03:00): it ends at 23:00 UTC.
		{"2026-10-25", time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC), "25 octobre 2026 à 23\u00a0h\u00a059"},
		// 29 March 2026 is 23 hours long: it ends at 22:00 UTC.
		{"2026-03-29", time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), "29 mars 2026 à 23\u00a0h\u00a059"},
		{"2026-10-15T18:00", time.Date(2026, 10, 15, 16, 0, 0, 0, time.UTC), "15 octobre 2026 à 17\u00a0h\u00a059"},
		{"2026-10-15T18:00:00Z", time.Date(2026, 10, 15, 18, 0, 0, 0, time.UTC), "15 octobre 2026 à 19\u00a0h\u00a059"},
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

func TestFixed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		f      float64
		digits int
		want   string
	}{
		{1234.5, 2, "1\u202f234,50"}, {0, 1, "0,0"}, {-0.04, 1, "0,0"}, {48.23, 1, "48,2"}, {12, 0, "12"},
	} {
		if got := Fixed(tc.f, tc.digits); got != tc.want {
			t.Errorf("Fixed(%v, %d) = %q, want %q", tc.f, tc.digits, got, tc.want)
		}
	}
}
