package questionnaire

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/fr"
)

// French typography.
const (
	narrowNoBreakSpace = "\u202f" // before %, between groups of digits
	notAnswered        = "Non renseigné"
)

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
	return day + " " + fr.Month(d.Month()) + " " + strconv.Itoa(d.Year())
}

// Byte multiples: 1 Ko = 1024 octets.
const (
	kilo = 1 << 10
	mega = 1 << 20
	giga = 1 << 30
)

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
