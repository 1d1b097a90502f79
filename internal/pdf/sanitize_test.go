package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	for _, tc := range []struct {
		name      string
		in        string
		multiline bool
		want      string
	}{
		{"ascii", "Hello, world!", false, "Hello, world!"},
		{"french", "é è ê à ç œ Œ « » € ’ 12\u202f345", false, "é è ê à ç œ Œ « » € ’ 12\u202f345"},
		{"latin extended", "Łódź, Dvořák, Ștefan", false, "Łódź, Dvořák, Ștefan"},
		{"decomposed accents are composed", "e\u0301te\u0301", false, "été"},
		{"orphan combining mark dropped", "x\u0301y", false, "xy"},
		{"tab", "a\tb", false, "a b"},
		{"newlines flattened", "a\nb\r\nc\rd", false, "a b c d"},
		{"newlines kept", "a\nb\r\nc\rd\u2028e", true, "a\nb\nc\nd\ne"},
		{"controls dropped", "a\x00b\x07c\x1bd\u0085e", false, "abcde"},
		{"format characters dropped", "a\u200bb\u00adc\ufeffd\u202ee", false, "abcde"},
		{"invalid utf-8", "a\xffb\xc3", false, "a?b?"},
		{"compatibility decomposition", "ﬁn ① ǎ", false, "fin 1 a"},
		{"no glyph", "日本 😀", false, "?? ?"},
		{"emoji variation selector", "✔\ufe0f ok", false, "? ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := e.chars.clean(tc.in, tc.multiline)
			if got != tc.want {
				t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
			for _, r := range got {
				if r == '\n' && tc.multiline {
					continue
				}
				if !e.chars.has(r) {
					t.Errorf("clean(%q) kept undrawable %U", tc.in, r)
				}
			}
			if !utf8.ValidString(got) {
				t.Errorf("clean(%q) is not valid UTF-8", tc.in)
			}
		})
	}
}

func TestCleanReturnsCleanInputUnchanged(t *testing.T) {
	// Not parallel: AllocsPerRun refuses to run beside other tests.
	e := newTestEngine(t)
	s := "Saint-Gérard-lès-Écluses : 42\u202f% « œuvre »"
	if got := e.clean(s); got != s {
		t.Fatalf("clean changed clean text: %q", got)
	}
	if allocs := testing.AllocsPerRun(100, func() { e.clean(s) }); allocs != 0 {
		t.Errorf("clean of clean text allocates %.0f times", allocs)
	}
}

func TestSafeURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string
	}{
		{"https://www.example.fr/a?b=c#d", "https://www.example.fr/a?b=c#d"},
		{"  http://example.fr  ", "http://example.fr"},
		{"mailto:elu@example.fr", "mailto:elu@example.fr"},
		{"https://exemple.fr/délibération", "https://exemple.fr/d%C3%A9lib%C3%A9ration"},
		{"javascript:alert(1)", ""},
		{"file:///etc/passwd", ""},
		{"data:text/html,x", ""},
		{"/relative/path", ""},
		{"https://", ""},
		{"mailto:", ""},
		{"", ""},
		{"https://example.fr/" + strings.Repeat("a", 3000), ""},
		{"http://[::1", ""},
	} {
		if got := safeURL(tc.in); got != tc.want {
			t.Errorf("safeURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
