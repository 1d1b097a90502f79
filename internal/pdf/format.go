package pdf

import (
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

// countOf formats a count with its noun: « 0 réponse », « 12 345 réponses ».
func countOf(n int, singular, plural string) string { return fr.Count(n, singular, plural) }

// population formats « 12 345 habitants ».
func population(n int) string { return countOf(n, "habitant", "habitants") }

// numberWord spells the integers used by the level scale.
func numberWord(n int) string {
	words := [...]string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// orDefault returns s, or def when s is blank.
func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// campaignSuffix returns « — campagne 2026 », or "" without a year.
func campaignSuffix(year int) string {
	if year <= 0 {
		return ""
	}
	return " — campagne " + strconv.Itoa(year)
}
