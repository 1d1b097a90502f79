package pdf

import (
	"strings"
	"unicode/utf8"
)

// isBreakSpace reports whether a line may break at r. No-break spaces
// (U+00A0, U+2007, U+202F) are not break opportunities.
func isBreakSpace(r rune) bool {
	return r == ' ' || (r >= '\u2000' && r <= '\u200A' && r != '\u2007')
}

// wrap breaks clean text into lines no wider than maxW points at the given
// size. Each '\n' starts a new line; spaces at line breaks are dropped;
// words wider than maxW are broken between characters. Lines are
// substrings of text.
func (f *face) wrap(text string, size, maxW float64) []string {
	var lines []string
	for {
		para, rest, more := strings.Cut(text, "\n")
		lines = f.wrapParagraph(lines, para, size, maxW)
		if !more {
			return lines
		}
		text = rest
	}
}

func (f *face) wrapParagraph(lines []string, p string, size, maxW float64) []string {
	limit := int(maxW * 1000 / size) // in thousandths of an em times size
	if limit < 1 {
		limit = 1
	}
	start := skipSpaces(p, 0)
	if start == len(p) {
		return append(lines, "")
	}
	for start < len(p) {
		end, next := f.fitLine(p, start, limit)
		lines = append(lines, p[start:end])
		start = skipSpaces(p, next)
	}
	return lines
}

// fitLine returns the end of the longest line starting at start whose width
// stays within limit, preferring to break at a space, and where the next
// line starts.
func (f *face) fitLine(p string, start, limit int) (end, next int) {
	width := 0
	lastBreak := -1 // end of the last word that fits
	for i := start; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		if isBreakSpace(r) && mayBreak(p, i, size) {
			lastBreak = i
		}
		width += f.advance(r)
		if width > limit && !isBreakSpace(r) {
			if lastBreak > start {
				return trimRightSpaces(p, start, lastBreak), lastBreak
			}
			if i == start { // a single character wider than the line
				return i + size, i + size
			}
			return i, i
		}
		i += size
	}
	return trimRightSpaces(p, start, len(p)), len(p)
}

// mayBreak reports whether the line may break at the space p[i:i+size]:
// French typography keeps « with the word that follows it, and » : ; ! ? %
// with the word before them, even when the text uses ordinary spaces.
func mayBreak(p string, i, size int) bool {
	if prev, _ := utf8.DecodeLastRuneInString(p[:i]); prev == '«' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(p[i+size:])
	return !strings.ContainsRune("»:;!?%", next)
}

func skipSpaces(p string, i int) int {
	for i < len(p) {
		r, size := utf8.DecodeRuneInString(p[i:])
		if !isBreakSpace(r) {
			return i
		}
		i += size
	}
	return i
}

func trimRightSpaces(p string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(p[start:end])
		if !isBreakSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// truncate shortens s with an ellipsis so that it fits maxW points.
func (f *face) truncate(s string, size, maxW float64) string {
	if f.stringWidth(s, size) <= maxW {
		return s
	}
	limit := int((maxW - f.stringWidth("…", size)) * 1000 / size)
	width := 0
	for i, r := range s {
		width += f.advance(r)
		if width > limit {
			return s[:trimRightSpaces(s, 0, i)] + "…"
		}
	}
	return s
}
