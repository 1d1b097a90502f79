package palmares

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/store"
)

// sample is a small palmarès: Ambérieu-en-Bugey level 4 in 2023 and 2024,
// then Argent in 2025; a name a spreadsheet would read as a formula.
func sample() *Snapshot {
	lv := func(n int) *int { return &n }
	at := time.Date(2025, 11, 20, 17, 0, 0, 0, time.UTC)
	rect := at.AddDate(0, 0, 3)
	row := func(id int64, year int, code, name, published string, level *int, label string, mentions []string, motivation string) store.PalmaresRow {
		return store.PalmaresRow{PalmaresEntry: domain.PalmaresEntry{ID: id, Year: year, CollectiviteID: id % 10, PublishedName: published, Awarded: true,
			Level: level, LevelLabel: label, Mentions: mentions, Motivation: motivation, PublishedAt: at.AddDate(year-2025, 0, 0), Version: 1},
			Kind: domain.KindCommune, Code: code, Name: name, SearchName: domain.SearchKey(name), DepartementCode: "01", RegionCode: "84"}
	}
	rows := []store.PalmaresRow{
		row(1, 2023, "01004", "Ambérieu-en-Bugey", "Ambérieu", lv(4), "Niveau 4 — Avancé", nil, "Une politique avancée."),
		row(11, 2024, "01004", "Ambérieu-en-Bugey", "Ambérieu", lv(4), "Niveau 4 — Avancé", nil, "Toujours avancée."),
		row(21, 2025, "01004", "Ambérieu-en-Bugey", "Ville d’Ambérieu", lv(3), "Argent", []string{"Mutualisation", "Sobriété numérique"}, "=HYPERLINK(\"http://evil\")"),
		row(2, 2025, "01001", "L'Abergement-Clémenciat", "+33 commune", nil, domain.LevelNotPublished, nil, "-1 point"),
	}
	rows[2].RectifiedAt, rows[2].Rectification, rows[2].Version = &rect, "@ erreur de niveau corrigée", 2
	places := []domain.Collectivite{{Kind: domain.KindDepartement, Code: "01", Name: "Ain", RegionCode: "84"}, {Kind: domain.KindRegion, Code: "84", Name: "Auvergne-Rhône-Alpes"}}
	return assemble("test", rows, places, nil)
}

