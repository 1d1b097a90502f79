package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"

	"golang.org/x/term"

	"github.com/adullact/tnl/internal/dossier"
	"github.com/adullact/tnl/workflow"
)

// pdfCommands are the PDF commands: one document of a candidature, or
// every dossier of a campaign.
func pdfCommands() []*command {
	return []*command{
		pdfDocumentCommand("dossier", "Write a candidature's dossier as PDF, whatever its state.",
			func(s *dossier.Service) func(context.Context, int64) ([]byte, error) {
				return func(ctx context.Context, id int64) ([]byte, error) { return s.Dossier(ctx, id, dossier.Reviewers) }
			}),
		pdfDocumentCommand("receipt", "Write the acknowledgement of receipt of a submitted candidature as PDF.",
			func(s *dossier.Service) func(context.Context, int64) ([]byte, error) { return s.Receipt }),
		pdfDocumentCommand("certificate", "Write the certificate of a candidature awarded a level as PDF.",
			func(s *dossier.Service) func(context.Context, int64) ([]byte, error) {
				return func(ctx context.Context, id int64) ([]byte, error) { return s.Certificate(ctx, id, dossier.Reviewers) }
			}),
		pdfDossiersCommand(),
	}
}

// pdfDocuments returns the PDF service of the app.
func (a *app) pdfDocuments() (*dossier.Service, error) { return a.Documents, nil }

// pdfOutputFlag declares -o and its long form -output.
func pdfOutputFlag(fs *flag.FlagSet, usage string) *string {
	out := fs.String("o", "", usage)
	fs.StringVar(out, "output", "", "same as -o")
	return out
}

func pdfDocumentCommand(name, summary string, pick func(*dossier.Service) func(context.Context, int64) ([]byte, error)) *command {
	return &command{
		name:    "pdf " + name,
		args:    "ID|REFERENCE",
		summary: summary,
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			out := pdfOutputFlag(fs, "file to write (required; - for standard output)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("give the candidature's id or reference")
				}
				if *out == "" {
					return usagef("-o FILE is required")
				}
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				id, err := a.candidatureID(ctx, args[0])
				if err != nil {
					return err
				}
				docs, err := a.pdfDocuments()
				if err != nil {
					return err
				}
				data, err := pick(docs)(ctx, id)
				if err != nil {
					return err
				}
				if *out == "-" {
					_, err := env.Stdout.Write(data)
					return err
				}
				if err := writeFileAtomic(*out, data); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s écrit (%s).\n", *out, fr.Size(int64(len(data))))
				return nil
			}
		},
	}
}

// pdfExportGCPercent is the garbage collector's target during a bulk
// export, unless GOGC is set: rendering allocates about 1 MB per dossier
// and keeps little, so a higher target saves CPU time (see BENCHMARKS.md).
const pdfExportGCPercent = 400

func pdfDossiersCommand() *command {
	return &command{
		name:    "pdf dossiers",
		summary: "Export every dossier of a campaign as PDF, into a directory or a zip archive (-o ends with .zip), rendered on all cores.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "campaign year (required)")
			out := pdfOutputFlag(fs, "directory, or zip archive when the name ends with .zip (required)")
			states := fs.String("state", "", "only these states, comma-separated: deposee,recevable,… (default: every state)")
			workers := fs.Int("workers", 0, "rendering goroutines (default: the number of cores)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return extraArgs(args)
				}
				if *year == 0 || *out == "" {
					return usagef("--campaign and -o are required")
				}
				if *workers < 0 || *workers > maxPDFWorkers {
					return usagef("--workers must be between 1 and %d (0: the number of cores)", maxPDFWorkers)
				}
				filter, err := pdfStates(*states)
				if err != nil {
					return err
				}
				ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
				defer stop()
				a, err := openApp(ctx, env, *db)
				if err != nil {
					return err
				}
				defer a.Close()
				cp, err := a.campaignByYear(ctx, strconv.Itoa(*year))
				if err != nil {
					return err
				}
				docs, err := a.pdfDocuments()
				if err != nil {
					return err
				}
				progress := newPDFProgress(env.Stderr)
				req := dossier.ExportRequest{CampaignID: cp.ID, States: filter, Workers: *workers, Progress: progress.update}
				if env.Getenv("GOGC") == "" {
					req.GCPercent = pdfExportGCPercent
				}
				res, err := pdfExport(ctx, docs, req, *out)
				progress.finish()
				if err != nil {
					if errors.Is(err, context.Canceled) {
						return fmt.Errorf("export interrompu après %s : %w", fr.Count(res.Count, "dossier", "dossiers"), err)
					}
					return err
				}
				if res.Count == 0 {
					fmt.Fprintf(env.Stdout, "Aucun dossier à exporter : la campagne %d n’a pas de candidature%s.\n", cp.Year, pdfStatesSuffix(filter))
					return nil
				}
				rate := float64(res.Count) / max(res.Duration.Seconds(), 1e-9)
				fmt.Fprintf(env.Stdout, "%s exporté%s dans %s (%s) en %s, soit %s dossiers par seconde.\n",
					fr.Count(res.Count, "dossier", "dossiers"), fr.Plural(res.Count, "", "s"), *out, fr.Size(res.Bytes), fr.Fixed(res.Duration.Seconds(), 1)+fr.NBSP+"s", fr.Int(int64(rate)))
				return nil
			}
		},
	}
}

