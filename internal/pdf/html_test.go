package pdf

import (
	"bytes"
	"strings"
	"testing"
)

func TestDossierHTML(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := dossierHTML(&buf, sampleDossier()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		`<html lang="fr">`, "Saint-Gérard-lès-Écluses", "12\u202f345\u00a0habitants",
		"Déposée le 14 octobre 2026 à 18\u00a0h\u00a005", "Non renseigné", `counter(page) " / " counter(pages)`,
		`<a href="https://comptoir-du-libre.org/fr/users/1999">`, "<th>Logiciel</th>", "1,2\u00a0Mo", "★★★☆☆",
		`<section class="part" id="section-6">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if got := strings.Count(page, "<tr>"); got < 30+1 {
		t.Errorf("%d table rows, want at least 31", got)
	}
}

func TestDossierHTMLEscapes(t *testing.T) {
	t.Parallel()
	d := &Dossier{
		Collectivite: Collectivite{Name: `</title><script>alert("x")</script>`},
		Sections: []Section{{Title: "<b>gras</b>", Items: []Item{
			{Label: "Lien", Answer: Answer{Kind: KindLink, URL: "javascript:alert(1)"}},
			{Label: "Texte", Answer: Answer{Kind: KindText, Text: "a\x00b<i>"}},
		}}},
	}
	var buf bytes.Buffer
	if err := dossierHTML(&buf, d); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script>", "<b>gras", `href="javascript`, "\x00", "<i>"} {
		if strings.Contains(page, bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;b&gt;gras&lt;/b&gt;") || !strings.Contains(page, "javascript:alert(1)") {
		t.Error("escaped text is missing")
	}
}
