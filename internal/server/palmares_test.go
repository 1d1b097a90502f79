package server_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// palmaresHistory is a small history over the fixture's territories:
// Ambérieu-en-Bugey (01, région 84) level 4 in 2023 and 2024, Argent in
// 2025; Digne-les-Bains (04, région 93) new in 2025; a Fontaine that
// matches no collectivité.
const palmaresHistory = `annee,niveau,nom_publie,type,departement,code_insee_ou_siren,mention,source
2023,4,Ambérieu-en-Bugey,commune,,01004,,https://exemple.fr/2023
2024,4,Ville d’Ambérieu-en-Bugey,commune,,01004,,https://exemple.fr/2024
2025,Argent,Ambérieu-en-Bugey,commune,,01004,Mutualisation,https://exemple.fr/2025
2025,Badge,=Digne-les-Bains,commune,04,,,https://exemple.fr/2025
2025,Bronze,CC de la Plaine de l’Ain,epci,,200042935,,https://exemple.fr/2025
2024,3,Fontaine,commune,,,,https://exemple.fr/2024
`

func (f *fixture) importPalmares() {
	f.t.Helper()
	rep, err := f.app.Palmares.Import(f.ctx, strings.NewReader(palmaresHistory))
	if err != nil {
		f.t.Fatal(err)
	}
	if len(rep.Unmatched) != 1 {
		f.t.Fatalf("import:\n%s", rep)
	}
}

func get(t *testing.T, f *fixture, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp := f.do(req)
	return resp, readBody(t, resp)
}

