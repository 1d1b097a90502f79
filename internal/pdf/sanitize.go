package pdf

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// charset is the set of characters every embedded face can draw.
type charset struct {
	ok []bool // indexed by rune
}

func newCharset(faces []*face) charset {
	n := len(faces[0].widths)
	for _, f := range faces[1:] {
		n = min(n, len(f.widths))
	}
	ok := make([]bool, n)
	for r := range ok {
		ok[r] = printable(rune(r))
		for _, f := range faces {
			ok[r] = ok[r] && f.has(rune(r))
		}
	}
	return charset{ok: ok}
}

// printable excludes control characters, invisible format characters and
// line or paragraph separators, which are never drawn even when the font
// maps them.
func printable(r rune) bool {
	return r >= ' ' && !unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

func (c charset) has(r rune) bool {
	return r >= 0 && int(r) < len(c.ok) && c.ok[r]
}

// clean returns s with every character drawable by the embedded fonts:
// decomposed text is composed (NFC), tabs become spaces, control and format
// characters are dropped, line breaks are kept only when multiline is set
// (as '\n') and other characters are replaced by their compatibility
// decomposition when it is drawable, else by '?'. Invalid UTF-8 is replaced
// the same way.
func (c charset) clean(s string, multiline bool) string {
	if c.isClean(s, multiline) {
		return s
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // CRLF: the '\n' follows
			}
			c.newline(&b, multiline)
		case r == '\n' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f':
			c.newline(&b, multiline)
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && size <= 1:
			b.WriteByte('?')
		case c.has(r):
			b.WriteRune(r)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
			// Dropped: invisible, or a combining mark that has no
			// precomposed form with its base letter.
		default:
			b.WriteString(c.substitute(r))
		}
	}
	return b.String()
}

func (c charset) newline(b *strings.Builder, multiline bool) {
	if multiline {
		b.WriteByte('\n')
	} else {
		b.WriteByte(' ')
	}
}

// isClean reports whether clean would return s unchanged.
func (c charset) isClean(s string, multiline bool) bool {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] >= ' ' && s[i] <= '~'
	}
	if ascii {
		return true
	}
	for _, r := range s {
		if r == '\n' && multiline {
			continue
		}
		if !c.has(r) {
			return false
		}
	}
	// Drawable text is already composed: the fonts have no combining
	// marks, and composition would only change U+2000 and U+2001 into the
	// identical-looking U+2002 and U+2003.
	return true
}

// substitute replaces a character the fonts lack by the drawable part of its
// compatibility decomposition (« ǎ » → « a », « ﬁ » → « fi », « ① » → « 1 »),
// or by '?'.
func (c charset) substitute(r rune) string {
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if c.has(d) && d != r {
			b.WriteRune(d)
		}
	}
	if b.Len() == 0 {
		return "?"
	}
	return b.String()
}

// safeURL returns the URL to attach to a link annotation, or "" when raw is
// not an absolute http, https or mailto URL. Non-ASCII characters are
// percent-encoded so that the annotation holds plain ASCII.
func safeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 2048 {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if u.Opaque == "" {
			return ""
		}
	default:
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		ch := raw[i]
		if ch <= ' ' || ch >= 0x7F {
			fmt.Fprintf(&b, "%%%02X", ch)
		} else {
			b.WriteByte(ch)
		}
	}
	return b.String()
}
