package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/fr"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// runReport is everything measured on one database.
type runReport struct {
	Database      string          `json:"database"`
	DatabaseName  string          `json:"database_name"`
	Collectivites int             `json:"collectivites"` // active ones after the import
	Applicants    int             `json:"applicants"`
	Clients       int             `json:"clients"`
	MigrateS      float64         `json:"migrate_s"`
	ImportS       float64         `json:"import_s"`
	CampaignS     float64         `json:"campaign_s"`
	AccountsS     float64         `json:"accounts_s"`
	Load          *loadResult     `json:"load,omitempty"`
	Autosave      *autosaveResult `json:"autosave,omitempty"`
	// HashMs is the CPU time of one sign-in's argon2id check, measured in
	// the benchmark's process before the load.
	HashMs float64 `json:"signin_hash_cpu_ms"`
	// ServerMsPerSubmissionNoHash is the server's CPU per submission less
	// its sign-in's hash; PostgresMsPerSubmission PostgreSQL's.
	ServerMsPerSubmissionNoHash float64         `json:"server_cpu_ms_per_submission_without_hash,omitempty"`
	PostgresMsPerSubmission     float64         `json:"postgres_cpu_ms_per_submission,omitempty"`
	Jury                        *juryResult     `json:"jury,omitempty"`
	Publication                 *publishResult  `json:"publication,omitempty"`
	Chromium                    *chromiumResult `json:"chromium,omitempty"`
	Staff                       *staffResult    `json:"staff,omitempty"`
	DatabaseBytes               int64           `json:"database_bytes,omitempty"`
	PGBench                     *pgbenchResult  `json:"pgbench,omitempty"`
	Ratios                      *ratios         `json:"ratios,omitempty"`
	Targets                     []target        `json:"targets,omitempty"`
	Profiles                    []string        `json:"profiles,omitempty"`
	ServerLog                   string          `json:"server_log,omitempty"`
	Error                       string          `json:"error,omitempty"`
}

// ratios compare the platform with pgbench on the same PostgreSQL.
type ratios struct {
	SubmissionsPerTPS float64 `json:"submissions_per_s_over_pgbench_tps"`
	SavesPerTPS       float64 `json:"answer_saves_per_s_over_pgbench_tps"`
	// AutosavesPerTPS is the pure-autosave phase's saves/s over pgbench's
	// TPS, same clients.
	AutosavesPerTPS float64 `json:"autosaves_per_s_over_pgbench_tps,omitempty"`
}

// bench is what every run shares.
type bench struct {
	cfg  *config
	bin  string
	tmp  string
	plan *plan
	pg   *pgAdmin
	prog *progress
	out  io.Writer
}

const staffEmail = "equipe@banc.tnl.exemple.fr"

// runOne runs the whole scenario on one database. A failure of a phase
// ends the run; what was measured until then is kept in the report.
func (b *bench) runOne(ctx context.Context, dialect string) *runReport {
	r := &runReport{Database: dialect, Clients: b.cfg.Clients}
	if err := b.scenario(ctx, dialect, r); err != nil {
		r.Error = err.Error()
	}
	r.Targets = evaluateTargets(r)
	return r
}

func (b *bench) scenario(ctx context.Context, dialect string, r *runReport) error {
	db, err := b.scratch(ctx, dialect)
	if err != nil {
		return err
	}
	r.DatabaseName = db.Name
	defer func() {
		if b.cfg.Keep {
			fmt.Fprintf(b.out, "  base conservée : %s\n", db.URL)
			return
		}
		if err := db.drop(context.WithoutCancel(ctx)); err != nil {
			fmt.Fprintf(b.out, "  %v\n", err)
		}
	}()
	cli := &tnlCLI{bin: b.bin, dbURL: db.URL}
	st, err := b.prepare(ctx, cli, r)
	if err != nil {
		return err
	}
	defer st.Close()
	cp, err := st.CampaignByYear(ctx, b.cfg.Year)
	if err != nil {
		return fmt.Errorf("campagne %d : %w", b.cfg.Year, err)
	}
	apps, err := b.accounts(ctx, st, cli, dialect, r)
	if err != nil {
		return err
	}
	token, _, err := cli.run(ctx, "", "token", "create", "--email", staffEmail, "--name", "banc d’essai")
	if err != nil {
		return err
	}
	// The last applicants keep their candidature as a draft, for the
	// pure-autosave phases: one per client.
	var drafts []applicant
	if b.cfg.AutosaveSecs > 0 && len(apps) >= 4 {
		k := min(b.cfg.Clients, len(apps)/4)
		apps, drafts = apps[:len(apps)-k], apps[len(apps)-k:]
	}
	if ms, err := hashCPU(10); err == nil {
		r.HashMs = ms * 1000
	}
	if err := b.serve(ctx, st, db, cli, cp.ID, strings.TrimSpace(token), apps, drafts, r); err != nil {
		return err
	}
	if err := b.checkStates(ctx, st, cp.ID, r); err != nil {
		return err
	}
	done := b.prog.step("Export PDF de tous les dossiers (tnl pdf dossiers)")
	zipPath := filepath.Join(b.tmp, dialect+"-dossiers.zip")
	r.Staff.PDF = exportPDF(ctx, cli, b.cfg.Year, zipPath)
	if !b.cfg.Keep {
		os.Remove(zipPath)
	}
	done(describePDF(r.Staff.PDF))
	if b.cfg.Chromium > 0 && dialect == b.cfg.Databases[0] {
		done := b.prog.step(fmt.Sprintf("PDF : fpdf contre un Chromium chaud (Page.printToPDF par CDP, %d documents)", b.cfg.Chromium))
		r.Chromium = compareChromium(ctx, b.cfg.Chromium)
		done(describeChromium(r.Chromium))
	}
	if dialect == "postgres" {
		if r.DatabaseBytes, err = b.pg.size(ctx, db.Name); err != nil {
			return err
		}
		if b.cfg.Baseline {
			return b.baseline(ctx, r)
		}
	}
	return nil
}

