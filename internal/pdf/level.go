package pdf

import (
	"math"
	"strconv"
	"strings"
)

// A level is shown in words and, on a numeric scale, as marks: stars drawn
// as shapes rather than glyphs, so that they do not depend on the font.

const markGap = 0.3 // gap between marks, in mark sizes

// scaleShown reports whether a level is drawn with marks: the scale has 1
// to 10 steps and the value lies on it.
func scaleShown(l Level) bool {
	return l.Max >= 1 && l.Max <= 10 && l.Value >= 0 && l.Value <= l.Max
}

// marksWidth is the width of n marks of the given size.
func marksWidth(n int, size float64) float64 {
	if n <= 0 {
		return 0
	}
	return float64(n)*size + float64(n-1)*size*markGap
}

// marks draws l.Max stars of the given size from (x, top), the first
// l.Value of them filled.
func (c *canvas) marks(x, top, size float64, l Level, color rgb) {
	for i := range l.Max {
		cx := x + size/2 + float64(i)*size*(1+markGap)
		c.star(cx, top+size/2, size/2, i < l.Value, color)
	}
}

// star draws a five-pointed star of outer radius r centred on (cx, cy).
func (c *canvas) star(cx, cy, r float64, filled bool, color rgb) {
	pts := make([]point, 10)
	for i := range pts {
		radius := r
		if i%2 == 1 {
			radius = r * 0.42
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = point{cx + radius*math.Cos(a), cy + r*0.08 + radius*math.Sin(a)}
	}
	o := op{kind: opPolygon, points: pts, stroke: true, lineWidth: 0.8, line: color}
	if filled {
		o.fill, o.color = true, color
	}
	c.add(o)
}

// levelText is the level in words: its label, followed by « (niveau trois
// sur cinq) » when it lies on a numeric scale.
func levelText(e *Engine, lv Level) string {
	label := strings.TrimSpace(e.clean(lv.Label))
	if !scaleShown(lv) {
		return orDefault(label, "Niveau "+strconv.Itoa(lv.Value))
	}
	words := "niveau " + numberWord(lv.Value) + " sur " + numberWord(lv.Max)
	if label == "" {
		return strings.ToUpper(words[:1]) + words[1:]
	}
	return label + " (" + words + ")"
}
