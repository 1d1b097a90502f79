package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// report is the JSON document written by -json.
type report struct {
	StartedAt time.Time    `json:"started_at"`
	Seconds   float64      `json:"seconds"`
	Command   string       `json:"command"`
	Machine   machine      `json:"machine"`
	Config    *config      `json:"config"`
	Runs      []*runReport `json:"runs"`
}

func writeJSON(path string, rep *report) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// opLabels names the operations in the summary, in journey order.
var opLabels = []struct{ op, label string }{
	{"signin_page", "page de connexion (GET)"},
	{"signin", "connexion (argon2id)"},
	{"create", "création"},
	{"save", "enregistrement d’une réponse"},
	{"upload", "pièce justificative (PDF)"},
	{"submit", "dépôt"},
}

func dbLabel(r *runReport) string {
	if r.Database == "postgres" {
		return "PostgreSQL"
	}
	return "SQLite"
}

// printRun writes the human summary of a run.
func printRun(w io.Writer, r *runReport, m machine) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	version := ""
	if r.Database == "postgres" && m.PostgreSQL != nil {
		version = " " + strings.Fields(m.PostgreSQL["server_version"] + " ")[0]
	}
	p("")
	p("== %s%s — %s collectivités candidates sur %s, %d clients ==", dbLabel(r), version, frInt(r.Applicants), frInt(r.Collectivites), r.Clients)
	p("Préparation : migrations %s s · import des territoires %s s · campagne %s s · comptes %s s",
		frNum(r.MigrateS, 2), frNum(r.ImportS, 2), frNum(r.CampaignS, 2), frNum(r.AccountsS, 2))
	if l := r.Load; l != nil && l.Seconds > 0 {
		p("Dépôts par HTTP (%s candidatures, %d clients) en %s s", frInt(l.Applicants), l.Clients, frNum(l.Seconds, 1))
		p("  débit          %s dépôts/s · %s enregistrements de réponse/s · %s requêtes/s",
			frNum(l.SubmissionsPerSec, 2), frNum(l.SavesPerSec, 0), frNum(l.RequestsPerSec, 0))
		p("  erreurs        %d (candidatures en échec : %d)", l.Errors, l.FailedApplicants)
		for _, e := range l.FirstErrors {
			p("    %s %s → %d : %s", e.Method, e.Path, e.Status, e.Body)
		}
		p("  mémoire        RSS max du serveur %s (VmHWM %s)", megabytes(l.PeakRSS), megabytes(l.HWM))
		if c := l.CPU; c.Total > 0 {
			p("  CPU            serveur %s %% · PostgreSQL %s %% · banc %s %% · autres processus %s %% · machine occupée %s %% (des %d cœurs)",
				pct(c.Server, c.Total), pct(c.Postgres, c.Total), pct(c.Client, c.Total), pct(c.other(), c.Total), pct(c.Busy, c.Total), m.Cores)
			if l.Submissions > 0 {
				p("  par dépôt      %s ms CPU serveur · %s ms CPU PostgreSQL", frNum(c.Server*1000/float64(l.Submissions), 1), frNum(c.Postgres*1000/float64(l.Submissions), 1))
			}
		}
		if s := l.Server; s != nil {
			p("  SQL            %s requêtes par dépôt (BEGIN/COMMIT et envois de courriels compris) · attentes de connexion : %s (%s s, pool de %d)",
				frNum(s.QueriesPerSubmission, 0), frInt(int(s.PoolWaits)), frNum(s.PoolWaitSeconds, 1), s.MaxOpenConnections)
		}
		if o := l.Outbox; o != nil {
			p("  courriels      %s envoyés pendant les dépôts, %s encore en attente à leur fin (le serveur les envoie ensuite)", frInt(o.Sent), frInt(o.Pending))
		}
		if pr := l.Probe; pr != nil {
			var parts []string
			for _, o := range opLabels {
				if n, ok := pr.PerOp[o.op]; ok {
					parts = append(parts, fmt.Sprintf("%s %d", o.op, n))
				}
			}
			p("  sonde          %d requêtes SQL par candidature seule : %s", pr.PerSubmission, strings.Join(parts, " · "))
			if s, ok := pr.Ops["save"]; ok {
				p("                 seule sur le serveur, un enregistrement prend %s ms (p50), %s ms (max sur %d)", frNum(s.P50, 2), frNum(s.Max, 2), s.Count)
			}
		}
		p("  latences (ms)  %-32s %8s %8s %8s %8s %8s %8s", "", "nombre", "moy.", "p50", "p95", "p99", "max")
		for _, o := range opLabels {
			if s, ok := l.Ops[o.op]; ok {
				p("                 %-32s %8d %8s %8s %8s %8s %8s", o.label, s.Count, frNum(s.Mean, 1), frNum(s.P50, 1), frNum(s.P95, 1), frNum(s.P99, 1), frNum(s.Max, 1))
			}
		}
	}
	if r.HashMs > 0 && r.ServerMsPerSubmissionNoHash > 0 {
		p("  sans le hachage %s ms CPU serveur par dépôt (hachage argon2id d’une connexion : %s ms CPU, mesuré dans le banc) · %s ms CPU PostgreSQL (/proc des processus de la base)",
			frNum(r.ServerMsPerSubmissionNoHash, 1), frNum(r.HashMs, 1), frNum(r.PostgresMsPerSubmission, 1))
	}
	if a := r.Autosave; a != nil && (a.Saves > 0 || a.Errors > 0) {
		p("Enregistrements seuls (%d clients connectés, chacun sur son brouillon, %s s)", a.Clients, frNum(a.Seconds, 1))
		p("  boucle fermée  %s enregistrements/s · p50 %s ms · p99 %s ms · %s requêtes SQL par enregistrement · CPU %s ms serveur, %s ms PostgreSQL par enregistrement",
			frNum(a.SavesPerSec, 0), frNum(a.Latency.P50, 2), frNum(a.Latency.P99, 1), frNum(a.QueriesPerSave, 2), frNum(a.ServerMsPerSave, 2), frNum(a.PostgresMsPerSave, 2))
		if c := a.CPU; c.Total > 0 {
			p("                 CPU serveur %s %% · PostgreSQL %s %% · banc %s %% · autres %s %% · machine occupée %s %%",
				pct(c.Server, c.Total), pct(c.Postgres, c.Total), pct(c.Client, c.Total), pct(c.other(), c.Total), pct(c.Busy, c.Total))
		}
		for _, e := range a.FirstErrors {
			p("    %s %s → %d : %s", e.Method, e.Path, e.Status, e.Body)
		}
		if o := a.OpenLoop; o != nil {
			p("  boucle ouverte %s/s visés, %s/s obtenus (%s enregistrements) · depuis l’instant prévu : p50 %s ms, p99 %s ms, max %s ms · service seul : p50 %s ms, p99 %s ms · au plus %d en cours",
				frNum(o.TargetPerSec, 0), frNum(o.AchievedPerSec, 0), frInt(o.Saves), frNum(o.Latency.P50, 2), frNum(o.Latency.P99, 1), frNum(o.Latency.Max, 1),
				frNum(o.Service.P50, 2), frNum(o.Service.P99, 1), o.MaxInFlight)
			if c := o.CPU; c.Total > 0 {
				p("                 CPU serveur %s %% · PostgreSQL %s %% · banc %s %% · autres %s %% · machine occupée %s %%",
					pct(c.Server, c.Total), pct(c.Postgres, c.Total), pct(c.Client, c.Total), pct(c.other(), c.Total), pct(c.Busy, c.Total))
			}
		}
	}
	if s := r.Staff; s != nil {
		p("Équipe")
		p("  clôture        %s s", frNum(s.CloseSeconds, 2))
		if a := s.Recevable; a != nil {
			p("  recevables     %s par l’API en %s s (%s/s), p99 %s ms, %s", frInt(a.Calls), frNum(a.Seconds, 1), frNum(a.PerSec, 0), frNum(a.Latency.P99, 1), errorCount(a.Errors))
			for _, e := range a.FirstErrors {
				p("    %s %s → %d : %s", e.Method, e.Path, e.Status, e.Body)
			}
		}
		if s.PDF != nil {
			p("  PDF            %s", describePDF(s.PDF))
		}
		if r.Chromium != nil {
			p("  Chromium chaud %s", describeChromium(r.Chromium))
		}
		if s.PeakRSS > 0 {
			p("  mémoire        RSS max du serveur, dépôts et API de l’équipe : %s", megabytes(s.PeakRSS))
		}
	}
	if j := r.Jury; j != nil {
		p("Jury (%d jurés, %s candidatures, %d évaluations chacune)", j.Jurors, frInt(j.Candidatures), j.PerCandidature)
		p("  affectation    tnl jury assign %s s (service %s s) · %s affectations, %d non pourvues, charges %d–%d", frNum(j.AssignSeconds, 2), frNum(j.ServiceSecond, 2),
			frInt(j.Assigned), j.Unfilled, j.LoadMin, j.LoadMax)
		p("  évaluations    %s remises par HTTP en %s s (%s/s), %s", frInt(j.Evaluations), frNum(j.Seconds, 1), frNum(j.PerSec, 1), errorCount(j.Errors))
		for _, e := range j.FirstErrors {
			p("    %s %s → %d : %s", e.Method, e.Path, e.Status, e.Body)
		}
		for _, o := range []struct{ op, label string }{{"evaluation_list", "liste du juré"}, {"evaluation_save", "brouillon complet (PUT)"}, {"evaluation_submit", "remise"}} {
			if s, ok := j.Ops[o.op]; ok {
				p("                 %-32s %8d %8s %8s %8s %8s %8s", o.label, s.Count, frNum(s.Mean, 1), frNum(s.P50, 1), frNum(s.P95, 1), frNum(s.P99, 1), frNum(s.Max, 1))
			}
		}
	}
	if u := r.Publication; u != nil {
		p("Publication (%s candidatures)", frInt(u.Candidatures))
		for _, ev := range []string{"instruire", "evaluer", "deliberer"} {
			if a := u.Steps[ev]; a != nil {
				p("  %-14s %s par l’API en %s s (%s/s), p50 %s ms, p99 %s ms, %s", ev, frInt(a.Calls), frNum(a.Seconds, 1), frNum(a.PerSec, 0), frNum(a.Latency.P50, 1), frNum(a.Latency.P99, 1), errorCount(a.Errors))
				for _, e := range a.FirstErrors {
					p("    %s %s → %d : %s", e.Method, e.Path, e.Status, e.Body)
				}
			}
		}
		if u.PublishSeconds > 0 {
			p("  publication    tnl campaign publish %s s · %s candidatures publiées", frNum(u.PublishSeconds, 2), frInt(u.Published))
		}
		if a := u.Palmares; a != nil {
			p("  page publique  /palmares : %s pages en %s s (%s/s), p50 %s ms, p99 %s ms, %s", frInt(a.Calls), frNum(a.Seconds, 1), frNum(a.PerSec, 0),
				frNum(a.Latency.P50, 1), frNum(a.Latency.P99, 1), errorCount(a.Errors))
		}
		if u.Note != "" {
			p("  %s", u.Note)
		}
	}
	if b := r.PGBench; b != nil && b.Error != "" {
		p("Référence pgbench : %s", b.Error)
	} else if b != nil {
		p("Référence pgbench (tpcb-like, échelle %d, %d clients, %d threads, %d s) : %s TPS, latence moyenne %s ms",
			b.Scale, b.Clients, b.Threads, b.Seconds, frNum(b.TPS, 0), frNum(b.LatencyMs, 2))
		if b.PostgresMsPerTx > 0 {
			p("  CPU PostgreSQL           %s ms par transaction pgbench", frNum(b.PostgresMsPerTx, 3))
		}
		if q := r.Ratios; q != nil {
			p("  dépôts/s ÷ TPS           %s", frNum(q.SubmissionsPerTPS, 4))
			p("  enregistrements/s ÷ TPS  %s (pendant les dépôts, mêlés aux connexions)", frNum(q.SavesPerTPS, 3))
			if q.AutosavesPerTPS > 0 {
				p("  enregistrements seuls/s ÷ TPS  %s (mêmes clients)", frNum(q.AutosavesPerTPS, 3))
			}
		}
	}
	if r.DatabaseBytes > 0 {
		p("Taille de la base : %s", megabytes(r.DatabaseBytes))
	}
	if len(r.Targets) > 0 {
		p("Objectifs")
		for _, t := range r.Targets {
			mark := "–"
			if t.Met != nil {
				mark = map[bool]string{true: "✓", false: "✗"}[*t.Met]
			}
			line := fmt.Sprintf("  %s %-40s %-24s obtenu : %s", mark, t.Name, t.Want, t.Got)
			if t.Note != "" {
				line += " (" + t.Note + ")"
			}
			p("%s", line)
		}
	}
	if len(r.Profiles) > 0 {
		p("Profils : %s", strings.Join(r.Profiles, ", "))
	}
	if r.Error != "" {
		p("ÉCHEC : %s", r.Error)
	}
}

