package pdf

// textStyle is a font, size, line height and colour.
type textStyle struct {
	style   style
	size    float64
	leading float64
	color   rgb
}

// flow lays text out from top to bottom between margins, starting new pages
// as needed.
type flow struct {
	c                        *canvas
	e                        *Engine
	left, right, top, bottom float64
	y                        float64
	onPage                   func() // draws what every new page starts with
}

func (f *flow) newPage() {
	f.c.addPage()
	f.y = f.top
	if f.onPage != nil {
		f.onPage()
	}
}

func (f *flow) width() float64 { return f.right - f.left }

func (f *flow) atTop() bool { return f.y <= f.top+0.01 }

// need starts a new page unless h points fit below the cursor. At the top
// of a page it does nothing: the content is taller than a page and is split
// by the caller.
func (f *flow) need(h float64) {
	if f.y+h > f.bottom && !f.atTop() {
		f.newPage()
	}
}

func (f *flow) face(s style) *face { return f.e.faces[s] }

// baseline returns the baseline of a line of ts whose box starts at top.
func (e *Engine) baseline(top float64, ts textStyle) float64 {
	m := e.faces[ts.style].metrics
	height := ts.size * float64(m.ascent-m.descent) / 1000
	return top + (ts.leading-height)/2 + ts.size*float64(m.ascent)/1000
}

// text draws clean text s on the current page with its line box top at top.
func (e *Engine) text(c *canvas, x, top float64, ts textStyle, s string) {
	if s == "" {
		return
	}
	c.add(op{kind: opText, style: ts.style, size: ts.size, color: ts.color,
		x: x, y: e.baseline(top, ts), text: s})
}

// textRight draws s ending at x.
func (e *Engine) textRight(c *canvas, x, top float64, ts textStyle, s string) {
	e.text(c, x-e.faces[ts.style].stringWidth(s, ts.size), top, ts, s)
}

// textCenter draws s centred on x.
func (e *Engine) textCenter(c *canvas, x, top float64, ts textStyle, s string) {
	e.text(c, x-e.faces[ts.style].stringWidth(s, ts.size)/2, top, ts, s)
}

func (c *canvas) line(x1, y1, x2, y2, width float64, color rgb) {
	c.add(op{kind: opLine, x: x1, y: y1, w: x2 - x1, h: y2 - y1, lineWidth: width, line: color})
}

func (c *canvas) fillRect(x, y, w, h float64, color rgb) {
	c.add(op{kind: opRect, x: x, y: y, w: w, h: h, fill: true, color: color})
}

func (c *canvas) strokeRect(x, y, w, h, width float64, color rgb) {
	c.add(op{kind: opRect, x: x, y: y, w: w, h: h, stroke: true, lineWidth: width, line: color})
}

// paragraph wraps clean text to the flow width minus indent and draws it
// line by line, breaking pages between lines.
func (f *flow) paragraph(s string, ts textStyle, indent float64) {
	for _, l := range f.face(ts.style).wrap(s, ts.size, f.width()-indent) {
		f.need(ts.leading)
		f.e.text(f.c, f.left+indent, f.y, ts, l)
		f.y += ts.leading
	}
}

// lines returns the lines of clean text s wrapped to width w.
func (f *flow) lines(s string, ts textStyle, w float64) []string {
	return f.face(ts.style).wrap(s, ts.size, w)
}

// link draws clean text s as a clickable, underlined link to url.
func (f *flow) link(s, url string, ts textStyle, indent float64) {
	fc := f.face(ts.style)
	for _, l := range fc.wrap(s, ts.size, f.width()-indent) {
		f.need(ts.leading)
		x := f.left + indent
		w := fc.stringWidth(l, ts.size)
		f.e.text(f.c, x, f.y, ts, l)
		base := f.e.baseline(f.y, ts)
		f.c.line(x, base+1.2, x+w, base+1.2, 0.5, ts.color)
		f.c.add(op{kind: opURI, x: x, y: f.y, w: w, h: ts.leading, text: url})
		f.y += ts.leading
	}
}
