package pdf

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	f := e.faces[regular]
	const size = 10
	width := func(s string) float64 { return f.stringWidth(s, size) + 0.01 }
	for _, tc := range []struct {
		name string
		text string
		maxW float64
		want []string
	}{
		{"fits", "Bonjour le monde", 500, []string{"Bonjour le monde"}},
		{"empty", "", 100, []string{""}},
		{"breaks at spaces", "un deux trois quatre", width("un deux"), []string{"un deux", "trois", "quatre"}},
		{"collapses spaces at breaks", "un   deux     trois", width("deux"), []string{"un", "deux", "trois"}},
		{"paragraphs", "un\n\ndeux", 500, []string{"un", "", "deux"}},
		{"long word is split", "abcdefghijklmnop", width("abcdefgh"), []string{"abcdefgh", "ijklmnop"}},
		{"no break at no-break spaces", "12\u202f345\u00a0habitants et plus", width("12\u202f345\u00a0habitants"), []string{"12\u202f345\u00a0habitants", "et plus"}},
		{"guillemets stay with their word", "dit « Gérardin » ici", width("« Gérardin »"), []string{"dit", "« Gérardin »", "ici"}},
		{"colon stays with the word before", "Statut : adopté", width("Statut :"), []string{"Statut :", "adopté"}},
		{"narrower than a character", "ab", 1, []string{"a", "b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := f.wrap(tc.text, size, tc.maxW)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("wrap(%q, %v) = %q, want %q", tc.text, tc.maxW, got, tc.want)
			}
			for _, l := range got {
				if w := f.stringWidth(l, size); w > tc.maxW && len([]rune(l)) > 1 {
					t.Errorf("line %q is %.1f pt wide, more than %.1f", l, w, tc.maxW)
				}
			}
		})
	}
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	text := sampleDossier().Sections[1].Items[2].Answer.Text
	for _, w := range []float64{30, 120, 400} {
		lines := e.faces[regular].wrap(text, 10, w)
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if squash(strings.Join(lines, " ")) != squash(text) {
			t.Errorf("width %v: wrapping lost or added characters", w)
		}
	}
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	f := e.faces[regular]
	long := "Communauté de communes du Pays de Gex et de la Haute-Vallée"
	got := f.truncate(long, 10, 120)
	if !strings.HasSuffix(got, "…") || f.stringWidth(got, 10) > 120 {
		t.Errorf("truncate = %q (%.1f pt)", got, f.stringWidth(got, 10))
	}
	if got := f.truncate("Court", 10, 120); got != "Court" {
		t.Errorf("truncate changed a short text: %q", got)
	}
}
