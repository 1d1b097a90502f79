package pdf

import (
	"testing"
)

func TestPopulationAndCounts(t *testing.T) {
	t.Parallel()
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

func TestNumberWord(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "zéro", 3: "trois", 5: "cinq", 10: "dix", 11: "11", -2: "-2"} {
		if got := numberWord(n); got != want {
			t.Errorf("numberWord(%d) = %q, want %q", n, got, want)
		}
	}
}
