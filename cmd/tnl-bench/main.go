// Command tnl-bench is the full-scale campaign benchmark of tnl (issue 7):
// from an empty database, it imports the territories, opens a campaign,
// makes C concurrent clients sign in, answer, attach evidence and submit
// over HTTP against a real `tnl serve`, runs the staff side (close,
// recevable through the API, PDF export of every dossier) and compares
// with pgbench on the same PostgreSQL. See BENCHMARKS.md.
//
//	go run ./cmd/tnl-bench                       # PostgreSQL (all 36,359) then SQLite (2,000)
//	go run ./cmd/tnl-bench -n 2000 -clients 16 -db postgres
//	go run ./cmd/tnl-bench -json bench.json -profile /tmp/prof
//
// It exits with 1 when a request failed or a phase could not run, never
// because a figure is slow.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/adullact/tnl/questionnaire"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "tnl-bench: %v\n", err)
		return 2
	}
	rep, err := benchmark(ctx, cfg, args, stdout)
	if rep != nil && cfg.JSONFile != "" {
		if jerr := writeJSON(cfg.JSONFile, rep); jerr != nil {
			fmt.Fprintf(stderr, "tnl-bench: %v\n", jerr)
			return 1
		}
		fmt.Fprintf(stdout, "\nChiffres écrits dans %s\n", cfg.JSONFile)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tnl-bench: %v\n", err)
		return 1
	}
	if failed(rep.Runs) {
		return 1
	}
	return 0
}

// benchmark prepares what the runs share and runs them in order.
func benchmark(ctx context.Context, cfg *config, args []string, stdout io.Writer) (*report, error) {
	if _, err := os.Stat(filepath.Join(cfg.DataDir, "communes.json")); err != nil {
		return nil, fmt.Errorf("territoires introuvables dans %s (option -data) : %w", cfg.DataDir, err)
	}
	if cfg.ProfileDir != "" {
		if err := os.MkdirAll(cfg.ProfileDir, 0o755); err != nil {
			return nil, err
		}
	}
	tmp, err := os.MkdirTemp("", "tnl-bench-")
	if err != nil {
		return nil, err
	}
	if cfg.Keep {
		fmt.Fprintf(stdout, "Dossier de travail conservé : %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	tty := false
	if f, ok := stdout.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	b := &bench{cfg: cfg, tmp: tmp, out: stdout, prog: &progress{w: stdout, tty: tty, quiet: cfg.Quiet}}
	q, err := questionnaire.Default()
	if err != nil {
		return nil, err
	}
	if b.plan, err = newPlan(q); err != nil {
		return nil, err
	}
	if b.bin = cfg.TNL; b.bin == "" {
		done := b.prog.step("Compilation de tnl (go build ./cmd/tnl)")
		if b.bin, err = buildTNL(ctx, tmp); err != nil {
			return nil, err
		}
		done("")
	}
	for _, d := range cfg.Databases {
		if d == "postgres" {
			if b.pg, err = openPGAdmin(ctx, cfg.PGAdminURL); err != nil {
				return nil, err
			}
			defer b.pg.Close()
		}
	}
	start := time.Now()
	rep := &report{StartedAt: start.UTC().Truncate(time.Second), Command: "tnl-bench " + strings.Join(args, " "),
		Machine: describeMachine(ctx, b.pg), Config: cfg}
	fmt.Fprintf(stdout, "Machine : %s, %d cœurs, %s Gio, Linux %s, %s\n", rep.Machine.CPU, rep.Machine.Cores,
		frNum(rep.Machine.MemoryGiB, 1), rep.Machine.Kernel, rep.Machine.Go)
	for _, d := range cfg.Databases {
		if ctx.Err() != nil {
			break
		}
		fmt.Fprintf(stdout, "\n### %s\n", map[string]string{"postgres": "PostgreSQL", "sqlite": "SQLite"}[d])
		r := b.runOne(ctx, d)
		rep.Runs = append(rep.Runs, r)
		printRun(stdout, r, rep.Machine)
	}
	rep.Seconds = time.Since(start).Seconds()
	return rep, ctx.Err()
}
