package geo

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// node is an element of a parsed SVG.
type node struct {
	Name     string
	Attr     map[string]string
	Children []*node
	Text     string
}

func parseXML(t *testing.T, data []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				stack[len(stack)-1].Children = append(stack[len(stack)-1].Children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tok)
			}
		}
	}
	if root == nil {
		t.Fatal("empty SVG")
	}
	return root
}

// walk calls fn on every element with its parent.
func (n *node) walk(parent *node, fn func(n, parent *node)) {
	fn(n, parent)
	for _, c := range n.Children {
		c.walk(n, fn)
	}
}

func (n *node) child(name string) *node {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// pathPoints decodes the path data RenderMap writes (M x y, then relative l
// pairs, then z) into absolute points.
func pathPoints(t *testing.T, d string) [][2]int {
	t.Helper()
	var pts [][2]int
	for _, ring := range strings.Split(strings.TrimSuffix(d, "z"), "z") {
		ring = strings.TrimPrefix(ring, "M")
		abs, rel, ok := strings.Cut(ring, "l")
		if !ok {
			t.Fatalf("ring %q has no lineto", ring)
		}
		nums := func(s string) []int {
			s = strings.ReplaceAll(s, "-", " -")
			var out []int
			for _, f := range strings.Fields(s) {
				v, err := strconv.Atoi(f)
				if err != nil {
					t.Fatalf("bad number %q in path data", f)
				}
				out = append(out, v)
			}
			return out
		}
		start, deltas := nums(abs), nums(rel)
		if len(start) != 2 || len(deltas)%2 != 0 || len(deltas) < 4 {
			t.Fatalf("ring with %d start and %d relative numbers", len(start), len(deltas))
		}
		x, y := start[0], start[1]
		pts = append(pts, [2]int{x, y})
		for i := 0; i < len(deltas); i += 2 {
			x, y = x+deltas[i], y+deltas[i+1]
			pts = append(pts, [2]int{x, y})
		}
	}
	return pts
}

func realOutlines(tb testing.TB, name string) []Area {
	tb.Helper()
	areas, err := LoadOutlines(sharedFile(tb, "geo", name))
	if err != nil {
		tb.Fatal(err)
	}
	return areas
}

func laureates(code, name string, v int) string {
	return fmt.Sprintf("%s : %d %s", name, v, plural(v, "lauréat", "lauréats"))
}

func TestRenderMapDepartements(t *testing.T) {
	t.Parallel()
	areas := realOutlines(t, "departements-simplifie-2018.geojson")
	values := map[string]int{"59": 3, "62": 1, "75": 12, "2A": 2, "974": 7, "971": 1}
	opts := MapOptions{
		Title:       "Lauréats 2026 par département",
		Description: "Nombre de collectivités labellisées dans chaque département.",
		Values:      values,
		Label:       laureates,
		Link: func(code string) string {
			if code == "48" {
				return "" // an area without a page
			}
			return "/laureats?departement=" + code + "&annee=2026"
		},
		Insets:      OverseasDepartements(),
		IDPrefix:    "dep-",
		LegendTitle: "Lauréats",
		Zoom:        PetiteCouronne(),
	}
	var buf bytes.Buffer
	if err := RenderMap(&buf, areas, opts); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if len(out) > 150<<10 {
		t.Errorf("SVG of the départements is %d bytes, want ≤ 150 KiB", len(out))
	}
	t.Logf("SVG of the 96 départements: %d bytes", len(out))

	root := parseXML(t, out)
	if root.Name != "svg" || root.Attr["viewBox"] != "0 0 1460 1080" || root.Attr["role"] != "group" {
		t.Errorf("root <%s viewBox=%q role=%q>, want <svg viewBox=\"0 0 1460 1080\" role=\"group\">", root.Name, root.Attr["viewBox"], root.Attr["role"])
	}
	if title := root.child("title"); title == nil || title.Text != opts.Title || root.Children[0] != title {
		t.Errorf("the map's first child is not its <title>")
	}
	if desc := root.child("desc"); desc == nil || desc.Text != opts.Description {
		t.Errorf("the map has no <desc> %q", opts.Description)
	}
	ids := map[string]*node{}
	root.walk(nil, func(n, _ *node) {
		if id := n.Attr["id"]; id != "" {
			if ids[id] != nil {
				t.Errorf("id %q twice", id)
			}
			ids[id] = n
		}
		for name, v := range n.Attr {
			if strings.Contains(v, "://") && name != "xmlns" || strings.Contains(v, "url(") {
				t.Errorf("<%s %s=%q> loads an external resource", n.Name, name, v)
			}
		}
		if n.Name == "image" || n.Name == "use" || n.Name == "script" || n.Name == "foreignObject" {
			t.Errorf("unexpected <%s>", n.Name)
		}
	})
	for _, ref := range strings.Fields(root.Attr["aria-labelledby"]) {
		if ids[ref] == nil {
			t.Errorf("aria-labelledby names %q, which is no id", ref)
		}
	}
	if got := len(strings.Fields(root.Attr["aria-labelledby"])); got != 2 {
		t.Errorf("aria-labelledby names %d elements, want the title and the desc", got)
	}

	scale, err := opts.Scale(areas)
	if err != nil {
		t.Fatal(err)
	}
	var paths, unnamed int
	root.walk(nil, func(n, parent *node) {
		if n.Name != "path" {
			return
		}
		if n.Attr["id"] == "" {
			unnamed++ // in the zoom, checked below
			return
		}
		paths++
		code := strings.TrimPrefix(n.Attr["id"], "dep-")
		i := slices.IndexFunc(areas, func(a Area) bool { return a.Code == code })
		if i < 0 {
			t.Errorf("path id %q is no département", n.Attr["id"])
			return
		}
		if title := n.child("title"); title == nil || title.Text != laureates(code, areas[i].Name, values[code]) {
			t.Errorf("path %s has no title %q", code, laureates(code, areas[i].Name, values[code]))
		}
		if want := scale[scale.Index(values[code])].Fill; n.Attr["fill"] != want {
			t.Errorf("path %s filled %s, want %s", code, n.Attr["fill"], want)
		}
		wantHref := "/laureats?departement=" + code + "&annee=2026"
		switch {
		case code == "48" && parent.Name == "a":
			t.Errorf("Lozère links to %q, want no link", parent.Attr["href"])
		case code != "48" && (parent.Name != "a" || parent.Attr["href"] != wantHref):
			t.Errorf("path %s inside <%s href=%q>, want <a href=%q>", code, parent.Name, parent.Attr["href"], wantHref)
		}
		for _, p := range pathPoints(t, n.Attr["d"]) {
			if p[0] < sideWidth || p[0] > viewWidth || p[1] < 0 || p[1] > viewHeight {
				t.Errorf("path %s has point %v outside the map frame", code, p)
				break
			}
			if p[0] >= zoomX && p[0] <= zoomX+zoomW && p[1] >= zoomY && p[1] <= zoomY+zoomH {
				t.Errorf("path %s has point %v under the zoom box", code, p)
				break
			}
		}
	})
	if paths != 96 {
		t.Errorf("%d paths with an id, want 96", paths)
	}

	// The zoom repeats Paris and its neighbours, hidden from assistive
	// technologies and out of the keyboard's order.
	var zoom *node
	for _, c := range root.Children {
		if c.Name == "g" && c.Attr["aria-hidden"] == "true" {
			zoom = c
		}
	}
	if zoom == nil {
		t.Fatal("no zoom group with aria-hidden")
	}
	var zoomed []string
	zoom.walk(nil, func(n, parent *node) {
		if n.Name != "path" {
			return
		}
		zoomed = append(zoomed, n.child("title").Text)
		if parent.Name != "a" || parent.Attr["tabindex"] != "-1" || !strings.HasPrefix(parent.Attr["href"], "/laureats?") {
			t.Errorf("zoomed path %q not in a link out of the tab order", n.child("title").Text)
		}
		for _, p := range pathPoints(t, n.Attr["d"]) {
			if p[0] < zoomX || p[0] > zoomX+zoomW || p[1] < zoomY || p[1] > zoomY+zoomH {
				t.Errorf("zoomed path %q has point %v outside its box", n.child("title").Text, p)
				break
			}
		}
	})
	wantZoom := []string{"Paris : 12 lauréats", "Hauts-de-Seine : 0 lauréat", "Seine-Saint-Denis : 0 lauréat", "Val-de-Marne : 0 lauréat"}
	if !slices.Equal(zoomed, wantZoom) || unnamed != len(wantZoom) {
		t.Errorf("zoom shows %q (%d paths without id in all), want %q", zoomed, unnamed, wantZoom)
	}
	if n := ids["dep-59"]; n == nil || n.child("title").Text != "Nord : 3 lauréats" {
		t.Errorf("no path dep-59 titled « Nord : 3 lauréats »")
	}
	// The Nord is drawn at the top: Lille, projected, falls in its box.
	lx, ly := newLambert93().toView(Point{3.06, 50.63})
	var minX, minY, maxX, maxY = viewWidth, viewHeight, 0, 0
	for _, p := range pathPoints(t, ids["dep-59"].Attr["d"]) {
		minX, minY, maxX, maxY = min(minX, p[0]), min(minY, p[1]), max(maxX, p[0]), max(maxY, p[1])
	}
	if lx < minX || lx > maxX || ly < minY || ly > maxY || maxY > 200 {
		t.Errorf("Nord spans x %d–%d, y %d–%d; Lille at (%d, %d)", minX, maxX, minY, maxY, lx, ly)
	}

	// Overseas départements are labelled boxes with their value.
	for _, in := range OverseasDepartements() {
		rect := ids["dep-"+in.Code]
		if rect == nil || rect.Name != "rect" {
			t.Errorf("no inset box for %s", in.Name)
			continue
		}
		if want := laureates(in.Code, in.Name, values[in.Code]); rect.child("title") == nil || rect.child("title").Text != want {
			t.Errorf("inset %s has no title %q", in.Code, want)
		}
		if want := scale[scale.Index(values[in.Code])].Fill; rect.Attr["fill"] != want {
			t.Errorf("inset %s filled %s, want %s", in.Code, rect.Attr["fill"], want)
		}
		if !bytes.Contains(out, []byte(">"+in.Name+"</text><text")) {
			t.Errorf("inset %s has no visible name", in.Name)
		}
	}
	if !regexp.MustCompile(`>La Réunion</text><text [^>]*>7</text>`).Match(out) {
		t.Errorf("La Réunion's value is not shown in its inset")
	}
	// The legend lists every class.
	for _, c := range scale {
		if !bytes.Contains(out, []byte(">"+c.Label+"</text>")) {
			t.Errorf("legend lacks %q", c.Label)
		}
	}

	// Deterministic, whatever the order of the areas.
	reversed := slices.Clone(areas)
	slices.Reverse(reversed)
	var again bytes.Buffer
	if err := RenderMap(&again, reversed, opts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again.Bytes()) {
		t.Errorf("two renderings differ")
	}
}

func TestRenderMapRegions(t *testing.T) {
	t.Parallel()
	areas := realOutlines(t, "regions-simplifie-2018.geojson")
	var buf bytes.Buffer
	err := RenderMap(&buf, areas, MapOptions{
		Title:  "Visites par région",
		Values: map[string]int{"32": 4, "04": 2},
		Insets: OverseasRegions(),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SVG of the 13 régions: %d bytes", buf.Len())
	root := parseXML(t, buf.Bytes())
	if root.Attr["role"] != "img" {
		t.Errorf("a map without links has role %q, want img", root.Attr["role"])
	}
	var paths, rects, links int
	root.walk(nil, func(n, _ *node) {
		switch {
		case n.Name == "path":
			paths++
		case n.Name == "rect" && strings.HasPrefix(n.Attr["id"], "carte-"):
			rects++
		case n.Name == "a":
			links++
		}
	})
	if paths != 13 || rects != 5 || links != 0 {
		t.Errorf("%d paths, %d insets, %d links; want 13, 5, 0", paths, rects, links)
	}
	if !strings.Contains(buf.String(), `<title>Hauts-de-France : 4</title>`) {
		t.Errorf("no default title « Hauts-de-France : 4 »")
	}
}

func TestRenderMapSmall(t *testing.T) {
	t.Parallel()
	square := func(code, name string, lon, lat float64) Area {
		return Area{Code: code, Name: name, Polygons: []Polygon{{{{lon, lat}, {lon + 0.5, lat}, {lon + 0.5, lat + 0.5}, {lon, lat + 0.5}, {lon, lat}}}}}
	}
	areas := []Area{square("A1", "Aaa <&> \"b\"", 2, 47), square("B2", "Bbb", 3, 47)}
	tests := []struct {
		name    string
		opts    MapOptions
		want    []string
		wantErr string
	}{
		{
			name: "escaped text and links",
			opts: MapOptions{Title: "Carte « test » & co", Values: map[string]int{"A1": 2}, Link: func(c string) string { return "/z?c=" + c + "&x=\"1\"" }},
			want: []string{
				`<title id="carte-title">Carte « test » &amp; co</title>`,
				`<a href="/z?c=A1&amp;x=&quot;1&quot;"><path id="carte-A1" fill="#08519c"`,
				`<title>Aaa &lt;&amp;&gt; &quot;b&quot; : 2</title>`,
				`role="group" aria-labelledby="carte-title"`,
			},
		},
		{name: "no title", opts: MapOptions{}, wantErr: "carte : titre manquant"},
		{name: "bad prefix", opts: MapOptions{Title: "t", IDPrefix: "1x"}, wantErr: "préfixe d’identifiant « 1x » invalide"},
		{name: "duplicate code", opts: MapOptions{Title: "t", Insets: []Inset{{"B2", "Bbb"}}}, wantErr: "zone « B2 » en double"},
		{name: "negative value", opts: MapOptions{Title: "t", Values: map[string]int{"A1": -2}}, wantErr: "valeur négative -2"},
		{name: "bad breaks", opts: MapOptions{Title: "t", Breaks: []int{3}}, wantErr: "la première borne doit être 1"},
		{
			name:    "column too full",
			opts:    MapOptions{Title: "t", Insets: slices.Concat(OverseasDepartements(), OverseasRegions()[:2]), Breaks: []int{1, 2, 3, 4, 5}},
			wantErr: "carte : 7 encarts et 6 classes ne tiennent pas dans la colonne de gauche",
		},
		{name: "zoom on an unknown area", opts: MapOptions{Title: "t", Zoom: PetiteCouronne()}, wantErr: "zone « 75 » à agrandir absente des contours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			err := RenderMap(&buf, areas, tt.opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				if buf.Len() != 0 {
					t.Errorf("%d bytes written before the error", buf.Len())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			parseXML(t, buf.Bytes())
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output lacks %s", w)
				}
			}
		})
	}
}

func TestWrapWords(t *testing.T) {
	t.Parallel()
	got := wrapWords("Lauréats 2026 par département", 16)
	if want := []string{"Lauréats 2026", "par département"}; !slices.Equal(got, want) {
		t.Errorf("wrapWords = %q, want %q", got, want)
	}
}

func BenchmarkRenderMapDepartements(b *testing.B) {
	areas := realOutlines(b, "departements-simplifie-2018.geojson")
	values := map[string]int{}
	for i, a := range areas {
		values[a.Code] = i % 9
	}
	opts := MapOptions{
		Title: "Lauréats par département", Values: values, Insets: OverseasDepartements(),
		Label: laureates, Link: func(code string) string { return "/laureats/" + code }, Zoom: PetiteCouronne(),
	}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := RenderMap(&buf, areas, opts); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes/map")
}
