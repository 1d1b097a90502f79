package fr

import (
	"math"
	"strconv"
	"strings"
)

// Typographic spaces.
const (
	// NarrowNBSP separates groups of thousands (« 36 359 ») and precedes
	// « ; : ! ? % ».
	NarrowNBSP = "\u202f"
	// NBSP joins a number to its unit (« 10 Mo »).
	NBSP = "\u00a0"
)

// Int formats n with narrow no-break spaces between groups of three digits:
// 36359 → « 36 359 ».
func Int[N ~int | ~int32 | ~int64](n N) string {
	return group(strconv.FormatInt(int64(n), 10))
}

// Decimal formats f with at most digits decimals, a decimal comma and
// grouped thousands: 12345.5 → « 12 345,5 »; trailing zeros are dropped.
func Decimal(f float64, digits int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "?"
	}
	s := strconv.FormatFloat(f, 'f', digits, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	out := group(whole)
	if hasFrac {
		out += "," + frac
	}
	return out
}

func group(digits string) string {
	sign := ""
	if strings.HasPrefix(digits, "-") {
		sign, digits = "-", digits[1:]
	}
	if len(digits) <= 3 {
		return sign + digits
	}
	var b strings.Builder
	b.WriteString(sign)
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if i > 0 {
			b.WriteString(NarrowNBSP)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// Count formats a number with its noun, singular for 0 and 1 as French
// does: « 0 réponse », « 1 réponse », « 36 359 réponses », joined by a
// no-break space.
func Count[N ~int | ~int32 | ~int64](n N, singular, plural string) string {
	return Int(n) + NBSP + Plural(n, singular, plural)
}

// Plural returns the singular for -1 to 1 and the plural otherwise.
func Plural[N ~int | ~int32 | ~int64](n N, singular, plural string) string {
	if n >= -1 && n <= 1 {
		return singular
	}
	return plural
}

// Byte multiples: 1 Mo = 1 048 576 octets, as the 10 Mo limit on evidence
// files is counted.
const (
	kilo = 1 << 10
	mega = 1 << 20
	giga = 1 << 30
)

// Size formats a number of bytes as users read it, with one rule
// everywhere: « 532 octets », « 12 ko », « 1,5 Mo », « 10 Mo » (binary
// multiples, at most one decimal, none when it is zero).
func Size(n int64) string {
	switch {
	case n >= giga:
		return Decimal(float64(n)/giga, 1) + NBSP + "Go"
	case n >= mega:
		return Decimal(float64(n)/mega, 1) + NBSP + "Mo"
	case n >= kilo:
		return Decimal(float64(n)/kilo, 1) + NBSP + "ko"
	}
	return Int(n) + NBSP + Plural(n, "octet", "octets")
}

// List joins words the French way: « a, b et c » (conj "et" or "ou").
func List(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// Fixed formats f with exactly digits decimals, a decimal comma and
// grouped thousands: Fixed(1234.5, 2) = « 1 234,50 » (for aligned tables).
func Fixed(f float64, digits int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "?"
	}
	s := strconv.FormatFloat(f, 'f', digits, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	out := group(whole)
	if hasFrac {
		out += "," + frac
	}
	return out
}