func describePDF(r *pdfResult) string {
	switch {
	case r == nil:
		return "non mesuré"
	case !r.Available:
		return r.Error
	case r.Error != "":
		return "échec : " + r.Error
	}
	return fmt.Sprintf("%s dossiers en %s s (%s/s), archive de %s", frInt(r.Dossiers), frNum(r.Seconds, 1), frNum(r.PerSec, 0), megabytes(r.Bytes))
}

func pct(part, total float64) string {
	if total <= 0 {
		return "—"
	}
	return frNum(100*part/total, 0)
}

// failed reports whether a run must fail the command: an error, never a
// slow figure.
func failed(runs []*runReport) bool {
	return slices.ContainsFunc(runs, func(r *runReport) bool {
		for _, t := range r.Targets {
			if t.Name == "erreurs" && t.Met != nil && !*t.Met {
				return true
			}
		}
		return r.Error != ""
	})
}

func describeChromium(c *chromiumResult) string {
	switch {
	case c == nil:
		return "non mesuré"
	case c.Error != "":
		return "échec : " + c.Error
	case c.Skipped != "":
		return c.Skipped
	}
	line := fmt.Sprintf("%s ms par dossier (Page.printToPDF, navigateur gardé ouvert) contre %s ms pour fpdf : %s × plus rapide",
		frNum(c.ChromiumMs, 1), frNum(c.FpdfMs, 2), frNum(c.Factor, 0))
	if c.ChromiumCPUMs > 0 && c.FpdfCPUMs > 0 {
		line += fmt.Sprintf(" · CPU %s ms contre %s ms", frNum(c.ChromiumCPUMs, 1), frNum(c.FpdfCPUMs, 2))
	}
	return line + fmt.Sprintf(" · %s h pour %s dossiers", frNum(c.BulkExportHours, 1), frInt(fullCampaign))
}
