package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// pageTexts returns the texts drawn on page p (1-based).
func pageTexts(c *canvas, p int) []string {
	var out []string
	for _, o := range c.pages[p-1] {
		if o.kind == opText {
			out = append(out, o.text)
		}
	}
	return out
}

func allTexts(c *canvas) string {
	var b strings.Builder
	for p := range c.pages {
		b.WriteString(strings.Join(pageTexts(c, p+1), "\n"))
		b.WriteString("\n")
	}
	return b.String()
}

// checkBounds asserts that nothing is drawn outside the page and that body
// content stays between the running header and footer.
func checkBounds(t *testing.T, e *Engine, c *canvas, body bool) {
	t.Helper()
	for p, ops := range c.pages {
		for _, o := range ops {
			switch o.kind {
			case opText:
				w := e.faces[o.style].stringWidth(o.text, o.size)
				if o.x < 0 || o.x+w > c.width+0.01 || o.y < 0 || o.y > c.height {
					t.Errorf("page %d: text %q at (%.1f, %.1f) w %.1f leaves the page", p+1, o.text, o.x, o.y, w)
				}
				if body && o.y > contentTop && o.y < 790 && (o.x+w > c.width-marginX+0.01 || o.y > contentBelow) {
					t.Errorf("page %d: text %q at (%.1f, %.1f) w %.1f crosses the margins", p+1, o.text, o.x, o.y, w)
				}
			case opRect:
				if o.x < 0 || o.y < 0 || o.x+o.w > c.width+0.01 || o.y+o.h > c.height+0.01 {
					t.Errorf("page %d: rectangle %+v leaves the page", p+1, o)
				}
				if body && o.y >= contentTop && o.y+o.h > contentBelow+0.01 {
					t.Errorf("page %d: rectangle at y %.1f h %.1f crosses the bottom margin", p+1, o.y, o.h)
				}
			}
		}
	}
}

func TestDossierLayoutSample(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	d := sampleDossier()
	c := e.layoutDossier(d)
	n := len(c.pages)
	if n < 8 || n > 10 {
		t.Errorf("sample dossier has %d pages, want 8 to 10", n)
	}
	checkBounds(t, e, c, true)

	for p := 1; p <= n; p++ {
		texts := pageTexts(c, p)
		if !slices.Contains(texts, fmt.Sprintf("page %d / %d", p, n)) {
			t.Errorf("page %d has no « page %d / %d » footer", p, p, n)
		}
		if p > 1 && !slices.Contains(texts, "Saint-Gérard-lès-Écluses") {
			t.Errorf("page %d has no running header", p)
		}
	}

	cover := strings.Join(pageTexts(c, 1), "\n")
	for _, want := range []string{
		"Territoire Numérique Libre", "Dossier de candidature — campagne 2026", "Référence : TNL-2026-01999",
		"Saint-Gérard-lès-Écluses", "Commune · Ain (01) · code 01999", "12\u202f345\u00a0habitants",
		"Hélène Marchand-Dufresne", "François Lefèvre", "Zoé Bénard", "Labellisée",
		"Déposée le 14 octobre 2026 à 18\u00a0h\u00a005", "Niveau 3 — Confirmé (niveau trois sur cinq)",
		"Document généré le 3 décembre 2026 à 9\u00a0h\u00a030.",
	} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q", want)
		}
	}
	stars, filled := 0, 0
	for _, o := range c.pages[0] {
		if o.kind == opPolygon {
			stars++
			if o.fill {
				filled++
			}
		}
	}
	if stars != 5 || filled != 3 {
		t.Errorf("cover has %d marks, %d filled; want 5 and 3", stars, filled)
	}

	if got := strings.Count(allTexts(c), unanswered); got != 6 {
		t.Errorf("%d « Non renseigné », want 6", got)
	}
}