// serve starts tnl serve, runs the submissions and the staff's API calls
// against it, then stops it.
func (b *bench) serve(ctx context.Context, st *store.Store, db *scratch, cli *tnlCLI, campaignID int64, token string, apps, drafts []applicant, r *runReport) error {
	logPath := filepath.Join(b.tmp, db.Dialect+"-serve.log")
	if b.cfg.Keep {
		r.ServerLog = logPath
	}
	srv, err := startServer(ctx, b.bin, db.URL, logPath)
	if err != nil {
		return err
	}
	defer srv.stop() //nolint:errcheck // stopped below on the normal path
	rctx, stopRSS := context.WithCancel(ctx)
	defer stopRSS()
	rss := &rssPoller{pid: srv.Pid}
	rss.start(rctx, 100*time.Millisecond)
	hc := newHTTPClient(b.cfg.Clients)
	defer hc.CloseIdleConnections()

	load, err := b.submissions(ctx, srv, hc, rss, apps, r)
	r.Load = load
	if err != nil {
		return err
	}
	if load.Outbox, err = readOutbox(ctx, st); err != nil {
		return err
	}
	if c := load.CPU; load.Submissions > 0 && c.Server > 0 {
		n := float64(load.Submissions)
		r.ServerMsPerSubmissionNoHash = max(0, c.Server*1000/n-r.HashMs*float64(load.Ops["signin"].Count)/n)
		r.PostgresMsPerSubmission = c.Postgres * 1000 / n
	}
	if len(drafts) > 0 {
		r.Autosave, err = b.autosavePhases(ctx, srv, hc, drafts, r, b.cfg.AutosaveSecs)
		if err != nil {
			return err
		}
		if err := checkVersions(ctx, st, r.Autosave.versions); err != nil {
			return err
		}
	}
	r.Staff = &staffResult{}
	done := b.prog.step(fmt.Sprintf("Clôture de la campagne %d (tnl campaign close)", b.cfg.Year))
	_, took, err := (&tnlCLI{bin: b.bin, dbURL: db.URL}).run(ctx, "", "campaign", "close", strconv.Itoa(b.cfg.Year))
	if err != nil {
		return err
	}
	r.Staff.CloseSeconds = took.Seconds()
	done("")
	done = b.prog.step(fmt.Sprintf("Déclaration recevable de %s candidatures (API, jeton de l’équipe, %d clients)", frInt(len(load.ids)), b.cfg.Clients))
	r.Staff.Recevable = declareRecevable(ctx, srv.BaseURL, token, hc, load.ids, b.cfg.Clients, b.prog)
	done(fmt.Sprintf("%s/s, p99 %s ms, %s", frNum(r.Staff.Recevable.PerSec, 0), frNum(r.Staff.Recevable.Latency.P99, 1), errorCount(r.Staff.Recevable.Errors)))
	if err := b.juryAndPublication(ctx, st, srv, hc, cli, campaignID, token, load.ids, r); err != nil {
		return err
	}
	r.Staff.PeakRSS, _, _ = rss.result()
	if err := srv.stop(); err != nil {
		return fmt.Errorf("arrêt de tnl serve : %w", err)
	}
	return nil
}

// checkStates verifies that every submitted candidature is recevable.
func (b *bench) checkStates(ctx context.Context, st *store.Store, campaignID int64, r *runReport) error {
	counts, err := st.CountCandidatures(ctx, campaignID)
	if err != nil {
		return err
	}
	r.Staff.FinalStateCounts = counts
	want := len(r.Load.ids)
	// Where the phases left them: recevable, in instruction after the
	// jury, published after the publication.
	state, label := domain.Recevable, "recevable"
	switch {
	case r.Publication != nil && r.Publication.PublishSeconds > 0:
		state, label = domain.Publiee, "publiée"
	case r.Jury != nil:
		state, label = domain.EnInstruction, "en instruction"
	}
	if counts[state] != want {
		return fmt.Errorf("%s en base, %d attendues : %v", fr.Count(counts[state], "candidature "+label, "candidatures "+label+"s"), want, counts)
	}
	return nil
}

// checkVersions verifies that every acknowledged save of the autosave
// phases is in the database: each answer's version is the count of its
// saves.
func checkVersions(ctx context.Context, st *store.Store, want map[int64]map[string]int) error {
	for id, keys := range want {
		answers, err := st.Answers(ctx, id)
		if err != nil {
			return err
		}
		got := map[string]int{}
		for _, a := range answers {
			got[a.QuestionKey] = a.Version
		}
		for k, v := range keys {
			if got[k] != v {
				return fmt.Errorf("candidature %d, %s : version %d en base, %d enregistrements acquittés", id, k, got[k], v)
			}
		}
	}
	return nil
}
