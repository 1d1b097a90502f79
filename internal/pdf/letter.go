package pdf

import (
	"errors"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/fr"
)

// Letter is the view of a mailing letter to a mairie: every string already
// written in French, the placeholders of the campaign's letter filled.
type Letter struct {
	Sender      string   // « Association des maires du Nord », at the top left
	SenderLines []string // the sender's address and contact, under its name
	Recipient   []string // the address block, in the window of a DL envelope
	Place       string   // where it is written: « Lille »
	Date        time.Time
	Subject     string // « Objet : … » without « Objet : »
	Opening     string // « Madame la Maire, »
	Body        string // paragraphs separated by blank lines
	// Link and Code are the short link that opens the request form already
	// filled, and the personal code it carries; they are printed framed
	// under the body.
	Link      string
	Code      string
	Signature string // one line each: name, title
	Footer    string // small print at the bottom of every page
}

// LetterRenderer renders the mailing letters: one PDF per mairie, and the
// letters of a whole campaign as one PDF for postal mailing.
type LetterRenderer interface {
	Letter(w io.Writer, l *Letter) error
	Letters(w io.Writer, ls iter.Seq[*Letter]) error
}

var _ LetterRenderer = (*Engine)(nil)

// Letter renders one letter.
func (e *Engine) Letter(w io.Writer, l *Letter) (err error) {
	if l == nil {
		return errors.New("pdf: nil letter")
	}
	defer recoverError(&err)
	return e.emit(w, e.layoutLetter(l), e.letterInfo(l))
}

// Letters renders letters as one document, each starting on a new page,
// for printing: the fonts are embedded once, so a page costs a few
// kilobytes. The sequence is read twice and each letter laid out twice,
// once to collect the characters of the document's encoding and once to
// write it, rather than kept in memory: a campaign to every commune of
// France is 35 000 letters.
func (e *Engine) Letters(w io.Writer, ls iter.Seq[*Letter]) (err error) {
	defer recoverError(&err)
	rc := newRuneCounts()
	n := 0
	var first *Letter
	for l := range ls {
		if l == nil {
			return errors.New("pdf: nil letter")
		}
		if first == nil {
			first = l
		}
		rc.add(e.layoutLetter(l))
		n++
	}
	info := docInfo{title: "Courriers", subject: "Courriers aux mairies"}
	if first != nil {
		info = e.letterInfo(first)
		info.title = "Courriers — " + fr.Count(n, "lettre", "lettres")
	}
	return e.emitParts(w, rc.encoding(), false, info, func(yield func(*canvas) bool) {
		for l := range ls {
			if !yield(e.layoutLetter(l)) {
				return
			}
		}
	})
}

func (e *Engine) letterInfo(l *Letter) docInfo {
	title := "Courrier"
	if len(l.Recipient) > 0 {
		title += " — " + strings.TrimSpace(e.clean(l.Recipient[len(l.Recipient)/2]))
	}
	return docInfo{title: title, subject: strings.TrimSpace(e.clean(l.Subject)), created: documentDate(2026, l.Date)}
}

// Positions of a French letter for a DL window envelope (NF Z 10-011): the
// address block 100 mm from the left edge, 45 to 90 mm from the top.
const (
	letterMargin   = 62.0
	addressLeft    = 283.0 // 100 mm
	addressTop     = 128.0 // 45 mm
	letterBottom   = 780.0
	letterFontSize = 10.5
)

func letterBody() textStyle {
	return textStyle{style: regular, size: letterFontSize, leading: 15, color: hexColor(colorText)}
}

