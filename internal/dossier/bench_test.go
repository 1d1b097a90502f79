package dossier_test

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/dossier"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/questionnaire"
)

// newService returns the documents service of st.
func newService(tb testing.TB, st *store.Store) *dossier.Service {
	tb.Helper()
	engine, err := pdf.New()
	if err != nil {
		tb.Fatal(err)
	}
	return dossier.New(st, questionnaire.NewCache(), engine)
}

// smallCampaign is a campaign of the default questionnaire with the
// candidature of one commune, seeded as the bulk benchmark seeds them.
func smallCampaign(b *testing.B, dialect string) (*store.Store, int64) {
	st := testdb.Open(b, dialect)
	now := st.Now()
	err := st.ApplyTerritoryChanges(context.Background(), &store.TerritoryChanges{Upsert: []domain.Collectivite{
		{Kind: domain.KindDepartement, Code: "01", Name: "Ain", SearchName: "ain", DepartementCode: "01", RegionCode: "84", Population: 671289, Active: true, UpdatedAt: now},
		{Kind: domain.KindCommune, Code: "01053", Name: "Bourg-en-Bresse", SearchName: "bourg en bresse", DepartementCode: "01", RegionCode: "84", Population: 41248, Active: true, UpdatedAt: now},
	}})
	if err != nil {
		b.Fatal(err)
	}
	cp, _ := seedCampaign(b, st, 2026)
	ids, err := st.CandidatureIDs(context.Background(), cp.ID)
	if err != nil || len(ids) != 2 {
		b.Fatalf("candidatures %v: %v", ids, err)
	}
	return st, ids[1] // the commune's
}

// BenchmarkBuildDossier loads a candidature of the default questionnaire
// (56 answers, 2 files) from the store and builds its view: the work done
// per dossier before rendering, when dossiers are rendered one at a time.
func BenchmarkBuildDossier(b *testing.B) {
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			st, id := smallCampaign(b, dialect)
			svc := newService(b, st)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := svc.BuildDossier(ctx, id, dossier.Reviewers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDossier is BuildDossier followed by the rendering: what the
// web page « télécharger le dossier » costs.
func BenchmarkDossier(b *testing.B) {
	st, id := smallCampaign(b, store.SQLite)
	svc := newService(b, st)
	ctx := context.Background()
	var size int
	b.ReportAllocs()
	for b.Loop() {
		data, err := svc.Dossier(ctx, id, dossier.Reviewers)
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size), "bytes/doc")
}

// BenchmarkExport36k exports a campaign of 36 359 candidatures, one per
// collectivité of the COG 2026 (../shared/data/territoires-2026), to a zip
// file, on each database. It reports the dossiers per second, the time of
// the whole export and the peak resident memory of the export (VmHWM, reset
// after seeding). Seeding takes a few minutes per database; run it alone:
//
//	go test -run '^$' -bench Export36k -benchtime 1x -timeout 60m ./internal/dossier
func BenchmarkExport36k(b *testing.B) {
	dir := testdb.Territoires2026(b)
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			st := testdb.Open(b, dialect)
			start := time.Now()
			if _, err := territoires.Import(context.Background(), st, []string{dir}); err != nil {
				b.Fatal(err)
			}
			cp, n := seedCampaign(b, st, 2026)
			b.Logf("%s: %d candidatures seeded in %s", dialect, n, time.Since(start).Round(time.Second))
			svc := newService(b, st)
			out := filepath.Join(b.TempDir(), "dossiers-2026.zip")
			runtime.GC()
			debug.FreeOSMemory()
			resetPeakRSS(b)
			var res dossier.ExportResult
			for b.Loop() {
				res = exportZip(b, svc, cp.ID, out)
			}
			if res.Count != n {
				b.Fatalf("%d dossiers exported, want %d", res.Count, n)
			}
			info, err := os.Stat(out)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(res.Count)/res.Duration.Seconds(), "dossiers/s")
			b.ReportMetric(res.Duration.Seconds(), "s/export")
			b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-RSS-MiB")
			b.ReportMetric(float64(info.Size())/1e6, "zip-MB")
		})
	}
}

// BenchmarkExportSeeded exports the campaign 2026 of the database named by
// TNL_BULK_DATABASE_URL, seeded beforehand by TestSeedBulkDatabase, to a
// zip file: the export alone, e.g. for a CPU profile (-cpuprofile).
func BenchmarkExportSeeded(b *testing.B) {
	url := os.Getenv("TNL_BULK_DATABASE_URL")
	if url == "" {
		b.Skip("TNL_BULK_DATABASE_URL unset: seed a database with TestSeedBulkDatabase first")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	cp, err := st.CampaignByYear(ctx, 2026)
	if err != nil {
		b.Fatal(err)
	}
	svc := newService(b, st)
	out := filepath.Join(b.TempDir(), "dossiers-2026.zip")
	resetPeakRSS(b)
	var res dossier.ExportResult
	for b.Loop() {
		res = exportZip(b, svc, cp.ID, out)
	}
	b.ReportMetric(float64(res.Count)/res.Duration.Seconds(), "dossiers/s")
	b.ReportMetric(res.Duration.Seconds(), "s/export")
	b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-RSS-MiB")
}

func exportZip(b *testing.B, svc *dossier.Service, campaignID int64, path string) dossier.ExportResult {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	req := dossier.ExportRequest{CampaignID: campaignID, Zip: w}
	if os.Getenv("GOGC") == "" {
		req.GCPercent = 400 // as tnl pdf dossiers does
	}
	res, err := svc.Export(context.Background(), req)
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	return res
}

// resetPeakRSS resets the process's peak resident set size (VmHWM), so
// that it measures what follows rather than the seeding.
func resetPeakRSS(tb testing.TB) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		tb.Logf("peak RSS not reset (%v): it includes the seeding", err)
	}
}

// peakRSS returns VmHWM in bytes, or 0 where /proc is absent.
func peakRSS(tb testing.TB) int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		tb.Logf("peak RSS unknown: %v", err)
		return 0
	}
	for line := range bytes.Lines(status) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(rest)), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// TestSeedBulkDatabase fills the database named by TNL_BULK_SEED_URL (an
// empty PostgreSQL database or a new SQLite file) with the 36 359
// candidatures of BenchmarkExport36k, so that the export command can be
// measured on its own, e.g. under /usr/bin/time -v. It is skipped
// otherwise. See BENCHMARKS.md.
func TestSeedBulkDatabase(t *testing.T) {
	t.Parallel()
	url := os.Getenv("TNL_BULK_SEED_URL")
	if url == "" {
		t.Skip("TNL_BULK_SEED_URL unset: nothing to seed")
	}
	dir := testdb.Territoires2026(t)
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := territoires.Import(ctx, st, []string{dir}); err != nil {
		t.Fatal(err)
	}
	_, n := seedCampaign(t, st, 2026)
	t.Logf("%d candidatures seeded in %s", n, time.Since(start).Round(time.Second))
}
