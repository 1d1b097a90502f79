package pdf

import (
	"testing"
	"time"
)

func TestThousands(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1\u202f000"},
		{12345, "12\u202f345"},
		{1234567, "1\u202f234\u202f567"},
		{-45678, "-45\u202f678"},
	} {
		if got := thousands(tc.n); got != tc.want {
			t.Errorf("thousands(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestPopulationAndCounts(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{population(12345), "12\u202f345\u00a0habitants"},
		{population(1), "1\u00a0habitant"},
		{countOf(0, "réponse", "réponses"), "0\u00a0réponse"},
		{countOf(2, "réponse", "réponses"), "2\u00a0réponses"},
		{countOf(1500, "pièce", "pièces"), "1\u202f500\u00a0pièces"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestFrenchDates(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		// Summer time: UTC+2.
		{time.Date(2026, 10, 14, 16, 5, 0, 0, time.UTC), "14 octobre 2026 à 18\u00a0h\u00a005"},
		// Winter time: UTC+1, and the day changes.
		{time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC), "1er janvier 2027 à 0\u00a0h\u00a030"},
		{time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC), "1er février 2026 à 9\u00a0h\u00a000"},
		{time.Date(2026, 8, 15, 10, 59, 0, 0, time.FixedZone("UTC-5", -5*3600)), "15 août 2026 à 17\u00a0h\u00a059"},
	} {
		if got := frenchDateTime(tc.at, paris); got != tc.want {
			t.Errorf("frenchDateTime(%v) = %q, want %q", tc.at, got, tc.want)
		}
	}
	if got := frenchDate(time.Date(2026, 12, 10, 11, 0, 0, 0, time.UTC), paris); got != "10 décembre 2026" {
		t.Errorf("frenchDate = %q", got)
	}
}

func TestFileSize(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{-1, "taille inconnue"},
		{0, "0\u00a0octet"},
		{532, "532\u00a0octets"},
		{1000, "1\u00a0ko"},
		{12500, "12,5\u00a0ko"},
		{999_960, "1\u00a0Mo"},
		{1_234_567, "1,2\u00a0Mo"},
		{15_728_640, "15,7\u00a0Mo"},
		{3_000_000_000, "3\u00a0Go"},
		{1 << 62, "4,6\u00a0Eo"},
	} {
		if got := fileSize(tc.n); got != tc.want {
			t.Errorf("fileSize(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestNumberWord(t *testing.T) {
	for n, want := range map[int]string{0: "zéro", 3: "trois", 5: "cinq", 10: "dix", 11: "11", -2: "-2"} {
		if got := numberWord(n); got != want {
			t.Errorf("numberWord(%d) = %q, want %q", n, got, want)
		}
	}
}
