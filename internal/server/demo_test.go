package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/testdb"
)

// The demonstration shows the ambassadeurs' side on a fresh machine,
// without the reference files: a GULL, an ambassadeur, requests, a visit
// with its report, a campaign; the map, whose outlines are absent, becomes
// a list with how to import them; a second start changes nothing.
func TestDemoShowsTheAmbassadeurs(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t, "sqlite")
	var instructions string
	for range 2 {
		m := server.New(server.Config{DatabaseURL: url, Addr: "127.0.0.1:0", Demo: true}, slog.New(slog.DiscardHandler))
		if err := m.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		instructions = m.DemoInstructions()
		var header http.Header
		get := func(path string) string {
			resp, err := http.Get("http://" + m.Addr() + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			header = resp.Header
			return string(b)
		}
		home := get("/ambassadeurs")
		for _, want := range []string{"Oyonnax", "Ambérieu-en-Bugey", "tnl geo import ../shared/data/geo", "Ain (01)", "la mairie essaie LibreOffice"} {
			if !strings.Contains(home, want) {
				t.Errorf("the ambassadeurs' page lacks %q", want)
			}
		}
		if dir := get("/ambassadeurs/gulls"); strings.Count(dir, "GULL de l’Ain (démonstration)") != 1 {
			t.Error("the demonstration's GULL is not once in the directory")
		}
		if feed := get("/ambassadeurs/visites.geojson"); strings.Count(feed, `"type":"Feature"`) != 3 {
			t.Errorf("GeoJSON of the demonstration: %s", feed)
		}
		if header.Get("Access-Control-Allow-Origin") != "*" || header.Get("Content-Type") != "application/geo+json" {
			t.Errorf("the GeoJSON feed is not readable from another site: %v", header)
		}
		if page := get("/ambassadeurs/gulls/gull-de-l-ain-demonstration"); !strings.Contains(page, "Sacha Ambassadeur") || strings.Contains(page, "ambassadeur@exemple.fr") {
			t.Error("the GULL's public page lists its ambassadeurs by name only")
		}
		m.Close()
	}
	for _, want := range []string{"ambassadeur@exemple.fr", "partenaire@exemple.fr", "/ambassadeurs/suivi/", "tnl geo import"} {
		if !strings.Contains(instructions, want) {
			t.Errorf("the instructions lack %q:\n%s", want, instructions)
		}
	}
}
