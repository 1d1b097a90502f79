// Package cleantext makes text safe for every format tnl publishes: CSV,
// OpenDocument (XML), Atom (XML) and SVG (XML).
//
// XML 1.0 forbids most control characters, even as character references,
// so a name copied from a word processor with a stray NUL or form feed
// would make a whole document unreadable. Clean removes them, the same way
// for every format, so that a CSV and an ODS built from the same data agree.
package cleantext

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrInvalidUTF8 reports text that is not valid UTF-8. It is refused rather
// than repaired: it means that some text was decoded with the wrong
// character set upstream, and guessing would publish garbled names.
var ErrInvalidUTF8 = errors.New("text is not valid UTF-8")

// Clean returns s without the characters that XML 1.0 forbids or that never
// display:
//   - the C0 controls U+0000 to U+001F except tab, line feed and carriage
//     return (forbidden in XML 1.0, even as &#x…; references);
//   - U+FFFE and U+FFFF (forbidden in XML 1.0);
//   - DEL U+007F and the C1 controls U+0080 to U+009F (allowed but
//     discouraged by XML 1.0 §2.2; they are invisible and come from text
//     decoded with the wrong character set).
//
// Tab, line feed and carriage return are kept. Text that is not valid
// UTF-8 is refused with ErrInvalidUTF8. Clean does not allocate when s has
// nothing to remove, which is the common case.
func Clean(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", ErrInvalidUTF8
	}
	i := firstBad(s)
	if i < 0 {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if !Removed(r) {
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}

// Removed tells whether Clean removes r.
func Removed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20:
		return true
	case r >= 0x7f && r <= 0x9f:
		return true
	case r == 0xfffe || r == 0xffff:
		return true
	}
	return false
}

// firstBad returns the byte index of the first rune Clean removes, or -1.
// It scans bytes: the runes to remove are all either single bytes below
// 0x20 or 0x7F, two-byte sequences C2 80 to C2 9F, or EF BF BE / EF BF BF.
func firstBad(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' {
				return i
			}
		case c == 0x7f:
			return i
		case c == 0xc2:
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return i
			}
		case c == 0xef:
			if i+2 < len(s) && s[i+1] == 0xbf && (s[i+2] == 0xbe || s[i+2] == 0xbf) {
				return i
			}
		}
	}
	return -1
}

// Blank tells whether s holds nothing a reader would see: only white space
// and zero-width characters (U+200B–U+200D, U+2060, U+FEFF). A required
// text that is Blank is empty.
func Blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !zeroWidth(r) {
			return false
		}
	}
	return true
}

func zeroWidth(r rune) bool {
	return r >= 0x200b && r <= 0x200d || r == 0x2060 || r == 0xfeff
}

// Bidi tells whether r is a bidirectional embedding, override or isolate
// control (U+202A–U+202E, U+2066–U+2069): in a name it can make the text
// shown read otherwise than the text stored.
func Bidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// StripBidi removes the bidirectional controls of s (names, file names).
func StripBidi(s string) string {
	if !strings.ContainsFunc(s, Bidi) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Bidi(r) {
			return -1
		}
		return r
	}, s)
}

// Problem says in French what makes s unacceptable as a text typed in a
// form, or "" when nothing does: not valid UTF-8, a NUL or another control
// character (tab aside), or, unless multiline, a line break. The message reads
// after a field's name: « Commentaire » + " " + Problem.
func Problem(s string, multiline bool) string {
	if !utf8.ValidString(s) {
		return "n’est pas un texte valide (encodage UTF-8 attendu)"
	}
	for _, r := range s {
		switch {
		case r == 0:
			return "contient un caractère nul : retirez-le"
		case r == '\t':
		case r == '\n' || r == '\r':
			if !multiline {
				return "doit tenir sur une ligne, sans retour à la ligne"
			}
		case Removed(r):
			return "contient un caractère de contrôle invisible : retirez-le"
		}
	}
	return ""
}
