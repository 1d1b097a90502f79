package geo

import (
	"bytes"
	"fmt"
	"math"
	"slices"
)

// Zoom names areas to draw again, enlarged, beside the map.
type Zoom struct {
	Title string   // shown above the enlarged areas: « Paris et petite couronne »
	Codes []string // the areas, all among those drawn
}

// PetiteCouronne is the usual zoom of French maps by département: Paris,
// Hauts-de-Seine, Seine-Saint-Denis and Val-de-Marne, each a few
// kilometres wide on the whole map.
func PetiteCouronne() Zoom {
	return Zoom{Title: "Paris et petite couronne", Codes: []string{"75", "92", "93", "94"}}
}

// The zoom box lies over the Bay of Biscay, west of the Landes and north of
// Spain, where the map draws nothing (a test checks that no area reaches
// it).
const (
	zoomX        = sideWidth + 15
	zoomY        = 790
	zoomW        = 210
	zoomH        = frameHeight - 10 - zoomY
	zoomMargin   = 10
	zoomFontSize = 22
	zoomWrap     = 15
)

// writeZoom draws opts.Zoom's areas in the zoom box. It is hidden from
// assistive technologies and its links are left out of the keyboard's
// order: the same areas are on the map itself.
func writeZoom(b *bytes.Buffer, areas []Area, opts MapOptions, scale Scale, proj lambertConsts) error {
	if len(opts.Zoom.Codes) == 0 {
		return nil
	}
	var zoomed []Area
	for _, code := range slices.Sorted(slices.Values(opts.Zoom.Codes)) {
		i := slices.IndexFunc(areas, func(a Area) bool { return a.Code == code })
		if i < 0 {
			return fmt.Errorf("carte : zone « %s » à agrandir absente des contours", code)
		}
		zoomed = append(zoomed, areas[i])
	}
	minE, minN, maxE, maxN := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, a := range zoomed {
		for _, poly := range a.Polygons {
			for _, ring := range poly {
				for _, p := range ring {
					e, n := proj.project(p)
					minE, maxE = math.Min(minE, e/1000), math.Max(maxE, e/1000)
					minN, maxN = math.Min(minN, n/1000), math.Max(maxN, n/1000)
				}
			}
		}
	}
	lines := wrapWords(opts.Zoom.Title, zoomWrap)
	top := float64(zoomY + zoomMargin + len(lines)*(zoomFontSize+4))
	w, h := float64(zoomW-2*zoomMargin), float64(zoomY+zoomH-zoomMargin)-top
	s := math.Min(w/math.Max(maxE-minE, 1), h/math.Max(maxN-minN, 1))
	// Centre the areas in the room left under the title.
	v := view{s: s}
	v.dx = zoomX + zoomMargin + (w-s*(maxE-minE))/2 - s*minE
	v.dy = top + (h-s*(maxN-minN))/2 + s*maxN

	fmt.Fprintf(b, `<g aria-hidden="true" font-size="%d" fill="%s">`+"\n", zoomFontSize, textColour)
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" %s/>`+"\n", zoomX, zoomY, zoomW, zoomH, background, strokeStyle)
	for i, line := range lines {
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`+"\n", zoomX+zoomMargin, zoomY+zoomMargin+(i+1)*(zoomFontSize+4)-4, esc(line))
	}
	b.WriteString(`<g stroke="#4d4d4d" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">` + "\n")
	var d []byte
	for _, a := range zoomed {
		val := opts.Values[a.Code]
		d = appendPathData(d[:0], proj, v, a.Polygons)
		open, closing := "", ""
		if href := opts.link(a.Code); href != "" {
			open, closing = `<a href="`+esc(href)+`" tabindex="-1">`, "</a>"
		}
		fmt.Fprintf(b, `%s<path fill="%s" d="%s"><title>%s</title></path>%s`+"\n",
			open, scale[scale.Index(val)].Fill, d, esc(opts.label(a.Code, a.Name, val)), closing)
	}
	b.WriteString("</g>\n</g>\n")
	return nil
}
