package pdf

import (
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

// cover lays out the cover page: label, collectivité, élu référent,
// co-editors and state of the candidature.
func (l *dossierLayout) cover() {
	f, c, e := l.f, l.f.c, l.e
	f.newPage()
	c.fillRect(0, 0, c.width, 150, hexColor(colorPrimary))
	title := textStyle{style: bold, size: 24, leading: 30, color: hexColor(colorWhite)}
	sub := textStyle{style: regular, size: 13, leading: 18, color: hexColor(colorBandText)}
	e.text(c, f.left, 40, title, f.face(bold).truncate(l.label, title.size, f.width()))
	e.text(c, f.left, 76, sub, l.d.title()+campaignSuffix(l.d.Year))
	if strings.TrimSpace(l.reference) != "" {
		ref := textStyle{style: regular, size: 10, leading: 14, color: hexColor(colorBandText)}
		e.text(c, f.left, 104, ref, f.face(regular).truncate("Référence : "+l.reference, ref.size, f.width()))
	}
	f.y = 180
	if l.d.Blank {
		l.blankCover()
		return
	}
	l.collectiviteBlock()
	l.blockTitle(orDefault(l.e.clean(l.d.Elu.Title), "Élu référent"))
	l.person(l.d.Elu)
	l.blockTitle("Co-éditeurs")
	if len(l.d.CoEditors) == 0 {
		f.paragraph("Aucun co-éditeur", mutedStyle(), 0)
	}
	for i, p := range l.d.CoEditors {
		if i > 0 {
			f.y += 6
		}
		l.person(p)
	}
	l.blockTitle("Candidature")
	l.candidature()
	if !l.d.GeneratedAt.IsZero() {
		f.y += 24
		f.paragraph("Document généré le "+fr.DateTime(l.d.GeneratedAt)+".", smallStyle(), 0)
	}
}

// blankCover is the blank questionnaire's cover: its introduction.
func (l *dossierLayout) blankCover() {
	f := l.f
	f.paragraph("Les questions de la candidature", headingStyle(20), 0)
	f.y += 8
	if intro := strings.TrimSpace(l.e.cleanLines(l.d.Intro)); intro != "" {
		l.paragraphs(intro, bodyStyle(), 0)
	}
	if !l.d.GeneratedAt.IsZero() {
		f.y += 24
		f.paragraph("Document généré le "+fr.DateTime(l.d.GeneratedAt)+".", smallStyle(), 0)
	}
}

// collectiviteBlock draws the name, kind, département, code and population.
func (l *dossierLayout) collectiviteBlock() {
	f, e := l.f, l.e
	col := l.d.Collectivite
	f.paragraph(orDefault(l.collectivite, "Collectivité non renseignée"), headingStyle(20), 0)
	var parts []string
	for _, p := range []string{e.clean(col.Kind), e.clean(col.Departement)} {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	if code := e.clean(col.Code); strings.TrimSpace(code) != "" {
		parts = append(parts, "code "+code)
	}
	details := textStyle{style: regular, size: 11, leading: 16, color: hexColor(colorMuted)}
	if len(parts) > 0 {
		f.paragraph(strings.Join(parts, " · "), details, 0)
	}
	if col.Population > 0 {
		f.paragraph(population(col.Population), details, 0)
	}
}

// blockTitle draws a small titled rule on the cover page.
func (l *dossierLayout) blockTitle(title string) {
	f := l.f
	f.y += 16
	f.need(50)
	ts := headingStyle(11)
	l.e.text(f.c, f.left, f.y, ts, title)
	f.y += ts.leading + 1
	f.c.line(f.left, f.y, f.right, f.y, 0.6, hexColor(colorRule))
	f.y += 6
}

// person draws a name, a mandate and a clickable e-mail address.
func (l *dossierLayout) person(p Person) {
	f, e := l.f, l.e
	name := e.clean(p.Name)
	if strings.TrimSpace(name) == "" {
		f.paragraph("Non renseigné", mutedStyle(), 0)
		return
	}
	f.paragraph(name, labelStyle(), 0)
	if m := e.clean(p.Mandate); strings.TrimSpace(m) != "" {
		f.paragraph(m, bodyStyle(), 0)
	}
	if mail := e.clean(p.Email); strings.TrimSpace(mail) != "" {
		if u := safeURL("mailto:" + strings.TrimSpace(p.Email)); u != "" {
			f.link(mail, u, linkStyle(), 0)
		} else {
			f.paragraph(mail, bodyStyle(), 0)
		}
	}
}

// candidature draws the state, the submission date and the level.
func (l *dossierLayout) candidature() {
	f, e, d := l.f, l.e, l.d
	const keyWidth = 120
	f.keyValue("État", orDefault(e.clean(d.State), "Non renseigné"), bodyStyle(), keyWidth)
	submitted := "Non déposée"
	if !d.SubmittedAt.IsZero() {
		submitted = "Déposée le " + fr.DateTime(d.SubmittedAt)
	}
	f.keyValue("Dépôt", submitted, bodyStyle(), keyWidth)
	if d.Level == nil {
		f.keyValue("Niveau", "Non attribué", mutedStyle(), keyWidth)
		return
	}
	f.keyValue("Niveau", levelText(e, *d.Level), labelStyle(), keyWidth)
	if scaleShown(*d.Level) {
		f.need(20)
		f.c.marks(f.left+keyWidth, f.y+2, 14, *d.Level, hexColor(colorPrimary))
		f.y += 20
	}
}

// keyValue draws a key in a left column and its value beside it, both
// wrapped.
func (f *flow) keyValue(key, value string, vs textStyle, keyWidth float64) {
	ks := textStyle{style: bold, size: 9.5, leading: vs.leading, color: hexColor(colorMuted)}
	keys := f.lines(key, ks, keyWidth-8)
	values := f.lines(value, vs, f.width()-keyWidth)
	for i := range max(len(keys), len(values)) {
		f.need(vs.leading)
		if i < len(keys) {
			f.e.text(f.c, f.left, f.y, ks, keys[i])
		}
		if i < len(values) {
			f.e.text(f.c, f.left+keyWidth, f.y, vs, values[i])
		}
		f.y += vs.leading
	}
}
