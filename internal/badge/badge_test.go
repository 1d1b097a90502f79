package badge_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/adullact/tnl/internal/badge"
)

const tricky = `Ville d’Arles & <Camargue> "Saintes-Maries" l'été`

// parsedSVG is what an XML parser reads from the badge.
type parsedSVG struct {
	XMLName    xml.Name
	Role       string `xml:"role,attr"`
	LabelledBy string `xml:"aria-labelledby,attr"`
	Width      string `xml:"width,attr"`
	Height     string `xml:"height,attr"`
	ViewBox    string `xml:"viewBox,attr"`
	Title      struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"http://www.w3.org/2000/svg title"`
	Desc struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"http://www.w3.org/2000/svg desc"`
	Texts []struct {
		X        float64 `xml:"x,attr"`
		Y        float64 `xml:"y,attr"`
		FontSize float64 `xml:"font-size,attr"`
		Fill     string  `xml:"fill,attr"`
		Text     string  `xml:",chardata"`
	} `xml:"http://www.w3.org/2000/svg g>text"`
	Rects []struct {
		Fill string `xml:"fill,attr"`
	} `xml:"http://www.w3.org/2000/svg g>rect"`
}

func parse(t *testing.T, b badge.Badge) (parsedSVG, []byte) {
	t.Helper()
	data, err := badge.SVG(b)
	if err != nil {
		t.Fatal(err)
	}
	var s parsedSVG
	if err := xml.Unmarshal(data, &s); err != nil {
		t.Fatalf("the badge is not well-formed XML: %v\n%s", err, data)
	}
	return s, data
}

func TestBadgeText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		level, wantPhrase string
		year              int
	}{
		{"Or", "niveau Or", 2025},
		{"Argent", "niveau Argent", 2026},
		{"Bronze", "niveau Bronze", 2025},
		{"Badge", "niveau Badge", 2025},
		{"Niveau 4", "niveau 4", 2019},
		{"Niveau 1", "niveau 1", 2016},
	} {
		t.Run(tc.level, func(t *testing.T) {
			t.Parallel()
			s, _ := parse(t, badge.Badge{Year: tc.year, Level: tc.level, Collectivite: tricky})
			if s.XMLName.Space != "http://www.w3.org/2000/svg" || s.XMLName.Local != "svg" {
				t.Errorf("root element = %v", s.XMLName)
			}
			if s.Role != "img" || s.LabelledBy != s.Title.ID+" "+s.Desc.ID || s.Title.ID == "" || s.Desc.ID == "" {
				t.Errorf("role %q, aria-labelledby %q, title id %q, desc id %q", s.Role, s.LabelledBy, s.Title.ID, s.Desc.ID)
			}
			wantTitle := "Label Territoire Numérique Libre " + strconv.Itoa(tc.year) + "\u00a0: " + tc.wantPhrase + " — " + tricky
			if s.Title.Text != wantTitle {
				t.Errorf("title = %q, want %q", s.Title.Text, wantTitle)
			}
			if !strings.HasPrefix(s.Desc.Text, tricky+" a obtenu en "+strconv.Itoa(tc.year)+" le label Territoire Numérique Libre, "+tc.wantPhrase+",") {
				t.Errorf("desc = %q", s.Desc.Text)
			}
			var texts []string
			for _, x := range s.Texts {
				texts = append(texts, x.Text)
			}
			want := []string{"Territoire", "Numérique", "Libre", tc.level, strconv.Itoa(tc.year)}
			if !slices.Equal(texts, want) {
				t.Errorf("text elements = %q, want %q", texts, want)
			}
			if c := badge.ColoursFor(tc.level); !slices.ContainsFunc(s.Rects, func(r struct {
				Fill string `xml:"fill,attr"`
			}) bool {
				return r.Fill == c.Fill
			}) {
				t.Errorf("no shape has the level's colour %s", c.Fill)
			}
		})
	}
	if a, b := badge.ColoursFor("Or"), badge.ColoursFor("Argent"); a == b {
		t.Error("Or and Argent have the same colours")
	}
}

// At 120 px wide, every text is at least 11 px high and fits its space,
// with widths estimated as upper bounds.
func TestBadgeLegibleAt120px(t *testing.T) {
	t.Parallel()
	for _, level := range []string{"Or", "Niveau 4", "Argent", "Niveau 5 bis"} {
		s, _ := parse(t, badge.Badge{Year: 2025, Level: level, Collectivite: "Ville de Montpellier"})
		vb := strings.Fields(s.ViewBox)
		if len(vb) != 4 {
			t.Fatalf("viewBox = %q", s.ViewBox)
		}
		vbWidth, _ := strconv.ParseFloat(vb[2], 64)
		scale := 120 / vbWidth
		for _, x := range s.Texts {
			px := x.FontSize * scale
			if px < 11 {
				t.Errorf("%s: %q is %.1f px high at 120 px wide, under 11 px", level, x.Text, px)
			}
			w := badge.TextWidth(utf8.RuneCountInString(x.Text), int(x.FontSize))
			if x.X-w/2 < 4 || x.X+w/2 > vbWidth-4 {
				t.Errorf("%s: %q (about %.0f units wide) overflows the badge", level, x.Text, w)
			}
		}
	}
	if _, err := badge.SVG(badge.Badge{Year: 2025, Level: "Niveau 5 — Excellence absolue", Collectivite: "X"}); err == nil {
		t.Error("a level too long to be legible was accepted")
	}
}

