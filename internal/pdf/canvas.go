package pdf

// The layout code draws on a canvas: a display list of pages of drawing
// operations in points, origin at the top left. Laying out before emitting
// gives the page count and the page of every section before anything is
// written, so the table of contents and the « page X / N » footers need a
// single pass, and it lets the per-document font encoding see every
// character first (see encoding.go).

const (
	a4Width  = 595.28
	a4Height = 841.89
)

type rgb struct{ r, g, b uint8 }

type opKind uint8

const (
	opText     opKind = iota // text at (x, baseline y)
	opLine                   // segment from (x, y) to (x+w, y+h)
	opRect                   // rectangle, filled with color and/or stroked with line
	opPolygon                // closed polygon through points
	opURI                    // clickable area (x, y, w, h) opening url
	opGoto                   // clickable area (x, y, w, h) jumping to targets[target]
	opBookmark               // outline entry text at (page, y), level in target
)

type point struct{ x, y float64 }

type op struct {
	kind       opKind
	style      style
	fill       bool
	stroke     bool
	size       float64 // font size
	lineWidth  float64
	x, y, w, h float64
	color      rgb // text or fill color
	line       rgb // stroke color
	text       string
	points     []point
	target     int
}

// target is the destination of an internal link.
type target struct {
	page int // 1-based
	y    float64
}

type canvas struct {
	width, height float64
	landscape     bool
	pages         [][]op
	targets       []target
	at            int // page that add draws on, 1-based; 0 = the last page
}

func newCanvas(landscape bool) *canvas {
	if landscape {
		return &canvas{width: a4Height, height: a4Width, landscape: true}
	}
	return &canvas{width: a4Width, height: a4Height}
}

func (c *canvas) addPage() { c.pages = append(c.pages, make([]op, 0, opsPerPage)) }

// opsPerPage is the initial capacity of a page's operation list, enough for
// a page of text without growing it.
const opsPerPage = 160

// page returns the current page number, 1-based.
func (c *canvas) page() int { return len(c.pages) }

func (c *canvas) add(o op) {
	p := len(c.pages)
	if c.at > 0 && c.at <= p {
		p = c.at
	}
	if p == 0 {
		return
	}
	c.pages[p-1] = append(c.pages[p-1], o)
}

// drawOn runs draw with add drawing on page p (1-based) instead of the
// last page.
func (c *canvas) drawOn(p int, draw func()) {
	c.at = p
	draw()
	c.at = 0
}

// newTarget records a link destination on the current page.
func (c *canvas) newTarget(y float64) int {
	c.targets = append(c.targets, target{page: c.page(), y: y})
	return len(c.targets) - 1
}

// shiftDown moves the operations of page p (1-based) from index from on by
// dy points.
func (c *canvas) shiftDown(p, from int, dy float64) {
	ops := c.pages[p-1]
	for i := from; i < len(ops); i++ {
		ops[i].y += dy
		for j := range ops[i].points {
			ops[i].points[j].y += dy
		}
	}
}
