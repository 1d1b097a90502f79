package pdf

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func sampleLetter(commune, code string) *Letter {
	return &Letter{
		Sender:      "Association des maires du Nord",
		SenderLines: []string{"22 rue Ségur, 59000 Lille", "contact@amf59.fr"},
		Recipient:   []string{"Madame ou Monsieur le Maire", "Mairie " + commune, "59000 " + strings.ToUpper(commune)},
		Place:       "Lille",
		Date:        time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		Subject:     "Rencontrer un ambassadeur du libre",
		Opening:     "Madame la Maire, Monsieur le Maire,",
		Body: "Le Centre de gestion et le GULL de votre département vous proposent la visite d’un « ambassadeur du libre ».\n\n" +
			"Il vient avec un kit : une liste des points à aborder, de la documentation\net une clé USB de logiciels à essayer.\n\n" +
			"La visite est gratuite et dure une heure environ ; 36\u202f359 collectivités peuvent candidater au label.",
		Link:      "https://tnl.test/ambassadeurs/c/" + code,
		Code:      code,
		Signature: "Jean Dupré\nPrésident de l’association",
		Footer:    "Campagne « Ambassadeurs du libre 2026 » · code " + code,
	}
}

func TestLetterText(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	var buf bytes.Buffer
	if err := e.Letter(&buf, sampleLetter("d’Hellemmes-Lès-Lille", "K7M2Q9RT")); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
	text := pdfText(t, buf.Bytes())
	for _, w := range []string{
		"Association des maires du Nord", "Mairie d’Hellemmes-Lès-Lille", "À Lille, le 2 mars 2026",
		"Objet : Rencontrer un ambassadeur du libre", "« ambassadeur du libre »", "de la documentation et une clé USB",
		"36\u202f359 collectivités", "https://tnl.test/ambassadeurs/c/K7M2Q9RT", "Votre code personnel : K7M2Q9RT",
		"Jean Dupré", "Président de l’association", "code K7M2Q9RT",
	} {
		if !strings.Contains(text, asciiSpaces(w)) {
			t.Errorf("the letter lacks %q:\n%s", w, text)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte("/URI (https://tnl.test/ambassadeurs/c/K7M2Q9RT)")) {
		t.Error("the short link is not clickable")
	}
	var again bytes.Buffer
	if err := e.Letter(&again, sampleLetter("d’Hellemmes-Lès-Lille", "K7M2Q9RT")); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("the same letter gives other bytes (%v)", err)
	}
}

func TestLongLetterContinuesOnAnotherPage(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	l := sampleLetter("Roubaix", "AAAA2222")
	l.Body = strings.Repeat("Une phrase assez longue pour remplir la page du courrier, encore et encore. ", 120) + "\n\nDernier paragraphe."
	var buf bytes.Buffer
	if err := e.Letter(&buf, l); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if !regexp.MustCompile(`page [2-9] / [2-9]`).MatchString(text) || !strings.Contains(text, "Dernier paragraphe.") || !strings.Contains(text, "AAAA2222") {
		t.Errorf("long letter:\n%s", text[len(text)-600:])
	}
}

func TestMergedLetters(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	var ls []*Letter
	names := []string{"Lille", "Ćmielów-sur-Aa", "Œuilly", "Saint-Amand-les-Eaux"}
	for i, n := range names {
		ls = append(ls, sampleLetter(n, fmt.Sprintf("CODE%04d", i)))
	}
	var buf bytes.Buffer
	if err := e.Letters(&buf, slices.Values(ls)); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
	if n := len(regexp.MustCompile(`/Type /Page\b`).FindAll(buf.Bytes(), -1)); n != len(names) {
		t.Errorf("%d pages, want one per letter (%d)", n, len(names))
	}
	text := pdfText(t, buf.Bytes())
	pages := strings.Split(text, "\f")
	for i, n := range names {
		if i >= len(pages) || !strings.Contains(pages[i], "Mairie "+n) || !strings.Contains(pages[i], fmt.Sprintf("CODE%04d", i)) {
			t.Errorf("page %d lacks the letter to %s", i+1, n)
		}
	}
	// The fonts are embedded once: the merged document is much smaller
	// than the letters apart.
	var one bytes.Buffer
	if err := e.Letter(&one, ls[0]); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 2*one.Len() {
		t.Errorf("4 merged letters take %d bytes, one alone %d", buf.Len(), one.Len())
	}
	if err := e.Letters(io.Discard, slices.Values([]*Letter{nil})); err == nil {
		t.Error("a nil letter was accepted")
	}
}