func TestSampleTrends(t *testing.T) {
	t.Parallel()
	s := sample()
	for _, c := range []struct {
		year  int
		trend Trend
	}{{2023, TrendNew}, {2024, TrendSame}, {2025, TrendDown}} {
		e, err := s.Entry(c.year, "01004")
		if err != nil || e.Trend != c.trend {
			t.Errorf("%d: %+v, %v; want %q", c.year, e, err, c.trend)
		}
	}
	p, err := s.YearPage(2025, Filter{Page: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Groups) != 2 || p.Groups[0].Label != "Argent" || p.Groups[1].Label != domain.LevelNotPublished {
		t.Errorf("groups: %+v", p.Groups)
	}
	for _, f := range []struct {
		filter Filter
		want   int
	}{{Filter{Query: "amberieu"}, 1}, {Filter{Level: "np"}, 1}, {Filter{Region: "84"}, 2}, {Filter{Region: "11"}, 0}, {Filter{Kind: "epci"}, 0}, {Filter{Departement: "01", Level: "3"}, 1}} {
		p, err := s.YearPage(2025, f.filter)
		if err != nil || p.Matched != f.want {
			t.Errorf("%+v: %d matched, %v; want %d", f.filter, p.Matched, err, f.want)
		}
	}
}

// The badge is an SVG document whose text says the year, the level and
// the label's name, with a title and a description for screen readers.
func TestBadgeSVG(t *testing.T) {
	t.Parallel()
	e, _ := sample().Entry(2025, "01004")
	svg, err := badgeSVG(e)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name `xml:"svg"`
		Width   string   `xml:"width,attr"`
		Title   string   `xml:"title"`
		Desc    string   `xml:"desc"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("badge is not XML: %v\n%s", err, svg)
	}
	var texts []string
	d := xml.NewDecoder(bytes.NewReader(svg))
	inText := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case xml.StartElement:
			inText = v.Name.Local == "text" || v.Name.Local == "tspan"
		case xml.CharData:
			if inText && strings.TrimSpace(string(v)) != "" {
				texts = append(texts, strings.TrimSpace(string(v)))
			}
		}
	}
	all := strings.Join(texts, " ")
	for _, want := range []string{"2025", "Argent", "Territoire", "Numérique", "Libre"} {
		if !strings.Contains(all, want) {
			t.Errorf("badge text %q lacks %q", all, want)
		}
	}
	if !strings.Contains(doc.Title, "Ambérieu-en-Bugey") || !strings.Contains(doc.Desc, "2025") {
		t.Errorf("title %q, desc %q", doc.Title, doc.Desc)
	}
	snippet, err := Snippet("https://tnl.example", e)
	if err != nil || !strings.Contains(snippet, `href="https://tnl.example/collectivites/01004"`) || !strings.Contains(snippet, `src="https://tnl.example/badges/2025/01004.svg"`) {
		t.Errorf("snippet %s, %v", snippet, err)
	}
}

func TestAtomFeedParses(t *testing.T) {
	t.Parallel()
	b, err := sample().Feed("https://tnl.example")
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, b)
	}
	if f.FeedType != "atom" || len(f.Items) != 3 || f.Items[0].Link != "https://tnl.example/palmares/2025" {
		t.Fatalf("feed %s with %d items, first %+v", f.FeedType, len(f.Items), f.Items[0])
	}
	if !strings.Contains(f.Items[0].Description, "2\u00a0collectivités lauréates") || !strings.Contains(f.Items[0].Description, "1\u00a0rectification") {
		t.Errorf("summary %q", f.Items[0].Description)
	}
}

// Cells a spreadsheet would read as a formula are neutralised in the CSV
// and the ODS; JSON keeps the text.
func TestOpenDataNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	s := sample()
	tbl := Table("Palmarès 2025", s.Year(2025), time.Date(2025, 11, 23, 0, 0, 0, 0, time.UTC))
	data, err := CSV(tbl)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "annee,type,code_insee_ou_siren,nom,nom_publie,departement,region,niveau,rang,mentions,motivation,tendance,rectifie_le,rectification,source" {
		t.Errorf("header %v", recs[0])
	}
	cells := map[string]bool{}
	for _, r := range recs[1:] {
		for _, c := range r {
			cells[c] = true
		}
	}
	for _, want := range []string{"'=HYPERLINK(\"http://evil\")", "'+33 commune", "'-1 point", "'@ erreur de niveau corrigée", "Mutualisation ; Sobriété numérique", "2025-11-23"} {
		if !cells[want] {
			t.Errorf("CSV lacks %q:\n%s", want, data)
		}
	}
	for c := range cells {
		if c != "" && strings.ContainsAny(c[:1], "=+-@\t\r") && !strings.HasPrefix(c, "'") {
			t.Errorf("CSV cell %q not neutralised", c)
		}
	}
	ods, err := ODS(tbl)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(ods), int64(len(ods)))
	if err != nil {
		t.Fatal(err)
	}
	var content []byte
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			r, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(r) //nolint:errcheck // checked below
			content = b.Bytes()
		}
	}
	if !bytes.Contains(content, []byte("&apos;=HYPERLINK")) && !bytes.Contains(content, []byte("'=HYPERLINK")) || bytes.Contains(content, []byte("table:formula")) {
		t.Errorf("ODS content not neutralised:\n%s", content)
	}
	js, err := JSON(s.Year(2025))
	if err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(js, &back); err != nil || len(back) != 2 || back[0]["motivation"] != "=HYPERLINK(\"http://evil\")" && back[1]["motivation"] != "=HYPERLINK(\"http://evil\")" {
		t.Errorf("JSON %s, %v", js, err)
	}
	if _, err := Schema("https://tnl.example"); err != nil {
		t.Errorf("schema: %v", err)
	}
}

// LibreOffice opens the ODS and shows the neutralised text, no formula.
func TestLibreOfficeReadsPalmaresODS(t *testing.T) {
	t.Parallel()
	bin := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		const msg = "LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui): the ODS is not read back"
		if os.Getenv("TNL_REQUIRE_SOFFICE") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ods, err := ODS(Table("Palmarès 2025", sample().Year(2025), time.Date(2025, 11, 23, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "palmares.ods")
	if err := os.WriteFile(in, ods, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", filepath.Join(dir, "out"), in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "palmares.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("LibreOffice read %d rows:\n%s", len(recs), data)
	}
	found := false
	for _, r := range recs[1:] {
		for _, c := range r {
			if strings.Contains(c, "HYPERLINK") {
				found = true
				if !strings.HasPrefix(c, "'=") {
					t.Errorf("LibreOffice shows %q: the formula was not neutralised", c)
				}
			}
		}
	}
	if !found || !strings.Contains(string(data), "Ambérieu-en-Bugey") {
		t.Errorf("LibreOffice's CSV:\n%s", data)
	}
}

func TestBookletPDF(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext absent (apt install poppler-utils)")
	}
	r, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	b, err := sample().Booklet(r, 2025)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "livret.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Palmarès 2025", "Argent", "Ambérieu-en-Bugey (Ain (01))", "Mutualisation", domain.LevelNotPublished, "L'Abergement-Clémenciat"} {
		if !strings.Contains(text, want) {
			t.Errorf("booklet lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "Argent") > strings.Index(text, domain.LevelNotPublished) {
		t.Error("the unpublished level comes before Argent")
	}
	if _, err := sample().Booklet(r, 2019); domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("booklet of 2019: %v", err)
	}
}
