package pdf

import (
	"strconv"
	"strings"
)

// tocEntry is a line of the table of contents waiting for its page number.
type tocEntry struct {
	page       int     // page holding the entry
	top, lastY float64 // top of the first and of the last line
	bottom     float64
	textEnd    float64 // end of the title's last line
}

// contents lays out the table of contents; page numbers are added by
// fillContents once the sections are laid out.
func (l *dossierLayout) contents() {
	f, c, e := l.f, l.f.c, l.e
	f.newPage()
	c.add(op{kind: opBookmark, text: "Sommaire", y: f.y})
	f.paragraph("Sommaire", headingStyle(18), 0)
	f.y += 12
	if len(l.d.Sections) == 0 {
		f.paragraph("Ce dossier ne comporte aucune section.", mutedStyle(), 0)
		return
	}
	ts := textStyle{style: regular, size: 11, leading: 17, color: hexColor(colorText)}
	const pageColumn = 44
	for i := range l.d.Sections {
		title := l.sectionTitle(i)
		lines := f.lines(title, ts, f.width()-numberColumn-pageColumn)
		f.need(float64(len(lines)) * ts.leading)
		entry := tocEntry{page: c.page(), top: f.y}
		e.text(c, f.left, f.y, ts, strconv.Itoa(i+1)+".")
		for _, line := range lines {
			e.text(c, f.left+numberColumn, f.y, ts, line)
			entry.lastY = f.y
			entry.textEnd = f.left + numberColumn + f.face(ts.style).stringWidth(line, ts.size)
			f.y += ts.leading
		}
		entry.bottom = f.y
		l.toc = append(l.toc, entry)
		f.y += 3
	}
}

// sectionTitle is the clean title of section i.
func (l *dossierLayout) sectionTitle(i int) string {
	return orDefault(l.e.clean(l.d.Sections[i].Title), "Section "+strconv.Itoa(i+1))
}

// fillContents writes the page numbers, dot leaders and links of the table
// of contents once every section has been laid out.
func (l *dossierLayout) fillContents() {
	f, c, e := l.f, l.f.c, l.e
	ts := textStyle{style: regular, size: 11, leading: 17, color: hexColor(colorText)}
	dots := textStyle{style: regular, size: 11, leading: 17, color: hexColor(colorRule)}
	fc := f.face(regular)
	leader := fc.stringWidth(" .", ts.size)
	for i, entry := range l.toc {
		num := strconv.Itoa(c.targets[l.targets[i]].page)
		numX := f.right - fc.stringWidth(num, ts.size)
		c.drawOn(entry.page, func() {
			if n := int((numX - 6 - entry.textEnd - 4) / leader); n > 0 {
				e.textRight(c, numX-6, entry.lastY, dots, strings.Repeat(" .", n))
			}
			e.text(c, numX, entry.lastY, ts, num)
			c.add(op{kind: opGoto, target: l.targets[i],
				x: f.left, y: entry.top, w: f.width(), h: entry.bottom - entry.top})
		})
	}
}
