package pdf

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/adullact/tnl/internal/fr"
	"golang.org/x/text/unicode/norm"
)

// This file and testdata/dossier.html.tmpl render the dossier as HTML
// for the Chromium comparison (chromium_test.go) only: they live in test
// files so that no production binary embeds them.

//go:embed testdata/dossier.html.tmpl
var htmlTemplates embed.FS

// dossierHTML writes the dossier as a standalone HTML page meant to be
// printed by a browser (A4 page rules, running headers and footers). It is
// the browser-based alternative to Engine.Dossier, kept to compare both
// approaches; it parses its template on each call.
func dossierHTML(w io.Writer, d *Dossier) error {
	if d == nil {
		return errors.New("pdf: nil dossier")
	}
	tmpl, err := template.ParseFS(htmlTemplates, "testdata/dossier.html.tmpl")
	if err != nil {
		return fmt.Errorf("pdf: parse HTML template: %w", err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return fmt.Errorf("pdf: load Europe/Paris time zone: %w", err)
	}
	if err := tmpl.Execute(w, newHTMLDossier(d, paris)); err != nil {
		return fmt.Errorf("pdf: render HTML: %w", err)
	}
	return nil
}

type htmlDossier struct {
	Label, Campaign, Reference string
	Collectivite, Details      string
	Population                 string
	Elu                        htmlPerson
	CoEditors                  []htmlPerson
	State, Submitted, Level    string
	Marks                      []bool
	Generated                  string
	Sections                   []htmlSection
}

type htmlPerson struct{ Name, Mandate, Email string }

type htmlSection struct {
	ID, Number, Title string
	Intro             []string
	Items             []htmlItem
}

type htmlItem struct {
	Number, Label string
	Kind          string // text, long, link, table, files or none
	Text, Shown   string
	URL           string
	Paragraphs    [][]string
	Header        []string
	Rows          [][]string
	Files         []htmlFile
}

type htmlFile struct{ Name, Size, SHA256 string }

// plain drops control and format characters from s, keeping line breaks
// when multiline is set; the browser's fonts draw everything else.
func plain(s string, multiline bool) string {
	s = norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r':
			if multiline {
				return '\n'
			}
			return ' '
		case r == '\t':
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
}

func newHTMLDossier(d *Dossier, loc *time.Location) htmlDossier {
	col := d.Collectivite
	var details []string
	for _, p := range []string{plain(col.Kind, false), plain(col.Departement, false)} {
		if strings.TrimSpace(p) != "" {
			details = append(details, p)
		}
	}
	if code := strings.TrimSpace(plain(col.Code, false)); code != "" {
		details = append(details, "code "+code)
	}
	h := htmlDossier{
		Label:        orDefault(plain(d.Label, false), defaultLabel),
		Campaign:     campaignSuffix(d.Year),
		Reference:    plain(d.Reference, false),
		Collectivite: orDefault(plain(col.Name, false), "Collectivité non renseignée"),
		Details:      strings.Join(details, " · "),
		Elu:          newHTMLPerson(d.Elu),
		State:        orDefault(plain(d.State, false), unanswered),
		Submitted:    "Non déposée",
		Level:        "Non attribué",
	}
	if col.Population > 0 {
		h.Population = population(col.Population)
	}
	for _, p := range d.CoEditors {
		h.CoEditors = append(h.CoEditors, newHTMLPerson(p))
	}
	if !d.SubmittedAt.IsZero() {
		h.Submitted = "Déposée le " + fr.DateTime(d.SubmittedAt)
	}
	if lv := d.Level; lv != nil {
		h.Level = orDefault(plain(lv.Label, false), "Niveau "+strconv.Itoa(lv.Value))
		if scaleShown(*lv) {
			for i := range lv.Max {
				h.Marks = append(h.Marks, i < lv.Value)
			}
		}
	}
	if !d.GeneratedAt.IsZero() {
		h.Generated = fr.DateTime(d.GeneratedAt)
	}
	for i, s := range d.Sections {
		sec := htmlSection{
			ID:     "section-" + strconv.Itoa(i+1),
			Number: strconv.Itoa(i + 1),
			Title:  orDefault(plain(s.Title, false), "Section "+strconv.Itoa(i+1)),
		}
		for _, p := range strings.Split(plain(s.Intro, true), "\n") {
			if strings.TrimSpace(p) != "" {
				sec.Intro = append(sec.Intro, p)
			}
		}
		for j, it := range s.Items {
			sec.Items = append(sec.Items, newHTMLItem(strconv.Itoa(i+1)+"."+strconv.Itoa(j+1), it))
		}
		h.Sections = append(h.Sections, sec)
	}
	return h
}

func newHTMLPerson(p Person) htmlPerson {
	return htmlPerson{
		Name:    orDefault(plain(p.Name, false), unanswered),
		Mandate: plain(p.Mandate, false),
		Email:   strings.TrimSpace(plain(p.Email, false)),
	}
}

func newHTMLItem(number string, it Item) htmlItem {
	a := it.Answer
	item := htmlItem{Number: number, Label: plain(it.Label, false), Kind: "none"}
	text := strings.TrimSpace(plain(a.Text, false))
	switch a.Kind {
	case KindText:
		if text != "" {
			item.Kind, item.Text = "text", text
		}
	case KindLongText:
		item.Paragraphs = paragraphs(plain(a.Text, true))
		if len(item.Paragraphs) > 0 {
			item.Kind = "long"
		}
	case KindLink:
		item.Shown = strings.TrimSpace(plain(a.URL, false))
		if text != "" || item.Shown != "" {
			item.Kind, item.Text, item.URL = "link", text, safeURL(a.URL)
		}
	case KindTable:
		if a.Table != nil && (len(a.Table.Header) > 0 || len(a.Table.Rows) > 0) {
			item.Kind = "table"
			for _, c := range a.Table.Header {
				item.Header = append(item.Header, plain(c, false))
			}
			for _, r := range a.Table.Rows {
				row := make([]string, 0, len(r))
				for _, c := range r {
					row = append(row, plain(c, false))
				}
				item.Rows = append(item.Rows, row)
			}
		}
	case KindFiles:
		for _, f := range a.Files {
			item.Kind = "files"
			item.Files = append(item.Files, htmlFile{
				Name:   orDefault(plain(f.Name, false), "Fichier sans nom"),
				Size:   fr.Size(f.Size),
				SHA256: orDefault(plain(f.SHA256, false), "non communiquée"),
			})
		}
	case KindUnanswered:
	default:
		if text != "" {
			item.Kind, item.Text = "text", text
		}
	}
	return item
}

// paragraphs splits text on blank lines; each paragraph keeps its lines.
func paragraphs(text string) [][]string {
	var out [][]string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
