package pdf

import (
	"strconv"
	"strings"
	"time"
)

const (
	nbsp       = "\u00a0" // no-break space, between a number and its unit
	narrowNbsp = "\u202f" // narrow no-break space, thousands separator
)

// thousands formats n with narrow no-break spaces between groups of three
// digits: 12345 → « 12 345 ».
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(narrowNbsp)
		}
		b.WriteRune(d)
	}
	return b.String()
}

// countOf formats a count with its noun, singular for 0 and 1 as in
// French: « 0 réponse », « 12 345 réponses ».
func countOf(n int, singular, plural string) string {
	noun := plural
	if n >= -1 && n <= 1 {
		noun = singular
	}
	return thousands(int64(n)) + nbsp + noun
}

// population formats « 12 345 habitants ».
func population(n int) string {
	return countOf(n, "habitant", "habitants")
}

// frenchDate formats « 1er octobre 2026 » in loc.
func frenchDate(t time.Time, loc *time.Location) string {
	months := [...]string{"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	t = t.In(loc)
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return day + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// frenchDateTime formats « 14 octobre 2026 à 18 h 05 » in loc.
func frenchDateTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return frenchDate(t, loc) + " à " + strconv.Itoa(t.Hour()) + nbsp + "h" + nbsp + twoDigits(t.Minute())
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// fileSize formats a size in bytes with decimal (SI) units and a decimal
// comma: « 532 octets », « 12,5 ko », « 1,2 Mo », « 3 Go ».
func fileSize(n int64) string {
	if n < 0 {
		return "taille inconnue"
	}
	if n < 1000 {
		return countOf(int(n), "octet", "octets")
	}
	units := []string{"ko", "Mo", "Go", "To", "Po", "Eo"}
	v := float64(n) / 1000
	u := 0
	for v >= 999.95 && u < len(units)-1 {
		v /= 1000
		u++
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + nbsp + units[u]
}

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