func TestTableOfContentsPointsToSections(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	d := sampleDossier()
	c := e.layoutDossier(d)
	toc := pageTexts(c, 2)
	if len(c.targets) != len(d.Sections) {
		t.Fatalf("%d link targets for %d sections", len(c.targets), len(d.Sections))
	}
	for i, s := range d.Sections {
		tg := c.targets[i]
		heading := strconv.Itoa(i+1) + ". " + s.Title
		if !slices.Contains(pageTexts(c, tg.page), heading) {
			t.Errorf("section %q is not on page %d", heading, tg.page)
		}
		if !slices.Contains(toc, s.Title) || !slices.Contains(toc, strconv.Itoa(tg.page)) {
			t.Errorf("contents lack %q or its page %d", s.Title, tg.page)
		}
	}
	gotos := 0
	for _, o := range c.pages[1] {
		if o.kind == opGoto {
			gotos++
		}
	}
	if gotos != len(d.Sections) {
		t.Errorf("%d clickable contents entries, want %d", gotos, len(d.Sections))
	}
}

// tableDossier is a dossier whose only answer is a table.
func tableDossier(tb *Table) *Dossier {
	return &Dossier{Year: 2026, Collectivite: Collectivite{Name: "Éclose"}, Sections: []Section{{
		Title: "Tableaux", Items: []Item{{Label: "Inventaire", Answer: Answer{Kind: KindTable, Table: tb}}},
	}}}
}

func TestTableRepeatsHeaderOnEveryPage(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	tb := &Table{Header: []string{"Logiciel", "Usage", "Licence"}}
	for i := range 120 {
		usage := "Usage courant"
		if i%7 == 0 {
			usage = strings.Repeat("Usage détaillé sur plusieurs lignes ", 4)
		}
		tb.Rows = append(tb.Rows, []string{fmt.Sprintf("Logiciel n° %03d", i), usage, "GPL 3.0"})
	}
	c := e.layoutDossier(tableDossier(tb))
	checkBounds(t, e, c, true)
	first := c.targets[0].page
	if len(c.pages)-first < 3 {
		t.Fatalf("a 120-row table should span several pages, got %d", len(c.pages)-first+1)
	}
	seen := map[string]bool{}
	for p := first; p <= len(c.pages); p++ {
		var header, rowsBefore int
		for _, o := range c.pages[p-1] {
			if o.kind != opText || o.size != tableSize {
				continue
			}
			if o.text == "Logiciel" && o.style == bold {
				header++
				if rowsBefore > 0 {
					t.Errorf("page %d: header drawn after rows", p)
				}
			}
			if strings.HasPrefix(o.text, "Logiciel n°") {
				rowsBefore++
				if seen[o.text] {
					t.Errorf("row %q drawn twice", o.text)
				}
				seen[o.text] = true
			}
		}
		if rowsBefore > 0 && header != 1 {
			t.Errorf("page %d: %d headers for %d rows", p, header, rowsBefore)
		}
	}
	if len(seen) != 120 {
		t.Errorf("%d rows drawn, want 120", len(seen))
	}
}

func TestTableRowTallerThanAPageIsSplit(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	huge := strings.Repeat("Une cellule démesurée qui continue encore. ", 400)
	tb := &Table{Header: []string{"A", "B"}, Rows: [][]string{{"court", huge}, {"après", "fin"}}}
	c := e.layoutDossier(tableDossier(tb))
	checkBounds(t, e, c, true)
	text := allTexts(c)
	if !strings.Contains(text, "après") || strings.Count(text, "démesurée") != 400 {
		t.Error("the split row lost lines")
	}
}

func TestTableEdgeCases(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	wide := make([]string, 25)
	for i := range wide {
		wide[i] = fmt.Sprintf("col%d", i)
	}
	for _, tc := range []struct {
		name  string
		table *Table
		want  []string
	}{
		{"nil", nil, []string{unanswered}},
		{"empty", &Table{}, []string{unanswered}},
		{"blank cells", &Table{Header: []string{" "}, Rows: [][]string{{"", "\t"}}}, []string{unanswered}},
		{"no header", &Table{Rows: [][]string{{"a", "b"}, {"c"}}}, []string{"a", "b", "c"}},
		{"ragged rows", &Table{Header: []string{"x"}, Rows: [][]string{{"1", "2", "3"}}}, []string{"x", "1", "2", "3"}},
		{"too many columns are merged", &Table{Header: wide, Rows: [][]string{wide}}, []string{"col0", "col9 · col10 · col11"}},
		{"huge header", &Table{Header: []string{strings.Repeat("entête ", 500)}, Rows: [][]string{{"v"}}}, []string{"v"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := e.layoutDossier(tableDossier(tc.table))
			checkBounds(t, e, c, true)
			text := allTexts(c)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("layout lacks %q", w)
				}
			}
		})
	}
}

