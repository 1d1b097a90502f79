package palmares_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/geo"
	"github.com/adullact/tnl/internal/palmares"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
)

func TestPositionAndTrend(t *testing.T) {
	t.Parallel()
	old, s25 := domain.DefaultAwardScheme(), domain.Scheme2025()
	lv := func(n int) *int { return &n }
	cases := []struct {
		name     string
		cur      palmares.Step
		prev     *palmares.Step
		previous int
		want     palmares.Trend
	}{
		{"first time", palmares.Step{Year: 2018, Scheme: old, Level: lv(3)}, nil, 2017, palmares.TrendNew},
		{"same level next edition", palmares.Step{Year: 2017, Scheme: old, Level: lv(4)}, &palmares.Step{Year: 2016, Scheme: old, Level: lv(4)}, 2016, palmares.TrendSame},
		{"higher", palmares.Step{Year: 2019, Scheme: old, Level: lv(5)}, &palmares.Step{Year: 2018, Scheme: old, Level: lv(4)}, 2018, palmares.TrendUp},
		{"lower", palmares.Step{Year: 2019, Scheme: old, Level: lv(2)}, &palmares.Step{Year: 2018, Scheme: old, Level: lv(4)}, 2018, palmares.TrendDown},
		{"gap of an edition", palmares.Step{Year: 2018, Scheme: old, Level: lv(4)}, &palmares.Step{Year: 2016, Scheme: old, Level: lv(4)}, 2017, palmares.TrendBack},
		{"unpublished level", palmares.Step{Year: 2019, Scheme: old}, &palmares.Step{Year: 2018, Scheme: old, Level: lv(4)}, 2018, palmares.TrendRenewed},
		{"Or after niveau 5", palmares.Step{Year: 2025, Scheme: s25, Level: lv(4)}, &palmares.Step{Year: 2024, Scheme: old, Level: lv(5)}, 2024, palmares.TrendSame},
		{"Argent (3/4) after niveau 4 (4/5)", palmares.Step{Year: 2025, Scheme: s25, Level: lv(3)}, &palmares.Step{Year: 2024, Scheme: old, Level: lv(4)}, 2024, palmares.TrendDown},
		{"Argent (3/4) after niveau 3 (3/5)", palmares.Step{Year: 2025, Scheme: s25, Level: lv(3)}, &palmares.Step{Year: 2024, Scheme: old, Level: lv(3)}, 2024, palmares.TrendUp},
		{"Badge (1/4) after niveau 1 (1/5)", palmares.Step{Year: 2025, Scheme: s25, Level: lv(1)}, &palmares.Step{Year: 2024, Scheme: old, Level: lv(1)}, 2024, palmares.TrendUp},
		{"Bronze (2/4) after niveau 3 (3/5)", palmares.Step{Year: 2025, Scheme: s25, Level: lv(2)}, &palmares.Step{Year: 2024, Scheme: old, Level: lv(3)}, 2024, palmares.TrendDown},
	}
	for _, c := range cases {
		if got := palmares.TrendOf(c.cur, c.prev, c.previous); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if p, ok := palmares.PositionOf(s25, 3); !ok || p != (palmares.Position{Num: 3, Den: 4}) {
		t.Errorf("Argent at %+v", p)
	}
	if _, ok := palmares.PositionOf(old, 6); ok {
		t.Error("level 6 found in 1–5")
	}
}

// TestImportRealHistory imports the real, partial history of the label
// (../shared/data/palmares) over the real territories of 2026, twice, and
// checks the trends the public pages show.
func TestImportRealHistory(t *testing.T) {
	t.Parallel()
	csvPath := testdb.PalmaresCSV(t)
	terr := testdb.Territoires2026(t)
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		st := testdb.Open(t, dialect)
		if _, err := territoires.Import(ctx, st, []string{terr}); err != nil {
			t.Fatal(err)
		}
		svc := palmares.New(st, nil)
		importFile := func() *palmares.ImportReport {
			f, err := os.Open(csvPath)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rep, err := svc.Import(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		rep := importFile()
		rows, imported, unmatched := 0, 0, 0
		for _, y := range rep.Years {
			rows += y.Rows
			imported += y.Imported
			unmatched += y.Unmatched
		}
		if rows != 85 || imported == 0 || imported+unmatched > rows || !rep.Changed() {
			t.Fatalf("first import: %d rows, %d imported, %d unmatched\n%s", rows, imported, unmatched, rep)
		}
		if !strings.Contains(rep.String(), "2016 : "+fr.Count(8, "ligne", "lignes")+", "+fr.Count(6, "importée", "importées")) {
			t.Errorf("report without the count of 2016:\n%s", rep)
		}
		again := importFile()
		if again.Changed() || !strings.Contains(again.String(), "Aucune modification") {
			t.Errorf("second import changed something:\n%s", again)
		}
		for _, y := range again.Years {
			if y.Imported != 0 || y.NewUnmatched != 0 {
				t.Errorf("second import, %d: %+v", y.Year, y)
			}
		}
		snap, err := svc.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if snap.Latest() != 2025 {
			t.Errorf("latest edition %d", snap.Latest())
		}
		want := []struct {
			slug  string
			year  int
			trend palmares.Trend
			level string
		}{
			{"35238", 2016, palmares.TrendNew, "Niveau 4 — Avancé"},
			{"35238", 2017, palmares.TrendSame, "Niveau 4 — Avancé"}, // Rennes, level 4 in 2016 and 2017
			{"13055", 2018, palmares.TrendBack, "Niveau 4 — Avancé"}, // Marseille, absent in 2017
			{"54395", 2019, palmares.TrendUp, "Niveau 5 — Excellence"},
			{"38151", 2025, palmares.TrendSame, "Or"}, // Échirolles, Or after niveau 5
			{"47031", 2023, palmares.TrendUp, "Niveau 5 — Excellence"},
			{"69123", 2021, palmares.TrendSame, "Niveau 3 — Confirmé"},
			{"31149", 2025, palmares.TrendRenewed, domain.LevelNotPublished},
			{"246300701", 2025, palmares.TrendNew, "Badge"},
			{"region-44", 2021, palmares.TrendBack, "Niveau 4 — Avancé"},
			{"departement-22", 2016, palmares.TrendNew, "Niveau 4 — Avancé"},
		}
		for _, w := range want {
			e, err := snap.Entry(w.year, w.slug)
			if err != nil {
				t.Errorf("%s %d: %v", w.slug, w.year, err)
				continue
			}
			if e.Trend != w.trend || e.LevelLabel != w.level {
				t.Errorf("%s (%s) %d: %q %q, want %q %q", e.Name, w.slug, w.year, e.Trend, e.LevelLabel, w.trend, w.level)
			}
		}
		// The map, from the real outlines of the départements when present.
		{
			geoDir := os.Getenv("TNL_GEO_DIR")
			if geoDir == "" {
				if root, err := testdb.RepoRoot(); err == nil {
					geoDir = filepath.Join(root, "..", "shared", "data", "geo")
				}
			}
			if f, err := os.Open(filepath.Join(geoDir, "departements-simplifie-2018.geojson")); err == nil {
				areas, err := geo.LoadOutlines(f)
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				var outlines []store.Outline
				for _, a := range areas {
					coords := make([][][][2]float64, len(a.Polygons))
					for i, p := range a.Polygons {
						coords[i] = make([][][2]float64, len(p))
						for j, ring := range p {
							for _, pt := range ring {
								coords[i][j] = append(coords[i][j], [2]float64{pt.Lon, pt.Lat})
							}
						}
					}
					g, _ := json.Marshal(coords)
					outlines = append(outlines, store.Outline{Kind: "departement", Code: a.Code, Name: a.Name, Geometry: string(g)})
				}
				if err := st.ReplaceGeography(ctx, nil, outlines); err != nil {
					t.Fatal(err)
				}
				svc.Invalidate()
				if snap, err = svc.Snapshot(ctx); err != nil {
					t.Fatal(err)
				}
				p, err := snap.YearPage(2018, palmares.Filter{})
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(p.Map, "<svg") || !strings.Contains(p.Map, "/palmares/2018?departement=35#laureats") || !strings.Contains(p.Map, "Ille-et-Vilaine : 1") {
					t.Errorf("map of 2018 without Rennes (35): %.300s", p.Map)
				}
			} else {
				t.Logf("outlines absent (%v): the map is not checked", err)
			}
		}
		p25, err := snap.YearPage(2025, palmares.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p25.Overseas) != 1 || p25.Overseas[0].Label != "La Réunion" {
			t.Errorf("overseas laureates of 2025: %+v", p25.Overseas)
		}
		page, err := snap.YearPage(2018, palmares.Filter{Region: "53"})
		if err != nil {
			t.Fatal(err)
		}
		if page.Matched != 1 || page.Groups[0].Entries[0].Code != "35238" || page.Total < 10 {
			t.Errorf("2018 in Bretagne: %d of %d", page.Matched, page.Total)
		}
		open, err := svc.Unmatched(ctx)
		if err != nil || len(open) != unmatched {
			t.Fatalf("unmatched: %d, %v; report said %d", len(open), err, unmatched)
		}
		var fontaine *store.PalmaresUnmatched
		for i := range open {
			if open[i].PublishedName == "Fontaine" {
				fontaine = &open[i]
			}
		}
		if fontaine == nil {
			t.Fatalf("Fontaine (several communes of that name) was matched: %+v", open)
		}
		isere, err := st.CollectiviteByCode(ctx, domain.KindCommune, "38169")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Match(ctx, fontaine.ID, isere.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Match(ctx, fontaine.ID, isere.ID); domain.ErrorCode(err) != domain.EConflict {
			t.Errorf("second match: %v", err)
		}
		snap, _ = svc.Snapshot(ctx)
		if e, err := snap.Entry(2016, "38169"); err != nil || e.PublishedName != "Fontaine" {
			t.Errorf("Fontaine after the match: %+v, %v", e, err)
		}
		third := importFile()
		if third.Changed() {
			t.Errorf("import after a match changed something:\n%s", third)
		}
	})
}
