package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// config is the command line.
type config struct {
	Databases    []string `json:"databases"`
	PGAdminURL   string   `json:"-"`
	N            int      `json:"n"`
	SQLiteN      int      `json:"sqlite_n"`
	Clients      int      `json:"clients"`
	DataDir      string   `json:"data_dir"`
	TNL          string   `json:"tnl,omitempty"`
	Keep         bool     `json:"keep"`
	JSONFile     string   `json:"-"`
	ProfileDir   string   `json:"profile_dir,omitempty"`
	ProfileSecs  int      `json:"profile_seconds,omitempty"`
	PGBenchScale int      `json:"pgbench_scale"`
	Year         int      `json:"year"`
	Quiet        bool     `json:"-"`
	Baseline     bool     `json:"pgbench"`
	PGBenchSecs  int      `json:"pgbench_seconds,omitempty"`
	AutosaveSecs int      `json:"autosave_seconds"`
	Jurors       int      `json:"jurors"`
	Publish      bool     `json:"publish"`
	Chromium     int      `json:"chromium_documents"`
}

const defaultPGAdminURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// parseConfig reads the command line; flag.ErrHelp when -h was asked.
func parseConfig(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("tnl-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tnl-bench [options]\n\n"+
			"Full-scale campaign benchmark: empty database, territory import, open campaign,\n"+
			"C clients signing in, answering, attaching evidence and submitting over HTTP\n"+
			"against a real `tnl serve`, then the staff side (close, recevable, PDF export),\n"+
			"and a pgbench baseline on the same PostgreSQL.\n\nOptions:\n")
		fs.PrintDefaults()
	}
	c := &config{}
	dbs := fs.String("db", "postgres,sqlite", "databases to run against, in order: postgres, sqlite or both")
	pg := os.Getenv("TNL_BENCH_PG_URL")
	if pg == "" {
		pg = defaultPGAdminURL
	}
	fs.StringVar(&c.PGAdminURL, "pg", pg, "PostgreSQL server where scratch databases are created and dropped, as a URL to a maintenance database (env TNL_BENCH_PG_URL)")
	fs.IntVar(&c.N, "n", 0, "collectivités that apply on PostgreSQL (0: every active one, 36,359 with COG 2026)")
	fs.IntVar(&c.SQLiteN, "sqlite-n", 2000, "collectivités that apply on SQLite (0: as many as -n)")
	fs.IntVar(&c.Clients, "clients", 64, "concurrent HTTP clients")
	fs.StringVar(&c.DataDir, "data", "../shared/data/territoires-2026", "directory of the territory files (communes.json, epci.json, departements.json, regions.json)")
	fs.StringVar(&c.TNL, "tnl", "", "tnl binary to run (default: built with `go build` into a temporary directory)")
	fs.BoolVar(&c.Keep, "keep", false, "keep the scratch databases and the temporary directory")
	fs.StringVar(&c.JSONFile, "json", "", "write every figure to this JSON file")
	fs.StringVar(&c.ProfileDir, "profile", "", "write CPU, heap and allocation profiles of the server, taken during the submissions, to this directory")
	fs.IntVar(&c.ProfileSecs, "profile-seconds", 20, "length of the CPU profile, taken 3 s into the submissions")
	fs.IntVar(&c.PGBenchScale, "pgbench-scale", 0, "pgbench scale factor (0: as many as clients, so that clients do not all queue on one branch row)")
	fs.IntVar(&c.Year, "year", time.Now().Year(), "campaign year")
	fs.BoolVar(&c.Quiet, "quiet", false, "no progress lines")
	fs.IntVar(&c.PGBenchSecs, "pgbench-seconds", 0, "pgbench duration (0: as long as the submissions took, the reference measurement)")
	fs.BoolVar(&c.Baseline, "pgbench", true, "run the pgbench baseline after a PostgreSQL run (-pgbench=false to skip it while iterating)")
	fs.IntVar(&c.AutosaveSecs, "autosave-seconds", 20, "length of each pure-autosave phase, closed then open loop (0: no such phase)")
	fs.IntVar(&c.Jurors, "jurors", 0, "jurors of the jury phase (0: one per 73 candidatures, 500 for the full campaign, at least 4; -1: no jury phase)")
	fs.BoolVar(&c.Publish, "publish", true, "after the jury, deliberate every candidature through the API and time `tnl campaign publish`")
	fs.IntVar(&c.Chromium, "chromium", 30, "documents printed by a warm Chromium (one browser, Page.printToPDF over CDP) to compare with the fpdf dossier, same dossier, after the first database's run (0: no comparison; needs chromium and the go command)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	for _, d := range strings.Split(*dbs, ",") {
		d = strings.TrimSpace(d)
		switch d {
		case "postgres", "sqlite":
			if !slices.Contains(c.Databases, d) {
				c.Databases = append(c.Databases, d)
			}
		case "":
		default:
			return nil, fmt.Errorf("-db: unknown database %q (postgres, sqlite)", d)
		}
	}
	switch {
	case len(c.Databases) == 0:
		return nil, errors.New("-db: no database")
	case c.Clients < 1:
		return nil, errors.New("-clients must be at least 1")
	case c.N < 0 || c.SQLiteN < 0 || c.PGBenchSecs < 0 || c.AutosaveSecs < 0 || c.Chromium < 0:
		return nil, errors.New("-n, -sqlite-n, -pgbench-seconds, -autosave-seconds and -chromium cannot be negative")
	}
	if c.SQLiteN == 0 {
		c.SQLiteN = c.N
	}
	if c.PGBenchScale <= 0 {
		c.PGBenchScale = c.Clients
	}
	return c, nil
}

// target returns how many collectivités apply on a database (0: all).
func (c *config) target(dialect string) int {
	if dialect == "sqlite" {
		return c.SQLiteN
	}
	return c.N
}
