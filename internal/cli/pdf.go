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
		pdfDocumentCommand("dossier", "Écrit en PDF le dossier d’une candidature, quel que soit son état.",
			func(s *dossier.Service) func(context.Context, int64) ([]byte, error) {
				return func(ctx context.Context, id int64) ([]byte, error) { return s.Dossier(ctx, id, dossier.Reviewers) }
			}),
		pdfDocumentCommand("receipt", "Écrit en PDF l’accusé de réception d’une candidature déposée.",
			func(s *dossier.Service) func(context.Context, int64) ([]byte, error) { return s.Receipt }),
		pdfDocumentCommand("certificate", "Écrit en PDF le certificat de labellisation d’une candidature qui a obtenu un niveau.",
			func(s *dossier.Service) func(context.Context, int64) ([]byte, error) {
				return func(ctx context.Context, id int64) ([]byte, error) { return s.Certificate(ctx, id, dossier.Reviewers) }
			}),
		pdfDossiersCommand(),
	}
}

// pdfDocuments returns the PDF service of the app.
func (a *app) pdfDocuments() (*dossier.Service, error) { return a.Documents, nil }

// pdfOutputFlag declares -o and its long form -output; usage names the
// value in back quotes, as flag.UnquoteUsage reads it.
func pdfOutputFlag(fs *flag.FlagSet, usage string) *string {
	out := fs.String("o", "", usage)
	name, _ := flag.UnquoteUsage(fs.Lookup("o"))
	fs.StringVar(out, "output", "", "comme -o `"+name+"`")
	return out
}

func pdfDocumentCommand(name, summary string, pick func(*dossier.Service) func(context.Context, int64) ([]byte, error)) *command {
	return &command{
		name:    "pdf " + name,
		args:    "NUMÉRO|RÉFÉRENCE",
		summary: summary,
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			out := pdfOutputFlag(fs, "`fichier` à écrire (obligatoire ; - pour la sortie standard)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) != 1 {
					return usagef("Donnez le numéro ou la référence de la candidature.")
				}
				if *out == "" {
					return usagef("L’option -o FICHIER est obligatoire.")
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
		summary: "Exporte en PDF tous les dossiers d’une campagne, dans un répertoire ou une archive zip (si -o finit par .zip), rendus sur tous les cœurs.",
		flags: func(fs *flag.FlagSet, env *Env) func(context.Context, *Env, []string) error {
			db := databaseFlag(fs, env)
			year := fs.Int("campaign", 0, "`année` de la campagne (obligatoire)")
			out := pdfOutputFlag(fs, "`répertoire`, ou archive zip si le nom finit par .zip (obligatoire)")
			states := fs.String("state", "", "seulement ces `états`, séparés par des virgules : deposee,recevable,… (par défaut : tous les états)")
			workers := fs.Int("workers", 0, "`nombre` de rendus menés en parallèle (par défaut : autant que de cœurs)")
			return func(ctx context.Context, env *Env, args []string) error {
				if len(args) > 0 {
					return extraArgs(args)
				}
				if *year == 0 || *out == "" {
					return usagef("Les options --campaign et -o sont obligatoires.")
				}
				if *workers < 0 || *workers > maxPDFWorkers {
					return usagef("L’option --workers doit être comprise entre 1 et %d (0 : autant que de cœurs).", maxPDFWorkers)
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
			return nil, usagef("État « %s » inconnu ; les états sont : %s.", name, strings.Join(known, ", "))
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
