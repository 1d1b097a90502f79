package pdf

import (
	"strconv"
	"strings"
)

const defaultLabel = "Territoire Numérique Libre"

// Portrait page geometry, in points.
const (
	marginX      = 56.0
	contentTop   = 78.0  // below the running header
	contentBelow = 772.0 // above the running footer
	numberColumn = 30.0  // width of the question numbers
)

// dossierLayout lays a dossier out on a canvas.
type dossierLayout struct {
	e            *Engine
	d            *Dossier
	f            *flow
	label        string
	collectivite string
	reference    string
	toc          []tocEntry
	targets      []int // canvas target of each section
}

// layoutDossier lays out the cover page, the table of contents and one
// page break per section, then the running headers and footers.
func (e *Engine) layoutDossier(d *Dossier) *canvas {
	c := newCanvas(false)
	l := &dossierLayout{
		e: e,
		d: d,
		f: &flow{c: c, e: e, left: marginX, right: c.width - marginX,
			top: contentTop, bottom: contentBelow},
		label:        orDefault(e.clean(d.Label), defaultLabel),
		collectivite: e.clean(d.Collectivite.Name),
		reference:    e.clean(d.Reference),
	}
	l.cover()
	l.contents()
	l.targets = make([]int, len(d.Sections))
	for i := range d.Sections {
		l.section(i)
	}
	l.fillContents()
	l.decorate()
	return c
}

// title is the document's title.
func (d *Dossier) title() string {
	if d.Blank && strings.TrimSpace(d.Title) == "" {
		return "Questionnaire vierge"
	}
	if strings.TrimSpace(d.Title) == "" {
		return "Dossier de candidature"
	}
	return d.Title
}

// dossierInfo is the metadata of a dossier.
func (e *Engine) dossierInfo(d *Dossier) docInfo {
	title := d.title()
	if name := e.clean(d.Collectivite.Name); strings.TrimSpace(name) != "" {
		title += " — " + name
	}
	return docInfo{
		title:   title,
		subject: orDefault(e.clean(d.Label), defaultLabel) + campaignSuffix(d.Year),
		created: documentDate(d.Year, d.GeneratedAt, d.SubmittedAt),
	}
}

// section lays out section i from a new page.
func (l *dossierLayout) section(i int) {
	f, c := l.f, l.f.c
	s := &l.d.Sections[i]
	f.newPage()
	l.targets[i] = c.newTarget(f.y)
	title := strconv.Itoa(i+1) + ". " + l.sectionTitle(i)
	c.add(op{kind: opBookmark, text: title, y: f.y})
	f.paragraph(title, headingStyle(16), 0)
	f.y += 3
	c.line(f.left, f.y, f.right, f.y, 1.2, hexColor(colorPrimary))
	f.y += 10
	if intro := strings.TrimSpace(l.e.cleanLines(s.Intro)); intro != "" {
		l.paragraphs(intro, mutedStyle(), 0)
		f.y += 8
	}
	for j := range s.Items {
		l.item(i, j, &s.Items[j])
	}
}

// item lays out a question and its answer.
func (l *dossierLayout) item(si, ii int, it *Item) {
	f, e := l.f, l.e
	ls := labelStyle()
	label := e.clean(it.Label)
	lines := f.lines(label, ls, f.width()-numberColumn)
	// Keep the question with the first line of its answer.
	f.need(float64(len(lines))*ls.leading + 2 + bodyStyle().leading)
	num := textStyle{style: bold, size: ls.size, leading: ls.leading, color: hexColor(colorPrimary)}
	e.text(f.c, f.left, f.y, num, strconv.Itoa(si+1)+"."+strconv.Itoa(ii+1))
	for _, line := range lines {
		f.need(ls.leading)
		e.text(f.c, f.left+numberColumn, f.y, ls, line)
		f.y += ls.leading
	}
	f.y += 2
	l.answer(&it.Answer, numberColumn)
	f.y += 10
}

// pageOf formats « page 2 / 9 ».
func pageOf(p, n int) string {
	return "page " + strconv.Itoa(p) + " / " + strconv.Itoa(n)
}

// decorate draws the running headers and the « page X / N » footers.
func (l *dossierLayout) decorate() {
	f, c, e := l.f, l.f.c, l.e
	n := c.page()
	ss := smallStyle()
	bs := textStyle{style: bold, size: ss.size, leading: ss.leading, color: ss.color}
	left := l.label + campaignSuffix(l.d.Year)
	footer := l.d.title()
	if strings.TrimSpace(l.reference) != "" {
		footer += " · réf. " + l.reference
	}
	for p := 1; p <= n; p++ {
		c.drawOn(p, func() {
			if p > 1 {
				e.text(c, f.left, 36, ss, f.face(regular).truncate(left, ss.size, f.width()*0.55))
				e.textRight(c, f.right, 36, bs, f.face(bold).truncate(l.collectivite, bs.size, f.width()*0.42))
				c.line(f.left, 50, f.right, 50, 0.5, hexColor(colorRule))
			}
			c.line(f.left, 790, f.right, 790, 0.5, hexColor(colorRule))
			e.text(c, f.left, 795, ss, f.face(regular).truncate(footer, ss.size, f.width()*0.7))
			e.textRight(c, f.right, 795, ss, pageOf(p, n))
		})
	}
}
