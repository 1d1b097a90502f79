package pdf

import (
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

func (e *Engine) certificateInfo(c *Certificate) docInfo {
	title := "Certificat de labellisation"
	if name := strings.TrimSpace(e.clean(c.Collectivite)); name != "" {
		title += " — " + name
	}
	return docInfo{
		title:   title,
		subject: orDefault(e.clean(c.Scheme), defaultLabel) + campaignSuffix(c.Year),
		created: documentDate(c.Year, c.IssuedAt),
	}
}

// layoutCertificate lays out the landscape, framed certificate on a single
// page: long texts are set smaller, then truncated, to fit.
func (e *Engine) layoutCertificate(cert *Certificate) *canvas {
	c := newCanvas(true)
	c.addPage()
	w, h := c.width, c.height
	cx := w / 2
	textW := w - 200
	c.strokeRect(18, 18, w-36, h-36, 3, hexColor(colorPrimary))
	c.strokeRect(27, 27, w-54, h-54, 0.8, hexColor(colorAccent))
	for _, p := range []point{{27, 27}, {w - 27, 27}, {27, h - 27}, {w - 27, h - 27}} {
		c.star(p.x, p.y, 7, true, hexColor(colorAccent))
	}

	scheme := strings.ToUpper(orDefault(e.clean(cert.Scheme), defaultLabel))
	const top = 52.0
	bottom := h - 82
	first := len(c.pages[0])
	y := top
	y = e.centered(c, cx, y, textW, textStyle{style: bold, size: 14, leading: 20, color: hexColor(colorPrimary)}, scheme, 8)
	y = e.centered(c, cx, y+4, textW, textStyle{style: bold, size: 30, leading: 38, color: hexColor(colorText)}, "Certificat de labellisation", 8)
	if cert.Year > 0 {
		y = e.centered(c, cx, y, textW, textStyle{style: regular, size: 14, leading: 20, color: hexColor(colorMuted)}, "Campagne "+strconv.Itoa(cert.Year), 8)
	}
	y = e.centered(c, cx, y+10, textW, textStyle{style: italic, size: 13, leading: 18, color: hexColor(colorMuted)}, "décerné à", 8)
	name := orDefault(strings.TrimSpace(e.clean(cert.Collectivite)), "Collectivité non renseignée")
	y = e.fitCentered(c, cx, y+2, textW, 76, textStyle{style: bold, size: 30, leading: 38, color: hexColor(colorText)}, name, 16)

	y += 14
	lv := cert.Level
	if scaleShown(lv) {
		y = e.centered(c, cx, y, textW, headingStyle(18), levelText(e, lv), 10)
		const size = 26
		c.marks(cx-marksWidth(lv.Max, size)/2, y+4, size, lv, hexColor(colorPrimary))
		y += size + 22
	} else {
		label := orDefault(strings.TrimSpace(e.clean(lv.Label)), "Niveau "+strconv.Itoa(lv.Value))
		y = e.centered(c, cx, y, textW, headingStyle(26), label, 12)
		y += 10
	}

	mentions := e.mentionLines(cert.Mentions)
	mentionsH := 0.0
	ms := textStyle{style: regular, size: 10.5, leading: 15, color: hexColor(colorText)}
	caption := textStyle{style: bold, size: 10, leading: 15, color: hexColor(colorMuted)}
	if len(mentions) > 0 {
		mentionsH = min(float64(len(mentions))*ms.leading+caption.leading+12, 90)
	}
	if motivation := strings.TrimSpace(e.cleanLines(cert.Motivation)); motivation != "" {
		y = e.centered(c, cx, y, textW, caption, "Motivation du jury", 8)
		ts := textStyle{style: italic, size: 11.5, leading: 16, color: hexColor(colorText)}
		y = e.fitCentered(c, cx, y, textW-80, bottom-mentionsH-y, ts, motivation, 8)
	}
	if len(mentions) > 0 {
		y = e.centered(c, cx, y+12, textW, caption, "Mentions", 8)
		y = e.fitCentered(c, cx, y, textW, bottom-y, ms, strings.Join(mentions, "\n"), 8)
	}
	// Centre the content vertically between the title area and the footer.
	c.shiftDown(1, first, max(0, (bottom-y)/2))

	foot := textStyle{style: italic, size: 10, leading: 14, color: hexColor(colorMuted)}
	if !cert.IssuedAt.IsZero() {
		e.text(c, 60, h-62, foot, "Décerné le "+fr.Date(cert.IssuedAt))
	}
	jury := "Le jury — " + orDefault(e.clean(cert.Scheme), defaultLabel)
	e.textRight(c, w-60, h-62, foot, e.faces[italic].truncate(jury, foot.size, w/2-80))
	return c
}

// mentionLines returns the non-blank, clean mentions.
func (e *Engine) mentionLines(mentions []string) []string {
	var out []string
	for _, m := range mentions {
		if m = strings.TrimSpace(e.clean(m)); m != "" {
			out = append(out, m)
		}
	}
	return out
}

// centered draws text centred on cx with its top at y, shrinking it down
// to minSize (then truncating it) to fit on one line of width w. It returns
// the y below the line.
func (e *Engine) centered(c *canvas, cx, y, w float64, ts textStyle, text string, minSize float64) float64 {
	fc := e.faces[ts.style]
	for ts.size > minSize && fc.stringWidth(text, ts.size) > w {
		ratio := ts.leading / ts.size
		ts.size = max(minSize, ts.size-1)
		ts.leading = ts.size * ratio
	}
	e.textCenter(c, cx, y, ts, fc.truncate(text, ts.size, w))
	return y + ts.leading
}

// fitCentered draws centred, wrapped text within a box of width w and
// height h, setting it smaller (down to minSize points) and then truncating
// it to fit. It returns the y below the text.
func (e *Engine) fitCentered(c *canvas, cx, y, w, h float64, ts textStyle, text string, minSize float64) float64 {
	fc := e.faces[ts.style]
	ratio := ts.leading / ts.size
	var lines []string
	for {
		lines = fc.wrap(text, ts.size, w)
		if float64(len(lines))*ts.leading <= h || ts.size <= minSize {
			break
		}
		ts.size = max(minSize, ts.size-0.5)
		ts.leading = ts.size * ratio
	}
	if fit := max(int(h/ts.leading), 1); len(lines) > fit {
		lines = lines[:fit]
		lines[fit-1] = fc.truncate(lines[fit-1]+"…", ts.size, w)
	}
	for _, line := range lines {
		e.textCenter(c, cx, y, ts, line)
		y += ts.leading
	}
	return y
}