func TestAnswerKinds(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	for _, tc := range []struct {
		name   string
		answer Answer
		want   []string
		uri    string
	}{
		{"unanswered", Answer{}, []string{unanswered}, ""},
		{"text", Answer{Kind: KindText, Text: "Oui, à 42\u202f%"}, []string{"Oui, à 42\u202f%"}, ""},
		{"blank text", Answer{Kind: KindText, Text: " \n\t"}, []string{unanswered}, ""},
		{"long text", Answer{Kind: KindLongText, Text: "Premier paragraphe.\n\nSecond paragraphe."}, []string{"Premier paragraphe.", "Second paragraphe."}, ""},
		{"link", Answer{Kind: KindLink, Text: "Site", URL: "https://exemple.fr/a"}, []string{"Site", "https://exemple.fr/a"}, "https://exemple.fr/a"},
		{"unsafe link is not clickable", Answer{Kind: KindLink, URL: "javascript:alert(1)"}, []string{"javascript:alert(1)"}, ""},
		{"empty link", Answer{Kind: KindLink}, []string{unanswered}, ""},
		{"files", Answer{Kind: KindFiles, Files: []File{{Name: "délibération.pdf", Size: 1234567, SHA256: "abc123"}}},
			[]string{"délibération.pdf", "1,2\u00a0Mo · SHA-256 : abc123"}, ""},
		{"file without name nor hash", Answer{Kind: KindFiles, Files: []File{{Size: -5}}},
			[]string{"Fichier sans nom", "taille inconnue · SHA-256 : non communiquée"}, ""},
		{"no files", Answer{Kind: KindFiles}, []string{unanswered}, ""},
		{"unknown kind shows its text", Answer{Kind: AnswerKind(42), Text: "quand même"}, []string{"quand même"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &Dossier{Sections: []Section{{Title: "S", Items: []Item{{Label: "Q", Answer: tc.answer}}}}}
			c := e.layoutDossier(d)
			text := allTexts(c)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("layout lacks %q", w)
				}
			}
			var uris []string
			for _, ops := range c.pages {
				for _, o := range ops {
					if o.kind == opURI {
						uris = append(uris, o.text)
					}
				}
			}
			if tc.uri == "" && len(uris) > 0 || tc.uri != "" && !slices.Contains(uris, tc.uri) {
				t.Errorf("links = %q, want %q", uris, tc.uri)
			}
		})
	}
}

// One huge cell without spaces does not squeeze the other columns: each
// keeps at least half its fair share, and the table keeps its width.
func TestTableColumnsKeepAFloor(t *testing.T) {
	t.Parallel()
	e := newTestEngine(t)
	c := newCanvas(false)
	f := &flow{c: c, e: e, left: marginX, right: c.width - marginX, top: contentTop, bottom: contentBelow}
	long := "https://exemple.fr/" + strings.Repeat("a", 2000)
	text := strings.Repeat("Un texte de soixante caractères environ. ", 2)
	for _, tc := range []struct {
		name string
		g    *gridTable
	}{
		{"text and a long address", &gridTable{header: []string{"Nom", "Adresse"}, rows: [][]string{{text, long}}, cols: 2}},
		{"three columns", &gridTable{rows: [][]string{{text, long, text}}, cols: 3}},
		{"narrow and wide", &gridTable{rows: [][]string{{"a", long, text}}, cols: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			avail := f.width()
			widths := f.columnWidths(tc.g, avail)
			sum := 0.0
			for c, w := range widths {
				sum += w
				natural := e.faces[regular].stringWidth(tc.g.rows[0][c], tableSize) + 2*cellPadX
				if w < min(natural, avail/float64(tc.g.cols)/2)-0.01 {
					t.Errorf("column %d is %.1f pt wide, under its floor (natural %.1f, avail %.1f)", c, w, natural, avail)
				}
			}
			if sum < avail-0.01 || sum > avail+0.01 {
				t.Errorf("widths %v add up to %.1f, want %.1f", widths, sum, avail)
			}
		})
	}
}