// WCAG 2.1 AA: the level's text on its band at 4.5:1, the border on the
// white badge at 3:1.
func TestBadgeContrast(t *testing.T) {
	t.Parallel()
	for _, level := range []string{"Niveau 1", "Niveau 2", "Niveau 3", "Niveau 4", "Niveau 5", "Badge", "Bronze", "Argent", "Or", "Autre"} {
		c := badge.ColoursFor(level)
		if r := contrast(c.Text, c.Fill); r < 4.5 {
			t.Errorf("%s: text %s on %s is %.2f:1, under 4.5:1", level, c.Text, c.Fill, r)
		}
		if r := contrast(c.Border, "#ffffff"); r < 3 {
			t.Errorf("%s: border %s on white is %.2f:1, under 3:1", level, c.Border, r)
		}
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is WCAG's relative luminance of a #rrggbb colour.
func luminance(hex string) float64 {
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

// No external resource, no script, no path: text only, self-contained.
func TestBadgeIsSelfContained(t *testing.T) {
	t.Parallel()
	_, data := parse(t, badge.Badge{Year: 2025, Level: "Or", Collectivite: "https://exemple.fr/"})
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "svg", "title", "desc", "g", "rect", "text":
		default:
			t.Errorf("unexpected element <%s>", se.Name.Local)
		}
		for _, a := range se.Attr {
			if a.Name.Local == "href" || strings.Contains(a.Value, "url(") || (strings.Contains(a.Value, "://") && a.Name.Local != "xmlns") {
				t.Errorf("<%s %s=%q> refers to something outside the badge", se.Name.Local, a.Name.Local, a.Value)
			}
		}
	}
}

func TestBadgeIsDeterministicAndClean(t *testing.T) {
	t.Parallel()
	b := badge.Badge{Year: 2025, Level: " Or\x00 ", Collectivite: "Ville de\tSète\x07"}
	_, first := parse(t, b)
	_, second := parse(t, b)
	if !bytes.Equal(first, second) {
		t.Error("two badges of the same laureate differ")
	}
	s, _ := parse(t, b)
	if s.Texts[3].Text != "Or" || !strings.HasSuffix(s.Title.Text, "— Ville de Sète") {
		t.Errorf("level %q, title %q: control characters and extra spaces are not removed", s.Texts[3].Text, s.Title.Text)
	}
	for _, bad := range []badge.Badge{
		{Year: 2015, Level: "Or", Collectivite: "X"},
		{Year: 2025, Level: "", Collectivite: "X"},
		{Year: 2025, Level: "Or", Collectivite: "\x00"},
		{Year: 2025, Level: "Or", Collectivite: "S\xe8te"},
	} {
		if _, err := badge.SVG(bad); err == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
}

// The snippet, parsed by an HTML5 parser, links the page and shows the
// image with the badge's title as alternative text, whatever the names.
func TestSnippet(t *testing.T) {
	t.Parallel()
	b := badge.Badge{Year: 2025, Level: "Or", Collectivite: tricky}
	page := `https://territoire-numerique-libre.org/palmares/2025/13004?nom="Arles"&x=<1>`
	img := "https://territoire-numerique-libre.org/badges/2025/13004.svg?v=1&t=2"
	snippet, err := badge.Snippet(b, page, img, 240)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(snippet, "<Camargue>") || strings.Contains(snippet, `"Saintes`) {
		t.Errorf("the snippet is not escaped: %s", snippet)
	}
	nodes, err := html.ParseFragment(strings.NewReader(snippet), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 1 || nodes[0].Data != "a" || nodes[0].FirstChild == nil || nodes[0].FirstChild.Data != "img" || nodes[0].FirstChild.NextSibling != nil {
		t.Fatalf("the snippet is not one link around one image: %s", snippet)
	}
	attrs := func(n *html.Node) map[string]string {
		m := map[string]string{}
		for _, a := range n.Attr {
			m[a.Key] = a.Val
		}
		return m
	}
	a, i := attrs(nodes[0]), attrs(nodes[0].FirstChild)
	alt, _ := badge.Title(b)
	if a["href"] != page || i["src"] != img || i["alt"] != alt || i["width"] != "240" || i["height"] != "264" {
		t.Errorf("link %v, image %v", a, i)
	}

	for _, tc := range []struct {
		page, img string
		width     int
	}{
		{"javascript:alert(1)", img, 120},
		{page, "data:image/svg+xml,<svg/>", 120},
		{"/palmares", img, 120},
		{page, img, 119},
		{"https://exemple.fr/a b", img, 120},
	} {
		if s, err := badge.Snippet(b, tc.page, tc.img, tc.width); err == nil {
			t.Errorf("Snippet(%q, %q, %d) = %s, want an error", tc.page, tc.img, tc.width, s)
		}
	}
}
