// Package badge draws the SVG badge a laureate collectivité puts on its own
// website, and the HTML snippet that shows it with a link to its public
// page.
//
// The badge is real SVG text (no paths), with role="img", a <title> and a
// <desc> for screen readers, and no external resource. Its natural size is
// its smallest legible size: its viewBox is 120 × 132 user units, so at
// 120 px wide one unit is one CSS pixel, and no text is smaller than 11 px
// there, the size of the shields.io badges read on countless project
// pages. The snippet refuses narrower widths.
package badge

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/cleantext"
)

// Badge says what the badge shows.
type Badge struct {
	// Year of the campaign, from 2016, when the label began.
	Year int
	// Level is the level's short name as printed: « Niveau 4 », « Or ».
	Level string
	// Collectivite is the laureate's name, « Ville de Montpellier », in the
	// badge's title and description.
	Collectivite string
}

// The geometry, in user units (CSS pixels at the minimal width).
const (
	// Width and Height are the badge's natural and minimal size.
	Width  = 120
	Height = 132
	// MinFontSize is the smallest font size used, in user units.
	MinFontSize = 11

	labelFontSize = 14
	yearFontSize  = 20
	levelFontSize = 16
	bandX         = 8
	bandWidth     = Width - 2*bandX
	bandPadding   = 4
	// boldEmWidth bounds the average advance of a bold character, in em,
	// for the fonts named in fontFamily (Arial Bold averages about 0.6 em
	// over French text, DejaVu Sans Bold about 0.65): widths estimated with
	// it are upper bounds.
	boldEmWidth = 0.68
	fontFamily  = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif"
)

// The label's name, on three lines.
const labelLines = "Territoire\nNumérique\nLibre"

// check validates and cleans the badge.
func (b Badge) check() (Badge, error) {
	if b.Year < 2016 || b.Year > 9999 {
		return b, fmt.Errorf("badge: year %d is not a campaign of the label (2016 on)", b.Year)
	}
	for _, f := range []*string{&b.Level, &b.Collectivite} {
		c, err := cleantext.Clean(*f)
		if err != nil {
			return b, fmt.Errorf("badge: %w", err)
		}
		*f = strings.Join(strings.Fields(c), " ")
	}
	if b.Level == "" {
		return b, errors.New("badge: the level is required")
	}
	if b.Collectivite == "" {
		return b, errors.New("badge: the collectivité is required")
	}
	if _, err := levelFont(b.Level); err != nil {
		return b, err
	}
	return b, nil
}

// levelFont returns the font size that fits the level's name in the band:
// the usual size, or smaller down to MinFontSize; an error below.
func levelFont(level string) (int, error) {
	n := utf8.RuneCountInString(level)
	for size := levelFontSize; size >= MinFontSize; size-- {
		if TextWidth(n, size) <= bandWidth-2*bandPadding {
			return size, nil
		}
	}
	return 0, fmt.Errorf("badge: the level %q is too long to be legible on the badge (%d characters)", level, n)
}

// TextWidth is the estimated upper bound of the width of n bold characters
// at the given font size, in user units.
func TextWidth(n, fontSize int) float64 {
	return float64(n) * float64(fontSize) * boldEmWidth
}

// Title returns the badge's accessible name, also the image's alt text:
// « Label Territoire Numérique Libre 2025 : niveau Or — Ville de … ».
func Title(b Badge) (string, error) {
	b, err := b.check()
	if err != nil {
		return "", err
	}
	return title(b), nil
}

func title(b Badge) string {
	return fmt.Sprintf("Label Territoire Numérique Libre %d\u00a0: %s — %s", b.Year, levelPhrase(b.Level), b.Collectivite)
}

func description(b Badge) string {
	return fmt.Sprintf("%s a obtenu en %d le label Territoire Numérique Libre, %s, décerné par l’ADULLACT aux collectivités qui utilisent et promeuvent les logiciels libres.",
		b.Collectivite, b.Year, levelPhrase(b.Level))
}

// levelPhrase returns « niveau 4 » for « Niveau 4 », « niveau Or » for « Or ».
func levelPhrase(level string) string {
	if rest, ok := strings.CutPrefix(level, "Niveau "); ok {
		return "niveau " + rest
	}
	if rest, ok := strings.CutPrefix(level, "niveau "); ok {
		return "niveau " + rest
	}
	return "niveau " + level
}

