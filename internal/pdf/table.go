package pdf

import "strings"

const (
	maxColumns     = 10 // further cells are merged into the last column
	maxHeaderLines = 4  // longer header cells are truncated
	cellPadX       = 4.0
	cellPadY       = 3.0
	tableSize      = 8.5
	tableLead      = 11.0
	tableBorder    = 0.5
)

// gridTable is a table with clean text and the same number of cells in
// every row.
type gridTable struct {
	header []string // nil when the table has no header
	rows   [][]string
	cols   int
}

// cleanTable normalises a table answer, or returns nil when it has no cell
// with text.
func (l *dossierLayout) cleanTable(t *Table) *gridTable {
	if t == nil {
		return nil
	}
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	cols = min(cols, maxColumns)
	if cols == 0 {
		return nil
	}
	g := &gridTable{cols: cols}
	text := false
	row := func(cells []string) []string {
		out := make([]string, cols)
		for i, c := range cells {
			c = strings.TrimSpace(l.e.cleanLines(c))
			j := min(i, cols-1)
			if i > j && c != "" {
				if out[j] != "" {
					out[j] += " · "
				}
				out[j] += c
			} else if i == j {
				out[j] = c
			}
			text = text || c != ""
		}
		return out
	}
	if len(t.Header) > 0 {
		g.header = row(t.Header)
	}
	for _, r := range t.Rows {
		g.rows = append(g.rows, row(r))
	}
	if !text {
		return nil
	}
	return g
}

func tableHeaderStyle() textStyle {
	return textStyle{style: bold, size: tableSize, leading: tableLead, color: hexColor(colorText)}
}

func tableBodyStyle() textStyle {
	return textStyle{style: regular, size: tableSize, leading: tableLead, color: hexColor(colorText)}
}

// table draws g indented by indent. Rows break across pages, the header is
// repeated at the top of every page and a row taller than a page is split
// between its lines.
func (f *flow) table(g *gridTable, indent float64) {
	hs, bs := tableHeaderStyle(), tableBodyStyle()
	x0 := f.left + indent
	widths := f.columnWidths(g, f.width()-indent)
	wrapRow := func(cells []string, ts textStyle) ([][]string, int) {
		lines := make([][]string, len(cells))
		n := 1
		for c, cell := range cells {
			lines[c] = f.lines(cell, ts, widths[c]-2*cellPadX)
			n = max(n, len(lines[c]))
		}
		return lines, n
	}
	var header [][]string
	headerH := 0.0
	if g.header != nil {
		header, _ = wrapRow(g.header, hs)
		for c := range header {
			if len(header[c]) > maxHeaderLines {
				header[c] = header[c][:maxHeaderLines]
				last := header[c][maxHeaderLines-1] + "…"
				header[c][maxHeaderLines-1] = f.face(bold).truncate(last, tableSize, widths[c]-2*cellPadX)
			}
		}
		headerH = float64(maxLen(header))*tableLead + 2*cellPadY
	}
	drawHeader := func() {
		if header != nil {
			f.tableRow(x0, widths, header, 0, maxLen(header), hs, hexColor(colorHeaderRow), true)
		}
	}
	f.need(headerH + tableLead + 2*cellPadY)
	drawHeader()
	for i, cells := range g.rows {
		lines, n := wrapRow(cells, bs)
		h := float64(n)*tableLead + 2*cellPadY
		fresh := false // a page was just started: draw at least one line
		if f.y+h > f.bottom && h <= f.bottom-f.top-headerH {
			f.newPage()
			drawHeader()
			fresh = true
		}
		for start := 0; start < n; {
			fit := int((f.bottom - f.y - 2*cellPadY) / tableLead)
			if fit < 1 {
				if !fresh {
					f.newPage()
					drawHeader()
					fresh = true
					continue
				}
				fit = 1
			}
			end := min(n, start+fit)
			f.tableRow(x0, widths, lines, start, end, bs, hexColor(colorZebra), i%2 == 1)
			start = end
			if start < n {
				f.newPage()
				drawHeader()
				fresh = true
			}
		}
	}
}

func maxLen(lines [][]string) int {
	n := 0
	for _, l := range lines {
		n = max(n, len(l))
	}
	return n
}

// tableRow draws lines [start, end) of every cell of a row at the cursor.
func (f *flow) tableRow(x0 float64, widths []float64, lines [][]string, start, end int, ts textStyle, fill rgb, filled bool) {
	end = min(end, maxLen(lines))
	h := float64(end-start)*tableLead + 2*cellPadY
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if filled {
		f.c.fillRect(x0, f.y, total, h, fill)
	}
	f.c.strokeRect(x0, f.y, total, h, tableBorder, hexColor(colorRule))
	x := x0
	for c, w := range widths {
		if c > 0 {
			f.c.line(x, f.y, x, f.y+h, tableBorder, hexColor(colorRule))
		}
		for li := start; li < end && li < len(lines[c]); li++ {
			f.e.text(f.c, x+cellPadX, f.y+cellPadY+float64(li-start)*tableLead, ts, lines[c][li])
		}
		x += w
	}
	f.y += h
}

// columnWidths shares avail between the columns.
func (f *flow) columnWidths(g *gridTable, avail float64) []float64 {
	natural := make([]float64, g.cols)
	measure := func(cells []string, fc *face) {
		for c, cell := range cells {
			for _, line := range strings.Split(cell, "\n") {
				natural[c] = max(natural[c], fc.stringWidth(line, tableSize)+2*cellPadX)
			}
		}
	}
	if g.header != nil {
		measure(g.header, f.face(bold))
	}
	for _, r := range g.rows {
		measure(r, f.face(regular))
	}
	// Columns narrower than their fair share keep their natural width; the
	// others share what is left in proportion to their natural width.
	widths := make([]float64, g.cols)
	fixed := make([]bool, g.cols)
	remaining, open := avail, g.cols
	for changed := true; changed && open > 0; {
		changed = false
		fair := remaining / float64(open)
		for c := range widths {
			if !fixed[c] && natural[c] <= fair {
				widths[c], fixed[c] = natural[c], true
				remaining -= natural[c]
				open--
				changed = true
			}
		}
	}
	if open == 0 {
		// Everything fits: stretch the table to the full width.
		for c := range widths {
			widths[c] *= avail / (avail - remaining)
		}
		return widths
	}
	sumOpen := 0.0
	for c := range widths {
		if !fixed[c] {
			sumOpen += natural[c]
		}
	}
	for c := range widths {
		if !fixed[c] {
			widths[c] = remaining * natural[c] / sumOpen
		}
	}
	// A proportional share alone would let one huge cell (a long address
	// without spaces) squeeze its neighbours to a letter per line: every
	// open column keeps at least half its fair share, taken from the
	// columns above that floor in proportion to their excess.
	floor := remaining / float64(open) / 2
	deficit, excess := 0.0, 0.0
	for c := range widths {
		if fixed[c] {
			continue
		}
		if widths[c] < floor {
			deficit += floor - widths[c]
			widths[c] = floor
		} else {
			excess += widths[c] - floor
		}
	}
	if deficit > 0 && excess > 0 {
		for c := range widths {
			if !fixed[c] && widths[c] > floor {
				widths[c] -= (widths[c] - floor) * deficit / excess
			}
		}
	}
	return widths
}
