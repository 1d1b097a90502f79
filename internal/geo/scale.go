package geo

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Class is one class of a map's colour scale.
type Class struct {
	Min, Max int    // values in the class, inclusive; Max is -1 for the open last class
	Label    string // legend text: « 0 », « 3 », « 1 à 2 », « 6 et plus »
	Fill     string // colour of the class, #rrggbb
}

// Contains reports whether v falls in the class.
func (c Class) Contains(v int) bool {
	return v >= c.Min && (c.Max < 0 || v <= c.Max)
}

// Scale is a map's classes, from « 0 » up.
type Scale []Class

// Index returns the index of the class holding v (negative values count as
// 0).
func (s Scale) Index(v int) int {
	for i := len(s) - 1; i > 0; i-- {
		if s[i].Contains(v) {
			return i
		}
	}
	return 0
}

// MaxClasses is the most non-zero classes a scale can have.
const MaxClasses = 5

const (
	zeroFill   = "#f0f0f0" // neutral grey, told apart from the blues by hue
	background = "#ffffff"
)

// blues are sequential ColorBrewer « Blues » ramps, by number of non-zero
// classes. Each ends on #08519c, 7.6:1 against white.
func blues(k int) []string {
	switch k {
	case 1:
		return []string{"#08519c"}
	case 2:
		return []string{"#6baed6", "#08519c"}
	case 3:
		return []string{"#9ecae1", "#4292c6", "#08519c"}
	case 4:
		return []string{"#bdd7e7", "#6baed6", "#3182bd", "#08519c"}
	default:
		return []string{"#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"}
	}
}

// NewScale returns the classes for values: « 0 », then up to four classes
// of the positive values cut at their quantiles (rounded to round numbers
// above 10), or, when breaks is not empty, cut at breaks: the strictly
// increasing lower bounds of the non-zero classes, the first being 1 (at most
// MaxClasses of them). Negative values are refused.
func NewScale(values []int, breaks []int) (Scale, error) {
	var positive []int
	for _, v := range values {
		if v < 0 {
			return nil, fmt.Errorf("échelle : valeur négative %d", v)
		}
		if v > 0 {
			positive = append(positive, v)
		}
	}
	if len(breaks) > 0 {
		if err := checkBreaks(breaks); err != nil {
			return nil, err
		}
	} else {
		breaks = quantileBreaks(positive, 4)
	}
	scale := Scale{{Min: 0, Max: 0, Label: "0", Fill: zeroFill}}
	fills := blues(len(breaks))
	for i, lo := range breaks {
		c := Class{Min: lo, Max: -1, Fill: fills[i]}
		if i+1 < len(breaks) {
			c.Max = breaks[i+1] - 1
		}
		switch {
		case c.Max < 0:
			c.Label = thousands(lo) + " et plus"
		case c.Max == lo:
			c.Label = thousands(lo)
		default:
			c.Label = thousands(lo) + " à " + thousands(c.Max)
		}
		scale = append(scale, c)
	}
	// A single class that holds one value reads better as that value alone.
	if len(breaks) == 1 && len(positive) > 0 && slices.Max(positive) == breaks[0] {
		scale[1].Label = thousands(breaks[0])
	}
	return scale, nil
}

func checkBreaks(breaks []int) error {
	if len(breaks) > MaxClasses {
		return fmt.Errorf("échelle : %d classes demandées, %d au plus", len(breaks), MaxClasses)
	}
	if breaks[0] != 1 {
		return fmt.Errorf("échelle : la première borne doit être 1, pas %d", breaks[0])
	}
	for i := 1; i < len(breaks); i++ {
		if breaks[i] <= breaks[i-1] {
			return fmt.Errorf("échelle : bornes non croissantes (%d puis %d)", breaks[i-1], breaks[i])
		}
	}
	return nil
}

// quantileBreaks cuts the positive values into at most k classes of about
// as many values each: lower bounds 1 and the values at the quantiles
// i/k, rounded down to round numbers, duplicates merged.
func quantileBreaks(positive []int, k int) []int {
	if len(positive) == 0 {
		return nil
	}
	sorted := slices.Sorted(slices.Values(positive))
	breaks := []int{1}
	for i := 1; i < k; i++ {
		q := niceFloor(sorted[i*len(sorted)/k])
		if q > breaks[len(breaks)-1] {
			breaks = append(breaks, q)
		}
	}
	return breaks
}

// niceFloor rounds v down to a round number when it is above 10: to a
// multiple of 5 below 100, of 50 below 1 000, and so on (37 → 35, 112 → 100).
func niceFloor(v int) int {
	if v <= 10 {
		return v
	}
	step := int(math.Pow10(len(strconv.Itoa(v))-1)) / 2
	return v / step * step
}

// contrast returns the WCAG contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG relative luminance of a #rrggbb colour.
func luminance(hex string) float64 {
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil || len(hex) != 7 {
		return 0
	}
	channel := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(v>>16&0xff) + 0.7152*channel(v>>8&0xff) + 0.0722*channel(v&0xff)
}
