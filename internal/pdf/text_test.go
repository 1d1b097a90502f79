package pdf

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
)

// TestExtractedText checks with pdftotext that the text of the documents,
// accents included, survives the per-document encoding.
func TestExtractedText(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	var receipt, certificate bytes.Buffer
	if err := e.Receipt(&receipt, sampleReceipt()); err != nil {
		t.Fatal(err)
	}
	if err := e.Certificate(&certificate, sampleCertificate()); err != nil {
		t.Fatal(err)
	}
	dossier := renderDossier(t, e, sampleDossier())
	for _, tc := range []struct {
		name string
		pdf  []byte
		want []string
	}{
		{"dossier", dossier, []string{
			"Saint-Gérard-lès-Écluses", "Non renseigné", "page 2 / 9", "page 9 / 9", "42\u202f%",
			"12\u202f345\u00a0habitants", "14 octobre 2026 à 18\u00a0h\u00a005", "« Saint-Gérard numérique 2030 »",
			"l’adjointe", "186\u202f000\u00a0€", "1,2\u00a0Mo", "7d41547a036cf6b9a28a1c8d4eab2f56b909278b2ca1a2727d1908318bce824b",
			"https://comptoir-du-libre.org/fr/users/1999", "S²LOW", "openÉlec", "Zoé Bénard", "Sommaire",
		}},
		{"receipt", receipt.Bytes(), []string{
			"Accusé de réception", "TNL-2026-01999", "Saint-Gérard-lès-Écluses", "44\u00a0réponses",
			"9\u00a0pièces justificatives", "déposé le 14 octobre 2026 à 18\u00a0h\u00a005 par François Lefèvre", "page 1 / 1",
		}},
		{"certificate", certificate.Bytes(), []string{
			"TERRITOIRE NUMÉRIQUE LIBRE", "Certificat de labellisation", "Campagne 2026", "Saint-Gérard-lès-Écluses",
			"Niveau 3 — Confirmé (niveau trois sur cinq)", "Motivation du jury", "Coup de cœur du jury",
			"Décerné le 10 décembre 2026",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// pdftotext prints every kind of space as U+0020; that U+00A0
			// and U+202F are encoded is checked by TestNoBreakSpacesAreEncoded.
			text := pdfText(t, tc.pdf)
			for _, w := range tc.want {
				if !strings.Contains(text, asciiSpaces(w)) {
					t.Errorf("extracted text lacks %q", w)
				}
			}
			if strings.ContainsRune(text, '\ufffd') || strings.Contains(text, "?") && tc.name != "dossier" {
				t.Errorf("extracted text has replacement characters:\n%s", text)
			}
		})
	}
}

// TestExtractedTextEveryDrawableCharacter renders every character of the
// fonts in the three styles and reads them back.
func TestExtractedTextEveryDrawableCharacter(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	var chars []rune
	for r := rune(0xA0); int(r) < len(e.chars.ok); r++ {
		// Spaces are extracted as U+0020, and « … » as three dots.
		if e.chars.has(r) && !unicode.IsSpace(r) && r != '…' {
			chars = append(chars, r)
		}
	}
	// Chunks leave room in the 129 codes for the characters of the labels.
	const chunk = 100
	for start := 0; start < len(chars); start += chunk {
		part := chars[start:min(start+chunk, len(chars))]
		var b strings.Builder
		for i, r := range part {
			if i%30 == 0 {
				b.WriteString(".\n") // no hyphen-like character at a line end
			}
			b.WriteRune(r)
			b.WriteByte(' ')
		}
		body := strings.TrimSpace(b.String())
		d := &Dossier{Sections: []Section{{Title: "x", Intro: body, Items: []Item{
			{Label: body, Answer: Answer{Kind: KindLongText, Text: body}},
		}}}}
		text := pdfText(t, renderDossier(t, e, d))
		squashed := strings.Join(strings.Fields(text), "")
		for _, r := range part {
			if strings.Count(squashed, string(r)) < 3 {
				t.Errorf("%U %q is not extracted in the three styles", r, r)
			}
		}
	}
	if len(chars) < 300 {
		t.Errorf("only %d drawable non-ASCII characters", len(chars))
	}
}

// asciiSpaces replaces the no-break spaces of s by U+0020.
func asciiSpaces(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
}

// TestNoBreakSpacesAreEncoded checks in the PDF itself that U+00A0 and
// U+202F keep their own codes and glyphs, which pdftotext cannot show.
func TestNoBreakSpacesAreEncoded(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	c := e.layoutDossier(sampleDossier())
	enc := newEncoding(c)
	diff := enc.differences()
	for _, name := range []string{"/uni00A0", "/uni202F"} {
		if !strings.Contains(diff, name) {
			t.Errorf("encoding lacks %s: %s", name, diff)
		}
	}
	pdf := renderDossier(t, e, sampleDossier())
	if !bytes.Contains(pdf, []byte(diff)) {
		t.Error("the PDF does not declare the encoding")
	}
	population := "(" + enc.encode("12\u202f345\u00a0habitants") + ") Tj"
	if !bytes.Contains(pdf, []byte(population)) {
		t.Errorf("the PDF does not draw %q", population)
	}
}
