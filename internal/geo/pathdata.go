package geo

import (
	"math"
	"strconv"
)

// The map frame, in kilometres of Lambert-93: it holds metropolitan France
// and Corsica (eastings 97 to 1 244 km, northings 6 049 to 7 110 km in the
// outlines of 2018) with a margin. One unit of the SVG is one kilometre, so
// whole units are finer than the 5 % simplified outlines and than a pixel
// of any map narrower than 1 180 pixels.
const (
	frameWest   = 80.0   // easting of the frame's left edge
	frameNorth  = 7120.0 // northing of its top edge
	frameWidth  = 1180
	frameHeight = 1080
	sideWidth   = 280 // column of insets and legend, left of the frame
	viewWidth   = sideWidth + frameWidth
	viewHeight  = frameHeight
)

// view places Lambert-93 kilometres in the SVG: x = dx + s·easting,
// y = dy − s·northing, rounded to whole units.
type view struct {
	s, dx, dy float64
}

// mainView is the map frame, one unit a kilometre.
func mainView() view {
	return view{s: 1, dx: sideWidth - frameWest, dy: frameNorth}
}

func (v view) place(c lambertConsts, p Point) (x, y int) {
	e, n := c.project(p)
	return int(math.Round(v.dx + v.s*e/1000)), int(math.Round(v.dy - v.s*n/1000))
}

// toView projects p into the map frame.
func (c lambertConsts) toView(p Point) (x, y int) {
	return mainView().place(c, p)
}

// appendPathData appends the SVG path data of polys: per ring an absolute
// moveto, relative linetos between the rounded points (so rounding errors
// never add up), and a closepath. Repeated points are dropped, and so are
// rings left with fewer than three points (islets under a kilometre).
func appendPathData(buf []byte, c lambertConsts, v view, polys []Polygon) []byte {
	var pts [][2]int
	for _, poly := range polys {
		for _, ring := range poly {
			pts = pts[:0]
			for _, p := range ring {
				x, y := v.place(c, p)
				if n := len(pts); n > 0 && pts[n-1] == [2]int{x, y} {
					continue
				}
				pts = append(pts, [2]int{x, y})
			}
			if n := len(pts); n > 1 && pts[0] == pts[n-1] {
				pts = pts[:n-1]
			}
			if len(pts) < 3 {
				continue
			}
			buf = append(buf, 'M')
			buf = strconv.AppendInt(buf, int64(pts[0][0]), 10)
			buf = appendCoord(buf, pts[0][1])
			buf = append(buf, 'l')
			for i := 1; i < len(pts); i++ {
				dx, dy := pts[i][0]-pts[i-1][0], pts[i][1]-pts[i-1][1]
				if i > 1 {
					buf = appendCoord(buf, dx)
				} else {
					buf = strconv.AppendInt(buf, int64(dx), 10)
				}
				buf = appendCoord(buf, dy)
			}
			buf = append(buf, 'z')
		}
	}
	return buf
}

// appendCoord appends a number that follows another: a minus sign
// separates them by itself, a space otherwise.
func appendCoord(buf []byte, v int) []byte {
	if v >= 0 {
		buf = append(buf, ' ')
	}
	return strconv.AppendInt(buf, int64(v), 10)
}