// TestPublicPalmares: the public pages, badges, feed, open data and API,
// without an account and as server-rendered HTML (the content is in the
// page: JavaScript off changes nothing but the copy button).
func TestPublicPalmares(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		if resp, _ := get(t, f, "/palmares"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("/palmares before any publication: %d", resp.StatusCode)
		}
		f.importPalmares()
		f.app.Palmares.Invalidate()
		// A « pas de label » decision is never public.
		abergement, _ := f.st.CollectiviteByCode(f.ctx, domain.KindCommune, "01005")
		if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
			return tx.InsertPalmares(f.ctx, []*domain.PalmaresEntry{{Year: 2025, CollectiviteID: abergement.ID, PublishedName: "Ambérieux-en-Dombes",
				Awarded: false, LevelLabel: "Pas de label", Motivation: "Dossier incomplet.", PublishedAt: f.st.Now()}})
		}); err != nil {
			t.Fatal(err)
		}
		f.app.Palmares.Invalidate()

		resp, body := get(t, f, "/palmares")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("/palmares: %d\n%s", resp.StatusCode, body)
		}
		for _, want := range []string{"Palmarès 2025", "3\u00a0collectivités lauréates", "Argent", "Bronze", "Badge", "Ambérieu-en-Bugey", "Digne-les-Bains",
			`href="/collectivites/01004"`, "En baisse", "Nouvelle lauréate", `<form method="get" action="/palmares/2025"`, "Mutualisation", `href="/palmares/2024"`} {
			if !strings.Contains(body, want) {
				t.Errorf("/palmares lacks %q", want)
			}
		}
		if strings.Contains(body, "Ambérieux-en-Dombes") || strings.Contains(body, "Dossier incomplet") {
			t.Error("a « pas de label » decision is on the public palmarès")
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "public") || resp.Header.Get("ETag") == "" {
			t.Errorf("Cache-Control %q, ETag %q", cc, resp.Header.Get("ETag"))
		}
		etag := resp.Header.Get("ETag")
		if again, _ := get(t, f, "/palmares", "If-None-Match", etag); again.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match: %d, want 304", again.StatusCode)
		}

		// Filters by région, level and search, as GET forms.
		for _, c := range []struct {
			query     string
			want, not string
		}{
			{"region=93", "Digne-les-Bains", "Ambérieu-en-Bugey"},
			{"region=84", "Ambérieu-en-Bugey", "Digne-les-Bains"},
			{"niveau=2", "Plaine de l", "Digne-les-Bains"},
			{"q=digne", "Digne-les-Bains", "Ambérieu-en-Bugey"},
			{"type=epci", "Plaine de l", "Ambérieu-en-Bugey"},
		} {
			_, body := get(t, f, "/palmares/2025?"+c.query)
			if !strings.Contains(body, c.want) || strings.Contains(body, `href="/collectivites/`+map[string]string{"Ambérieu-en-Bugey": "01004", "Digne-les-Bains": "04070"}[c.not]+`"`) && c.not != "" {
				t.Errorf("/palmares/2025?%s: want %q, not %q", c.query, c.want, c.not)
			}
		}
		if resp, _ := get(t, f, "/palmares/2019"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("/palmares/2019: %d", resp.StatusCode)
		}

		// The collectivité's page: history, trends, badge, snippet.
		resp, body = get(t, f, "/collectivites/01004")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("/collectivites/01004: %d", resp.StatusCode)
		}
		for _, want := range []string{"Ambérieu-en-Bugey", "Niveau maintenu", "En baisse", "Nouvelle lauréate", `src="/badges/2025/01004.svg"`,
			`&lt;a href=&#34;` + html.EscapeString(f.app.Mail.BaseURL()) + `/collectivites/01004&#34;&gt;`, `/collectivites/01004/2025/certificat.pdf`} {
			if !strings.Contains(body, want) {
				t.Errorf("/collectivites/01004 lacks %q", want)
			}
		}
		if resp, _ := get(t, f, "/collectivites/01005"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("a collectivité with only « pas de label »: %d", resp.StatusCode)
		}

		// The badge.
		resp, body = get(t, f, "/badges/2025/01004.svg")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" {
			t.Fatalf("badge: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		var svg struct {
			Title string   `xml:"title"`
			Texts []string `xml:"text"`
		}
		if err := xml.Unmarshal([]byte(body), &svg); err != nil || !strings.Contains(svg.Title, "Ambérieu-en-Bugey") || !strings.Contains(body, "Argent") {
			t.Errorf("badge SVG: %v, %+v", err, svg)
		}
		if resp, _ := get(t, f, "/badges/2024/04070.svg"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("badge of a year without the laureate: %d", resp.StatusCode)
		}

		// The feed.
		_, body = get(t, f, "/palmares.atom")
		feed, err := gofeed.NewParser().ParseString(body)
		if err != nil || len(feed.Items) != 3 || !strings.HasSuffix(feed.Items[0].Link, "/palmares/2025") {
			t.Errorf("feed: %v %+v", err, feed)
		}

		// Open data.
		resp, body = get(t, f, "/donnees/palmares-2025.csv")
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || len(recs) != 4 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("CSV: %v, %d rows\n%s", err, len(recs), body)
		}
		if !strings.Contains(body, "'=Digne-les-Bains") {
			t.Errorf("the published name starting with = is not neutralised:\n%s", body)
		}
		_, body = get(t, f, "/donnees/palmares.csv")
		if n := strings.Count(body, "\n"); n != 6 {
			t.Errorf("all editions: %d lines\n%s", n, body)
		}
		resp, body = get(t, f, "/donnees/palmares.ods")
		if _, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body))); err != nil || resp.Header.Get("Content-Type") != "application/vnd.oasis.opendocument.spreadsheet" {
			t.Errorf("ODS: %v", err)
		}
		_, body = get(t, f, "/donnees/palmares-2024.json")
		var rows []map[string]any
		if err := json.Unmarshal([]byte(body), &rows); err != nil || len(rows) != 1 || rows[0]["tendance"] != "maintenue" {
			t.Errorf("JSON 2024: %v %s", err, body)
		}
		_, body = get(t, f, "/donnees/schema.json")
		var schema struct {
			Fields []struct{ Name string } `json:"fields"`
		}
		if err := json.Unmarshal([]byte(body), &schema); err != nil || len(schema.Fields) != 15 {
			t.Errorf("schema: %v, %d fields", err, len(schema.Fields))
		}
		for _, p := range []string{"/donnees/palmares-1999.csv", "/donnees/palmares.xls", "/donnees/autre.csv"} {
			if resp, _ := get(t, f, p); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d", p, resp.StatusCode)
			}
		}
		if _, body = get(t, f, "/donnees"); !strings.Contains(body, "Licence Ouverte 2.0") || !strings.Contains(body, `href="/donnees/palmares-2025.ods"`) {
			t.Error("/donnees lacks the licence or the files")
		}
		for _, p := range []string{"/palmares/2025/livret.pdf", "/collectivites/01004/2025/certificat.pdf"} {
			if resp, body := get(t, f, p); resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF") {
				t.Errorf("%s: %d", p, resp.StatusCode)
			}
		}

		// The API.
		resp, body = get(t, f, "/api/v1/palmares/2025?region=93")
		var year struct {
			Total, Matched int
			Laureates      []struct {
				Code string `json:"code_insee_ou_siren"`
			}
		}
		if err := json.Unmarshal([]byte(body), &year); err != nil || resp.StatusCode != http.StatusOK || year.Total != 3 || year.Matched != 1 || year.Laureates[0].Code != "04070" {
			t.Errorf("API year: %d %v %s", resp.StatusCode, err, body)
		}
		_, body = get(t, f, "/api/v1/collectivites/01004/palmares")
		if !strings.Contains(body, `"tendance":"en baisse"`) {
			t.Errorf("API history: %s", body)
		}

		// A rectification changes the stamp: pages are built again.
		if _, err := f.st.DB().NewUpdate().Table("palmares").Set("version = version + 1").Set("rectification = ?", "Niveau corrigé après vérification.").
			Set("rectified_at = ?", f.st.Now()).Where("year = 2025").Exec(f.ctx); err != nil {
			t.Fatal(err)
		}
		f.app.Palmares.Invalidate()
		resp, body = get(t, f, "/palmares", "If-None-Match", etag)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == etag || !strings.Contains(body, "Niveau corrigé après vérification.") {
			t.Errorf("after a rectification: %d, ETag %s", resp.StatusCode, resp.Header.Get("ETag"))
		}

		// Staff match the unmatched row.
		staffResp := f.request("staff", http.MethodGet, "/admin/palmares/rapprochements", nil)
		page := readBody(t, staffResp)
		if staffResp.StatusCode != http.StatusOK || !strings.Contains(page, "Fontaine") {
			t.Fatalf("unmatched page: %d", staffResp.StatusCode)
		}
		open, _ := f.app.Palmares.Unmatched(f.ctx)
		if r := f.request("elu", http.MethodPost, "/admin/palmares/rapprochements/"+strconv.FormatInt(open[0].ID, 10), url.Values{"code": {"01002"}, "type": {"commune"}}); r.StatusCode != http.StatusForbidden {
			t.Errorf("an élu matches: %d", r.StatusCode)
		}
		if r := f.request("staff", http.MethodPost, "/admin/palmares/rapprochements/"+strconv.FormatInt(open[0].ID, 10), url.Values{"code": {"99999"}, "type": {"commune"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("unknown code: %d", r.StatusCode)
		}
		if r := f.request("staff", http.MethodPost, "/admin/palmares/rapprochements/"+strconv.FormatInt(open[0].ID, 10), url.Values{"code": {"01002"}, "type": {"commune"}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("match: %d", r.StatusCode)
		}
		if resp, body := get(t, f, "/collectivites/01002"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Fontaine") {
			t.Errorf("the matched row is not public: %d", resp.StatusCode)
		}
	})
}
