package territoires_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
)

func counts(t *testing.T, st *store.Store) map[domain.CollectiviteKind]int {
	t.Helper()
	c, err := st.CountCollectivites(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestImportLifecycle(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		st := testdb.Open(t, dialect)

		r, err := territoires.Import(ctx, st, []string{"testdata/v1"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[domain.CollectiviteKind]territoires.Counts{
			domain.KindRegion:      {Created: 2},
			domain.KindDepartement: {Created: 2},
			domain.KindCommune:     {Created: 5},
			domain.KindEPCI:        {Created: 1},
		}
		for k, w := range want {
			if got := *r.Kinds[k]; got != w {
				t.Errorf("first import, %s: got %+v, want %+v", k, got, w)
			}
		}
		if r.MembersAdded != 3 {
			t.Errorf("members added = %d, want 3", r.MembersAdded)
		}
		ain, err := st.CollectiviteByCode(ctx, domain.KindDepartement, "01")
		if err != nil {
			t.Fatal(err)
		}
		if ain.Population != 860+270+15934+1906 {
			t.Errorf("population of Ain = %d, want the sum of its communes", ain.Population)
		}
		epci, err := st.CollectiviteByCode(ctx, domain.KindEPCI, "200042935")
		if err != nil {
			t.Fatal(err)
		}
		if epci.DepartementCode != "01" || epci.RegionCode != "84" || epci.Subtype != "CC" {
			t.Errorf("EPCI placed in %s/%s (%s), want 01/84 (CC)", epci.DepartementCode, epci.RegionCode, epci.Subtype)
		}

		// Same files again: nothing changes, and the report says so.
		before, _ := st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
		r, err = territoires.Import(ctx, st, []string{"testdata/v1"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Changed() {
			t.Errorf("second import changed something:\n%s", r)
		}
		if !strings.Contains(r.String(), "Aucun changement") {
			t.Errorf("report does not say nothing changed:\n%s", r)
		}
		after, _ := st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
		if !after.UpdatedAt.Equal(before.UpdatedAt) {
			t.Errorf("unchanged commune was rewritten: %v → %v", before.UpdatedAt, after.UpdatedAt)
		}

		// Next year's files: a rename, a merger, population changes.
		r, err = territoires.Import(ctx, st, []string{"testdata/v2"})
		if err != nil {
			t.Fatal(err)
		}
		if got := *r.Kinds[domain.KindCommune]; got != (territoires.Counts{Updated: 2, Retired: 1, Unchanged: 2}) {
			t.Errorf("communes after v2: %+v", got)
		}
		if r.MembersRemoved != 1 || r.MembersAdded != 0 {
			t.Errorf("members: +%d -%d, want +0 -1", r.MembersAdded, r.MembersRemoved)
		}
		merged, err := st.CollectiviteByCode(ctx, domain.KindCommune, "01005")
		if err != nil {
			t.Fatal(err)
		}
		if merged.Active || merged.MergedInto != "01004" {
			t.Errorf("merged commune: active=%v merged_into=%q, want inactive merged into 01004", merged.Active, merged.MergedInto)
		}
		renamed, _ := st.CollectiviteByCode(ctx, domain.KindCommune, "01002")
		if renamed.Name != "L'Abergement-de-Varey-Neuf" {
			t.Errorf("renamed commune is called %q", renamed.Name)
		}
		dep, _ := st.CollectiviteByCode(ctx, domain.KindDepartement, "04")
		if dep.Name != "Alpes-de-Haute-Provence (renommé)" {
			t.Errorf("renamed département is called %q", dep.Name)
		}
		if got := counts(t, st)[domain.KindCommune]; got != 4 {
			t.Errorf("%d active communes, want 4", got)
		}
		members, err := st.EPCIMembersOf(ctx, "200042935")
		if err != nil {
			t.Fatal(err)
		}
		if len(members) != 2 {
			t.Errorf("EPCI has %d members, want 2", len(members))
		}
	})
}

func TestImportRejectsMalformedFiles(t *testing.T) {
	t.Parallel()
	good := `{"code":"01001","nom":"L'Abergement-Clémenciat","type":"commune-actuelle","departement":"01","region":"84","population":860}`
	tests := []struct {
		name, content string
		want          []string
	}{
		{"empty name", "[" + good + ",\n" + `{"code":"01002","nom":"","type":"commune-actuelle","departement":"01","region":"84"}]`,
			[]string{"communes.json", "entrée n° 2", "« nom »", "absent ou vide"}},
		{"bad code", `[{"code":"1001","nom":"X","type":"commune-actuelle","departement":"01","region":"84"}]`,
			[]string{"entrée n° 1", "code « 1001 »", "code INSEE"}},
		{"unknown type", `[{"code":"01001","nom":"X","type":"village","departement":"01","region":"84"}]`,
			[]string{"entrée n° 1", "« village »", "commune-actuelle"}},
		{"wrong JSON type", "[" + good + ",\n" + `{"code":"01002","nom":"X","type":"commune-actuelle","departement":"01","region":"84","population":"beaucoup"}]`,
			[]string{"entrée n° 2", "ligne 2", "« population »", "nombre"}},
		{"truncated", "[" + good + ",\n" + `{"code":"01002","nom":"X"`,
			[]string{"entrée n° 2", "JSON"}},
		{"not a list", `{"code":"01001"}`, []string{"communes.json", "liste JSON"}},
		{"duplicate", "[" + good + ",\n" + good + "]", []string{"entrée n° 2", "déjà présent à l’entrée n° 1"}},
		{"negative population", `[{"code":"01001","nom":"X","type":"commune-actuelle","departement":"01","region":"84","population":-3}]`,
			[]string{"« population »", "négatif"}},
		{"empty file", `[]`, []string{"aucune entrée"}},
		{"no current commune", `[{"code":"01015","nom":"Arbignieu","type":"commune-deleguee","chefLieu":"01015","departement":"01","region":"84"}]`,
			[]string{"aucune commune actuelle"}},
		{"syntax error", "[" + good + ",\n" + `{"code":"01002",,}]`, []string{"entrée n° 2", "JSON mal formé", "virgules"}},
		{"decimal population", "[" + good + ",\n" + `{"code":"01002","nom":"X","type":"commune-actuelle","departement":"01","region":"84","population":12.5}]`,
			[]string{"« population » doit être de type nombre", "nombre 12.5"}},
	}
	testdb.Each(t, func(t *testing.T, dialect string) {
		st := testdb.Open(t, dialect)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "communes.json")
				if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
					t.Fatal(err)
				}
				// A sound file given with the faulty one is not imported either.
				if err := os.WriteFile(filepath.Join(dir, "regions.json"), []byte(`[{"code":"84","nom":"Auvergne-Rhône-Alpes"}]`), 0o644); err != nil {
					t.Fatal(err)
				}
				_, err := territoires.Import(context.Background(), st, []string{dir})
				if err == nil {
					t.Fatal("malformed file accepted")
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not mention %q", err, w)
					}
				}
				if n := counts(t, st); len(n) != 0 {
					t.Errorf("something was imported: %v", n)
				}
			})
		}
	})
}