// layoutLetter lays a letter out: sender, address, place and date,
// subject, body, the framed link, signature; a long body continues on
// more pages, each with the footer.
func (e *Engine) layoutLetter(l *Letter) *canvas {
	c := newCanvas(false)
	f := &flow{c: c, e: e, left: letterMargin, right: c.width - letterMargin, top: 70, bottom: letterBottom}
	f.newPage()
	body := letterBody()

	// Sender, top left.
	y := 56.0
	if s := strings.TrimSpace(e.clean(l.Sender)); s != "" {
		ss := textStyle{style: bold, size: 12, leading: 16, color: hexColor(colorPrimary)}
		for _, line := range f.lines(s, ss, f.width()) {
			e.text(c, f.left, y, ss, line)
			y += ss.leading
		}
	}
	small := textStyle{style: regular, size: 9, leading: 12, color: hexColor(colorMuted)}
	for _, line := range l.SenderLines {
		if line = strings.TrimSpace(e.clean(line)); line != "" {
			e.text(c, f.left, y, small, f.face(regular).truncate(line, small.size, addressLeft-letterMargin-20))
			y += small.leading
		}
	}
	// Address block, in the envelope's window.
	ay := addressTop
	for _, line := range l.Recipient {
		if line = strings.TrimSpace(e.clean(line)); line != "" {
			e.text(c, addressLeft, ay, body, f.face(regular).truncate(line, body.size, f.right-addressLeft))
			ay += body.leading
		}
	}
	f.y = max(y, ay, 255) + 10
	if !l.Date.IsZero() || l.Place != "" {
		dateLine := "Le " + fr.Date(l.Date)
		if place := strings.TrimSpace(e.clean(l.Place)); place != "" {
			dateLine = "À " + place + ", le " + fr.Date(l.Date)
		}
		if l.Date.IsZero() {
			dateLine = "À " + strings.TrimSpace(e.clean(l.Place))
		}
		e.textRight(c, f.right, f.y, body, dateLine)
		f.y += body.leading * 2
	}
	if s := strings.TrimSpace(e.clean(l.Subject)); s != "" {
		bs := textStyle{style: bold, size: letterFontSize, leading: 15, color: hexColor(colorText)}
		f.paragraph("Objet : "+s, bs, 0)
		f.y += body.leading
	}
	if s := strings.TrimSpace(e.clean(l.Opening)); s != "" {
		f.paragraph(s, body, 0)
		f.y += body.leading / 2
	}
	for _, p := range letterParagraphs(e.cleanLines(l.Body)) {
		f.paragraph(p, body, 0)
		f.y += body.leading / 2
	}
	if link := strings.TrimSpace(e.clean(l.Link)); link != "" {
		e.letterLinkBox(f, link, strings.TrimSpace(e.clean(l.Code)))
	}
	if sig := strings.TrimSpace(e.cleanLines(l.Signature)); sig != "" {
		lines := strings.Split(sig, "\n")
		f.need(float64(len(lines)+1) * body.leading)
		f.y += body.leading
		x := (f.left + f.right) / 2
		for _, line := range lines {
			e.text(c, x, f.y, body, f.face(regular).truncate(strings.TrimSpace(line), body.size, f.right-x))
			f.y += body.leading
		}
	}
	footer := strings.TrimSpace(e.clean(l.Footer))
	n := c.page()
	for p := 1; p <= n; p++ {
		c.drawOn(p, func() {
			ss := smallStyle()
			c.line(f.left, 795, f.right, 795, 0.5, hexColor(colorRule))
			if footer != "" {
				e.text(c, f.left, 800, ss, f.face(regular).truncate(footer, ss.size, f.width()*0.8))
			}
			if n > 1 {
				e.textRight(c, f.right, 800, ss, pageOf(p, n))
			}
		})
	}
	return c
}

// letterLinkBox draws the framed short link and personal code.
func (e *Engine) letterLinkBox(f *flow, link, code string) {
	body := letterBody()
	bold := textStyle{style: bold, size: 12, leading: 17, color: hexColor(colorPrimary)}
	intro := "Pour demander la visite, ouvrez cette adresse (le formulaire est déjà rempli pour votre commune) :"
	introLines := f.lines(intro, body, f.width()-24)
	linkLines := f.lines(link, bold, f.width()-24)
	h := 12 + float64(len(introLines))*body.leading + float64(len(linkLines))*bold.leading + 10
	if code != "" {
		h += body.leading
	}
	f.need(h + 8)
	f.y += 4
	top := f.y
	f.c.fillRect(f.left, top, f.width(), h, hexColor(colorZebra))
	f.c.strokeRect(f.left, top, f.width(), h, 0.8, hexColor(colorPrimary))
	y := top + 8
	for _, l := range introLines {
		e.text(f.c, f.left+12, y, body, l)
		y += body.leading
	}
	for _, l := range linkLines {
		e.text(f.c, f.left+12, y, bold, l)
		w := f.face(bold.style).stringWidth(l, bold.size)
		f.c.add(op{kind: opURI, x: f.left + 12, y: y, w: w, h: bold.leading, text: link})
		y += bold.leading
	}
	if code != "" {
		e.text(f.c, f.left+12, y, body, "Votre code personnel : "+code)
	}
	f.y = top + h + 8
}

// letterParagraphs splits text at blank lines, joining the lines of each
// paragraph with spaces.
func letterParagraphs(s string) []string {
	var out []string
	for _, block := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		// Only ASCII spaces and line breaks separate words: the no-break
		// spaces of French typography stay.
		words := strings.FieldsFunc(block, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' })
		if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
		}
	}
	return out
}
