package pdf

import (
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

const unanswered = "Non renseigné"

// answer draws an answer indented by indent; anything empty or unusable is
// rendered as « Non renseigné ».
func (l *dossierLayout) answer(a *Answer, indent float64) {
	f, e := l.f, l.e
	switch a.Kind {
	case KindText:
		if t := strings.TrimSpace(e.clean(a.Text)); t != "" {
			f.paragraph(t, bodyStyle(), indent)
			return
		}
	case KindLongText:
		if t := strings.TrimSpace(e.cleanLines(a.Text)); t != "" {
			l.paragraphs(t, bodyStyle(), indent)
			return
		}
	case KindLink:
		if l.linkAnswer(a, indent) {
			return
		}
	case KindTable:
		if t := l.cleanTable(a.Table); t != nil {
			f.table(t, indent)
			return
		}
	case KindFiles:
		if len(a.Files) > 0 {
			l.files(a.Files, indent)
			return
		}
	case KindUnanswered:
	default: // unknown kind: show its text if any
		if t := strings.TrimSpace(e.clean(a.Text)); t != "" {
			f.paragraph(t, bodyStyle(), indent)
			return
		}
	}
	f.paragraph(unanswered, mutedStyle(), indent)
}

// paragraphs draws text whose lines are paragraphs; runs of blank lines
// become a single half-line gap.
func (l *dossierLayout) paragraphs(text string, ts textStyle, indent float64) {
	f := l.f
	gap := false
	for _, line := range f.lines(text, ts, f.width()-indent) {
		if line == "" {
			gap = true
			continue
		}
		if gap {
			f.y += ts.leading / 2
			gap = false
		}
		f.need(ts.leading)
		l.e.text(f.c, f.left+indent, f.y, ts, line)
		f.y += ts.leading
	}
}

// linkAnswer draws the description and the URL of a link answer; the URL is
// clickable only when it is an absolute http(s) or mailto URL.
func (l *dossierLayout) linkAnswer(a *Answer, indent float64) bool {
	f, e := l.f, l.e
	desc := strings.TrimSpace(e.clean(a.Text))
	shown := strings.TrimSpace(e.clean(a.URL))
	if desc == "" && shown == "" {
		return false
	}
	if desc != "" {
		f.paragraph(desc, bodyStyle(), indent)
	}
	if shown == "" {
		return true
	}
	if u := safeURL(a.URL); u != "" {
		f.link(shown, u, linkStyle(), indent)
	} else {
		f.paragraph(shown, bodyStyle(), indent)
	}
	return true
}

// files lists evidence files: name, then size and SHA-256.
func (l *dossierLayout) files(files []File, indent float64) {
	f, e := l.f, l.e
	body, small := bodyStyle(), smallStyle()
	const bulletWidth = 11
	for i, file := range files {
		if i > 0 {
			f.y += 4
		}
		name := orDefault(strings.TrimSpace(e.clean(file.Name)), "Fichier sans nom")
		sum := strings.TrimSpace(e.clean(file.SHA256))
		if sum == "" {
			sum = "non communiquée"
		}
		f.need(body.leading + small.leading)
		e.text(f.c, f.left+indent, f.y, body, "•")
		f.paragraph(name, body, indent+bulletWidth)
		size := "taille inconnue"
		if file.Size >= 0 {
			size = fr.Size(file.Size)
		}
		f.paragraph(size+" · SHA-256 : "+sum, small, indent+bulletWidth)
	}
}
