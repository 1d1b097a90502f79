// Command tnl-crash proves that a real `tnl serve` loses no acknowledged
// write when it is killed. On each database (SQLite, PostgreSQL) it starts
// the server, has concurrent HTTP clients sign in, create candidatures,
// save answers, attach files and deposit, and staff declare deposits
// recevable through the API, while the server is killed with SIGKILL at
// seeded random moments and restarted. Then it checks and prints the
// invariants: every acknowledged save and upload present with its value,
// each subject's state equal to its last audit row, versions equal to the
// audit counts, every email sent once or still pending, no half-written
// row, the audit trail intact.
//
// scripts/crash runs it (the CI runs scripts/crash --ci, under a minute).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

type config struct {
	TNL      string
	Dialects []string
	PG       string
	Seed     int64
	Kills    int
	Clients  int
	Cands    int // candidatures per client
	MinUp    time.Duration
	MaxUp    time.Duration
	Keep     bool
}

func main() {
	cfg := &config{}
	var dialects string
	flag.StringVar(&cfg.TNL, "tnl", "", "the tnl binary to run (required)")
	flag.StringVar(&dialects, "db", "sqlite,postgres", "databases, comma-separated: sqlite, postgres")
	flag.StringVar(&cfg.PG, "pg", envOr("TNL_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"PostgreSQL server where a scratch database is created (env TNL_TEST_DATABASE_URL)")
	flag.Int64Var(&cfg.Seed, "seed", 1, "seed of the random moments and choices")
	flag.IntVar(&cfg.Kills, "kills", 10, "how many times the server is killed, per database")
	flag.IntVar(&cfg.Clients, "clients", 8, "concurrent applicants")
	flag.IntVar(&cfg.Cands, "candidatures", 40, "most candidatures each applicant fills in and deposits (it stops after the last kill)")
	flag.DurationVar(&cfg.MinUp, "min-up", 700*time.Millisecond, "least time the server runs before a kill")
	flag.DurationVar(&cfg.MaxUp, "max-up", 2500*time.Millisecond, "most time the server runs before a kill")
	flag.BoolVar(&cfg.Keep, "keep", false, "keep the scratch databases and the server logs")
	flag.Parse()
	if cfg.TNL == "" || cfg.Kills < 0 || cfg.Clients < 1 || cfg.MaxUp < cfg.MinUp {
		flag.Usage()
		os.Exit(2)
	}
	cfg.Dialects = strings.Split(dialects, ",")
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if !run(ctx, cfg, os.Stdout) {
		os.Exit(1)
	}
}

// run runs the crash test on every database and reports whether every
// invariant held.
func run(ctx context.Context, cfg *config, out io.Writer) bool {
	ok := true
	start := time.Now()
	for i, d := range cfg.Dialects {
		r := &runner{cfg: cfg, dialect: strings.TrimSpace(d), out: out, seed: cfg.Seed + int64(i)}
		fmt.Fprintf(out, "== %s : %d arrêts brutaux (SIGKILL), %d clients, graine %d\n", r.dialect, cfg.Kills, cfg.Clients, r.seed)
		if err := r.run(ctx); err != nil {
			fmt.Fprintf(out, "ÉCHEC %s : %v\n", r.dialect, err)
			ok = false
			continue
		}
		ok = r.report() && ok
	}
	verdict := "tous les invariants tiennent"
	if !ok {
		verdict = "INVARIANTS VIOLÉS"
	}
	fmt.Fprintf(out, "== %s (%.1f s)\n", verdict, time.Since(start).Seconds())
	return ok
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