// The SVG document.
type (
	svgDoc struct {
		XMLName    xml.Name `xml:"http://www.w3.org/2000/svg svg"`
		Role       string   `xml:"role,attr"`
		LabelledBy string   `xml:"aria-labelledby,attr"`
		Lang       string   `xml:"lang,attr"`
		Width      int      `xml:"width,attr"`
		Height     int      `xml:"height,attr"`
		ViewBox    string   `xml:"viewBox,attr"`
		Title      svgText  `xml:"title"`
		Desc       svgText  `xml:"desc"`
		Group      svgGroup `xml:"g"`
	}
	svgGroup struct {
		Hidden     string `xml:"aria-hidden,attr"`
		FontFamily string `xml:"font-family,attr"`
		FontWeight string `xml:"font-weight,attr"`
		TextAnchor string `xml:"text-anchor,attr"`
		Items      []any
	}
	svgText struct {
		ID   string `xml:"id,attr,omitempty"`
		Text string `xml:",chardata"`
	}
	svgRect struct {
		XMLName     xml.Name `xml:"rect"`
		X           float64  `xml:"x,attr"`
		Y           float64  `xml:"y,attr"`
		Width       float64  `xml:"width,attr"`
		Height      float64  `xml:"height,attr"`
		RX          float64  `xml:"rx,attr"`
		Fill        string   `xml:"fill,attr"`
		Stroke      string   `xml:"stroke,attr,omitempty"`
		StrokeWidth float64  `xml:"stroke-width,attr,omitempty"`
	}
	svgLabel struct {
		XMLName  xml.Name `xml:"text"`
		X        float64  `xml:"x,attr"`
		Y        float64  `xml:"y,attr"`
		FontSize int      `xml:"font-size,attr"`
		Fill     string   `xml:"fill,attr"`
		Text     string   `xml:",chardata"`
	}
)

// SVG returns the badge as a standalone SVG document, deterministic.
func SVG(b Badge) ([]byte, error) {
	b, err := b.check()
	if err != nil {
		return nil, err
	}
	col := ColoursFor(b.Level)
	size, _ := levelFont(b.Level) // checked by check
	const cx = Width / 2
	items := []any{
		svgRect{X: 1, Y: 1, Width: Width - 2, Height: Height - 2, RX: 10, Fill: white, Stroke: col.Border, StrokeWidth: 2},
	}
	for i, line := range strings.Split(labelLines, "\n") {
		items = append(items, svgLabel{X: cx, Y: float64(20 + 17*i), FontSize: labelFontSize, Fill: dark, Text: line})
	}
	items = append(items,
		svgRect{X: bandX, Y: 64, Width: bandWidth, Height: 32, RX: 6, Fill: col.Fill},
		// Capitals are about 0.7 em high: centred in the band, the baseline
		// sits 0.35 em below its middle.
		svgLabel{X: cx, Y: math.Round((80+0.35*float64(size))*10) / 10, FontSize: size, Fill: col.Text, Text: b.Level},
		svgLabel{X: cx, Y: 120, FontSize: yearFontSize, Fill: dark, Text: strconv.Itoa(b.Year)},
	)
	doc := svgDoc{
		Role:       "img",
		LabelledBy: "tnl-badge-titre tnl-badge-desc",
		Lang:       "fr",
		Width:      Width,
		Height:     Height,
		ViewBox:    fmt.Sprintf("0 0 %d %d", Width, Height),
		Title:      svgText{ID: "tnl-badge-titre", Text: title(b)},
		Desc:       svgText{ID: "tnl-badge-desc", Text: description(b)},
		Group:      svgGroup{Hidden: "true", FontFamily: fontFamily, FontWeight: "bold", TextAnchor: "middle", Items: items},
	}
	var out bytes.Buffer
	out.WriteString(xml.Header)
	enc := xml.NewEncoder(&out)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("badge: encoding the SVG: %w", err)
	}
	out.WriteString("\n")
	return out.Bytes(), nil
}

// Snippet returns the HTML a collectivité copies onto its website: the
// badge image, at the given width in CSS pixels (Width at least, so that it
// stays legible), linked to the label's public page, with the badge's
// title as alternative text. Both addresses must be absolute http or https
// URLs; every attribute is escaped.
func Snippet(b Badge, pageURL, imageURL string, width int) (string, error) {
	alt, err := Title(b)
	if err != nil {
		return "", err
	}
	if width < Width {
		return "", fmt.Errorf("badge: %d px is narrower than the %d px under which the badge is not legible", width, Width)
	}
	for _, u := range []string{pageURL, imageURL} {
		if err := checkURL(u); err != nil {
			return "", err
		}
	}
	height := (width*Height + Width/2) / Width
	return fmt.Sprintf(`<a href="%s"><img src="%s" alt="%s" width="%d" height="%d"></a>`,
		html.EscapeString(pageURL), html.EscapeString(imageURL), html.EscapeString(alt), width, height), nil
}

// checkURL accepts absolute http and https URLs only: a javascript: or
// data: address in a snippet pasted onto a public site would be a hole.
func checkURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("badge: %q is not an absolute http or https URL", s)
	}
	if c, _ := cleantext.Clean(s); c != s || strings.ContainsAny(s, " \t\n\r") {
		return fmt.Errorf("badge: %q contains spaces or control characters", s)
	}
	return nil
}
