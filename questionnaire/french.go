package questionnaire

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// French typography.
const (
	narrowNoBreakSpace = "\u202f" // before %, between groups of digits
	notAnswered        = "Non renseigné"
)

// frenchNumber formats a number the French way: decimal comma, at most
// two decimals, digits grouped by three (« 12 345,5 ») with a narrow
// no-break space.
func frenchNumber(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "?"
	}
	if math.Abs(f) < 1e15 {
		f = math.Round(f*100) / 100
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	sign := ""
	if strings.HasPrefix(intPart, "-") {
		sign, intPart = "-", intPart[1:]
	}
	if len(intPart) > 3 {
		var b strings.Builder
		head := len(intPart) % 3
		if head > 0 {
			b.WriteString(intPart[:head])
		}
		for i := head; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteString(narrowNoBreakSpace)
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	if hasFrac {
		return sign + intPart + "," + frac
	}
	return sign + intPart
}

// frenchMonth returns the French name of a month.
func frenchMonth(m time.Month) string {
	return [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}[m-1]
}

// frenchDate formats a YYYY-MM-DD date as « 15 octobre 2026 » (« 1er »
// for the first day). It returns the input unchanged when it is not a date.
func frenchDate(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	day := strconv.Itoa(d.Day())
	if d.Day() == 1 {
		day = "1er"
	}
	return day + " " + frenchMonth(d.Month()) + " " + strconv.Itoa(d.Year())
}

// Byte multiples: 1 Ko = 1024 octets.
const (
	kilo = 1 << 10
	mega = 1 << 20
	giga = 1 << 30
)

// frenchSize formats a size in bytes: « 10 Mo », « 1,5 Mo », « 500 Ko ».
func frenchSize(n int64) string {
	switch {
	case n >= giga:
		return frenchNumber(math.Round(float64(n)/giga*10)/10) + " Go"
	case n >= mega:
		return frenchNumber(math.Round(float64(n)/mega*10)/10) + " Mo"
	case n >= kilo:
		return frenchNumber(math.Round(float64(n)/kilo*10)/10) + " Ko"
	case n <= 1:
		return strconv.FormatInt(n, 10) + " octet"
	}
	return strconv.FormatInt(n, 10) + " octets"
}

var sizePattern = regexp.MustCompile(`(?i)^\s*(\d{1,12}(?:[.,]\d{1,6})?)\s*(o|octets?|ko|kio|kb|mo|mio|mb|go|gio|gb)?\s*$`)

// parseSize reads « 10 Mo », « 500 Ko », « 1,5 Mo » or a number of bytes.
func parseSize(s string) (int64, bool) {
	m := sizePattern.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	if err != nil {
		return 0, false
	}
	switch strings.ToLower(m[2]) {
	case "ko", "kio", "kb":
		f *= kilo
	case "mo", "mio", "mb":
		f *= mega
	case "go", "gio", "gb":
		f *= giga
	}
	if f < 1 || f > math.MaxInt64/2 {
		return 0, false
	}
	return int64(f), true
}

// frenchList joins words as « a, b et c ».
func frenchList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " et " + words[len(words)-1]
}