func TestResolve(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		want    int
		wantErr string
	}{
		{"directory", []string{"testdata/v1"}, 4, ""},
		{"single file", []string{"testdata/v1/epci.json"}, 1, ""},
		{"nothing", nil, 0, "indiquez"},
		{"missing", []string{"testdata/nope"}, 0, "introuvable"},
		{"unknown name", []string{"import_test.go"}, 0, "non reconnu"},
		{"twice", []string{"testdata/v1", "testdata/v2/communes.json"}, 0, "même type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := territoires.Resolve(tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Errorf("%d sources, want %d", len(got), tt.want)
			}
		})
	}
}

func TestImportReal2026(t *testing.T) {
	t.Parallel()
	dir := testdb.Territoires2026(t)
	if testing.Short() {
		t.Skip("full COG import skipped in -short mode")
	}
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		st := testdb.Open(t, dialect)
		r, err := territoires.Import(ctx, st, []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		want := map[domain.CollectiviteKind]int{
			domain.KindCommune: 34969, domain.KindEPCI: 1255, domain.KindDepartement: 109, domain.KindRegion: 26,
		}
		got := counts(t, st)
		total := 0
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: %d, want %d", k, got[k], w)
			}
			if r.Kinds[k].Created != w {
				t.Errorf("%s: report says %d created, want %d", k, r.Kinds[k].Created, w)
			}
			total += got[k]
		}
		if total != 36359 {
			t.Errorf("%d collectivités, want 36,359", total)
		}
		r, err = territoires.Import(ctx, st, []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		if r.Changed() {
			t.Errorf("second import of the same files changed something:\n%s", r)
		}
		found, err := st.SearchCollectivites(ctx, "clemenciat", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != 1 || found[0].Code != "01001" {
			t.Errorf("search for « clemenciat » found %v", found)
		}
	})
}

func BenchmarkImport2026(b *testing.B) {
	dir := testdb.Territoires2026(b)
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st := testdb.Open(b, dialect)
				b.StartTimer()
				if _, err := territoires.Import(context.Background(), st, []string{dir}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(36359, "collectivités/op")
		})
	}
}
