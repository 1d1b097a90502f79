package pdf

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/fr"
)

// Booklet is the palmarès of one edition, for the ceremony: every
// laureate, by level.
type Booklet struct {
	Year   int
	Groups []BookletGroup
	// PublishedAt dates the document.
	PublishedAt time.Time
}

// BookletGroup is the laureates of one level.
type BookletGroup struct {
	Level     string
	Laureates []BookletLaureate
}

// BookletLaureate is one laureate.
type BookletLaureate struct {
	Name, Place string
	Mentions    []string
	Motivation  string
}

// Booklet renders the palmarès booklet of an edition.
func (e *Engine) Booklet(w io.Writer, b *Booklet) (err error) {
	if b == nil {
		return errors.New("pdf: nil booklet")
	}
	defer recoverError(&err)
	c := newCanvas(false)
	f := &flow{c: c, e: e, left: marginX, right: c.width - marginX, top: contentTop, bottom: contentBelow}
	title := "Palmarès " + strconv.Itoa(b.Year) + " du label " + defaultLabel
	f.newPage()
	f.paragraph(title, headingStyle(22), 0)
	n := 0
	for _, g := range b.Groups {
		n += len(g.Laureates)
	}
	f.y += 6
	f.paragraph(e.clean(fr.Count(n, "collectivité lauréate", "collectivités lauréates")), mutedStyle(), 0)
	f.y += 12
	for _, g := range b.Groups {
		f.need(60)
		heading := e.clean(g.Level) + " — " + e.clean(fr.Count(len(g.Laureates), "lauréat", "lauréats"))
		c.add(op{kind: opBookmark, text: heading, y: f.y})
		f.paragraph(heading, headingStyle(16), 0)
		f.y += 3
		c.line(f.left, f.y, f.right, f.y, 1.2, hexColor(colorPrimary))
		f.y += 8
		for _, l := range g.Laureates {
			f.need(40)
			name := e.clean(l.Name)
			if p := e.clean(l.Place); strings.TrimSpace(p) != "" {
				name += " (" + p + ")"
			}
			f.paragraph(name, labelStyle(), 0)
			if len(l.Mentions) > 0 {
				f.paragraph("Mentions : "+e.clean(strings.Join(l.Mentions, " ; ")), mutedStyle(), 12)
			}
			if m := strings.TrimSpace(e.cleanLines(l.Motivation)); m != "" {
				f.paragraph(m, bodyStyle(), 12)
			}
			f.y += 6
		}
		f.y += 8
	}
	ss := smallStyle()
	pages := c.page()
	for p := 1; p <= pages; p++ {
		c.drawOn(p, func() {
			e.text(c, marginX, 40, ss, title)
			e.textRight(c, c.width-marginX, 800, ss, "page "+strconv.Itoa(p)+" / "+strconv.Itoa(pages))
		})
	}
	return e.emit(w, c, docInfo{title: title, subject: defaultLabel + campaignSuffix(b.Year), created: b.PublishedAt})
}
