package sheet

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Column widths are estimated from the number of characters, since the
// spreadsheet's fonts are not known here: at the default 10 pt, a digit of
// Liberation Sans or Arial is 0.556 em, about 0.2 cm, and letters average
// less, so 0.2 cm a character plus a margin fits the text without cutting
// it. Bold header titles count 15 % more.
const (
	cmPerChar     = 0.2
	marginCm      = 0.5
	minWidthChars = 4
	// maxWidthChars caps a column of long texts; its cells wrap instead.
	maxWidthChars = 50
)

// columnLayout is a column's width and whether its string cells wrap.
type columnLayout struct {
	width string // e.g. "3.45cm"
	wrap  bool
}

// layout fits each column to its title and its longest value.
func layout(t *Table) []columnLayout {
	chars := make([]int, len(t.Columns))
	for i := range t.Columns {
		chars[i] = (utf8.RuneCountInString(t.Columns[i].title())*115 + 99) / 100
	}
	for _, row := range t.Rows {
		for i, v := range row {
			n, err := normalise(&t.Columns[i], v)
			if err != nil || n.null {
				continue
			}
			if w := displayWidth(n); w > chars[i] {
				chars[i] = w
			}
		}
	}
	out := make([]columnLayout, len(t.Columns))
	for i, c := range chars {
		l := columnLayout{}
		if c > maxWidthChars {
			c = maxWidthChars
			l.wrap = t.Columns[i].Type == String
		}
		c = max(c, minWidthChars)
		l.width = fmt.Sprintf("%.2fcm", marginCm+cmPerChar*float64(c))
		out[i] = l
	}
	return out
}

// displayWidth is the number of characters of the cell's longest line.
func displayWidth(n cell) int {
	switch n.typ {
	case String:
		s := Neutralise(n.s)
		longest := 0
		for line := range strings.Lines(s) {
			longest = max(longest, utf8.RuneCountInString(strings.TrimRight(line, "\r\n")))
		}
		return longest
	case Date:
		return len("00/00/0000")
	case Boolean:
		return len("FAUX")
	}
	return len(n.display())
}