// pdfExport runs the export into a zip archive when out ends with .zip,
// into a directory otherwise. The archive is written under a temporary name
// and put in place when complete: an error or an interruption leaves any
// previous archive as it was.
func pdfExport(ctx context.Context, docs *dossier.Service, req dossier.ExportRequest, out string) (dossier.ExportResult, error) {
	if !strings.HasSuffix(strings.ToLower(out), ".zip") {
		req.Dir = out
		return docs.Export(ctx, req)
	}
	f, err := createAtomic(out)
	if err != nil {
		return dossier.ExportResult{}, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	req.Zip = w
	res, err := docs.Export(ctx, req)
	if err == nil {
		err = w.Flush()
	}
	if err != nil || res.Count == 0 {
		// Nothing to export: any previous archive stays as it was.
		f.Abort()
		return res, err
	}
	return res, f.Commit()
}

// maxPDFWorkers bounds --workers: rendering is CPU-bound, more goroutines
// than a few per core only cost memory.
const maxPDFWorkers = 256

// pdfStates reads a comma-separated list of candidature states.
func pdfStates(s string) ([]string, error) {
	var out []string
	states := candlc.States()
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !slices.ContainsFunc(states, func(st workflow.State) bool { return st.Name == name }) {
			known := make([]string, len(states))
			for i, st := range states {
				known[i] = st.Name
			}
			return nil, usagef("unknown state %q: expected %s", name, strings.Join(known, ", "))
		}
		out = append(out, name)
	}
	return out, nil
}

func pdfStatesSuffix(states []string) string {
	if len(states) == 0 {
		return ""
	}
	labels := make([]string, len(states))
	for i, s := range states {
		labels[i] = "« " + candlc.StateLabel(s) + " »"
	}
	return " dans l’état " + strings.Join(labels, " ou ")
}

// pdfProgress prints the progress of an export on stderr: a line
// refreshed in place on a terminal, a new line every few seconds otherwise.
type pdfProgress struct {
	w     io.Writer
	tty   bool
	every time.Duration
	start time.Time
	last  time.Time
	shown bool
}

func newPDFProgress(w io.Writer) *pdfProgress {
	p := &pdfProgress{w: w, every: 5 * time.Second, start: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty, p.every = true, 200*time.Millisecond
	}
	return p
}

func (p *pdfProgress) update(done, total int) {
	now := time.Now()
	if done < total && now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	pct := 100
	if total > 0 {
		pct = done * 100 / total
	}
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-9)
	line := fmt.Sprintf("%s / %s (%d %%), %s/s", fr.Int(done), fr.Count(total, "dossier", "dossiers"), pct, fr.Int(int64(rate)))
	if p.tty {
		fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	} else {
		fmt.Fprintln(p.w, line)
	}
	p.shown = true
}

// finish ends the line refreshed in place.
func (p *pdfProgress) finish() {
	if p.tty && p.shown {
		fmt.Fprintln(p.w)
	}
}
