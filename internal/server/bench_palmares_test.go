package server_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// BenchmarkPublicPalmares measures, in one run and with the same 64
// keep-alive clients on loopback, the palmarès page of an edition of N
// laureates and a badge, against net/http.FileServer serving the same bytes
// from disk. N is $TNL_BENCH_LAUREATES (default 36,359, the candidatures
// of a full campaign), each phase lasts $TNL_BENCH_SECONDS (default 5),
// the database is $TNL_BENCH_DIALECT (default sqlite). Run it alone:
//
//	go test -run '^$' -bench BenchmarkPublicPalmares -benchtime 1x ./internal/server
//
// See BENCHMARKS.md.
func BenchmarkPublicPalmares(b *testing.B) {
	n := envInt("TNL_BENCH_LAUREATES", 36359)
	seconds := envInt("TNL_BENCH_SECONDS", 5)
	dialect := os.Getenv("TNL_BENCH_DIALECT")
	if dialect == "" {
		dialect = "sqlite"
	}
	ctx := context.Background()
	st := testdb.Open(b, dialect)
	a := apptest.New(b, st)
	seedLaureates(b, ctx, st, n)
	h, err := server.Handler(a, false)
	if err != nil {
		b.Fatal(err)
	}
	app := serve(b, h)

	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128, DisableCompression: true}}
	fetch := func(url string) []byte {
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: %d", url, resp.StatusCode)
		}
		return body
	}
	start := time.Now()
	page := fetch(app + "/palmares/2025")
	first := time.Since(start)
	badge := fetch(app + "/badges/2025/C00001.svg")

	dir := b.TempDir()
	for name, body := range map[string][]byte{"palmares.html": page, "badge.svg": badge} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	files := serve(b, http.FileServer(http.Dir(dir)))

	b.ResetTimer()
	d := time.Duration(seconds) * time.Second
	results := map[string]load{}
	for _, target := range []struct{ name, url string }{
		{"page", app + "/palmares/2025"}, {"page-file", files + "/palmares.html"},
		{"badge", app + "/badges/2025/C00001.svg"}, {"badge-file", files + "/badge.svg"},
	} {
		results[target.name] = hammer(b, client, target.url, 64, d)
	}
	b.StopTimer()
	b.ReportMetric(float64(n), "laureates")
	b.ReportMetric(float64(len(page)), "page-bytes")
	b.ReportMetric(first.Seconds()*1000, "first-page-ms")
	for name, r := range results {
		b.ReportMetric(r.rate(), name+"-req/s")
		b.ReportMetric(r.p99().Seconds()*1000, name+"-p99-ms")
	}
	b.ReportMetric(results["page"].rate()/results["page-file"].rate(), "page/file")
	b.ReportMetric(results["badge"].rate()/results["badge-file"].rate(), "badge/file")
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// seedLaureates writes n communes and their 2025 palmarès entries, a
// quarter per level of the 2025 scheme.
func seedLaureates(b *testing.B, ctx context.Context, st *store.Store, n int) {
	b.Helper()
	cols := make([]domain.Collectivite, n)
	for i := range cols {
		name := fmt.Sprintf("Commune %05d", i+1)
		cols[i] = domain.Collectivite{Kind: domain.KindCommune, Code: fmt.Sprintf("C%05d", i+1), Name: name, SearchName: domain.SearchKey(name),
			DepartementCode: fmt.Sprintf("%02d", 1+i%95), RegionCode: "84", Active: true}
	}
	if err := st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: cols}); err != nil {
		b.Fatal(err)
	}
	all, err := st.CollectivitesOfKinds(ctx, domain.KindCommune)
	if err != nil {
		b.Fatal(err)
	}
	labels := []string{"Badge", "Bronze", "Argent", "Or"}
	entries := make([]*domain.PalmaresEntry, 0, len(all))
	for i, c := range all {
		level := 1 + i%4
		entries = append(entries, &domain.PalmaresEntry{Year: 2025, CollectiviteID: c.ID, PublishedName: c.Name, Awarded: true, Level: &level,
			LevelLabel: labels[level-1], Motivation: "La collectivité mène une politique remarquable en faveur du logiciel libre.", PublishedAt: st.Now()})
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.InsertPalmares(ctx, entries) }); err != nil {
		b.Fatal(err)
	}
}

func serve(b *testing.B, h http.Handler) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // closed below
	b.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

type load struct {
	n         int
	elapsed   time.Duration
	latencies []time.Duration
}

func (l load) rate() float64 { return float64(l.n) / l.elapsed.Seconds() }

func (l load) p99() time.Duration {
	s := slices.Clone(l.latencies)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)*99/100]
}

// hammer has clients GET url as fast as they can for d.
func hammer(b *testing.B, client *http.Client, url string, clients int, d time.Duration) load {
	var mu sync.Mutex
	var wg sync.WaitGroup
	out := load{}
	start := time.Now()
	deadline := start.Add(d)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) {
				t0 := time.Now()
				resp, err := client.Get(url)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body) //nolint:errcheck // measured, not checked
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Errorf("%s: %d", url, resp.StatusCode)
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			out.latencies = append(out.latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	out.elapsed = time.Since(start)
	out.n = len(out.latencies)
	return out
}
