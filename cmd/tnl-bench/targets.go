package main

import "fmt"

// target is one of the goals, checked against a run.
type target struct {
	Name string `json:"name"`
	Want string `json:"want"`
	Got  string `json:"got"`
	Met  *bool  `json:"met,omitempty"` // absent when the run did not measure it
	Note string `json:"note,omitempty"`
}

// Goals for 2 cores and 24 GiB (issue 7).
const (
	goalSubmissionRatio = 0.5
	goalSaveP99Ms       = 10
	goalSaveClients     = 64
	goalPeakRSSBytes    = 150 << 20
	goalImportS         = 5
	goalPDFS            = 60
	fullCampaign        = 36359
	// Issue 15, part 7: the program's own cost, not the password hash's.
	goalAutosaveRatio  = 1.0
	goalServerMsNoHash = 8
	goalPostgresMs     = 15
	goalOpenLoopP99Ms  = 10
	goalAssignS        = 10
	goalChromiumFactor = 50
)

func evaluateTargets(r *runReport) []target {
	var out []target
	add := func(name, want, got string, met bool, measured bool, note string) {
		t := target{Name: name, Want: want, Got: got, Note: note}
		if measured {
			t.Met = &met
		}
		out = append(out, t)
	}
	load := r.Load
	if r.Database == "postgres" {
		if r.Ratios != nil {
			add("dépôts/s ÷ TPS pgbench", "≥ "+frNum(goalSubmissionRatio, 1), frNum(r.Ratios.SubmissionsPerTPS, 4),
				r.Ratios.SubmissionsPerTPS >= goalSubmissionRatio, true, "")
		} else {
			add("dépôts/s ÷ TPS pgbench", "≥ "+frNum(goalSubmissionRatio, 1), "—", false, false, "pas de mesure pgbench")
		}
	}
	if load != nil && load.Ops["save"].Count > 0 {
		note := ""
		if r.Clients != goalSaveClients {
			note = fmt.Sprintf("mesuré à %d clients, l’objectif est à %d", r.Clients, goalSaveClients)
		}
		p99 := load.Ops["save"].P99
		add("p99 d’un enregistrement de réponse", fmt.Sprintf("≤ %d ms à %d clients", goalSaveP99Ms, goalSaveClients),
			frNum(p99, 1)+" ms", p99 <= goalSaveP99Ms, r.Clients == goalSaveClients, note)
	}
	if r.Database == "postgres" && r.Autosave != nil && r.Autosave.Saves > 0 {
		if r.Ratios != nil && r.Ratios.AutosavesPerTPS > 0 {
			add("enregistrements seuls/s ÷ TPS pgbench", "≥ "+frNum(goalAutosaveRatio, 1), frNum(r.Ratios.AutosavesPerTPS, 3),
				r.Ratios.AutosavesPerTPS >= goalAutosaveRatio, true, "mêmes clients")
		} else {
			add("enregistrements seuls/s ÷ TPS pgbench", "≥ "+frNum(goalAutosaveRatio, 1), "—", false, false, "pas de mesure pgbench")
		}
	}
	if r.ServerMsPerSubmissionNoHash > 0 {
		add("CPU serveur par dépôt, hachage exclu", fmt.Sprintf("≤ %d ms", goalServerMsNoHash), frNum(r.ServerMsPerSubmissionNoHash, 1)+" ms",
			r.ServerMsPerSubmissionNoHash <= goalServerMsNoHash, true, "")
	}
	if r.Database == "postgres" && r.PostgresMsPerSubmission > 0 {
		add("CPU PostgreSQL par dépôt", fmt.Sprintf("≤ %d ms", goalPostgresMs), frNum(r.PostgresMsPerSubmission, 1)+" ms",
			r.PostgresMsPerSubmission <= goalPostgresMs, true, "")
	}
	if a := r.Autosave; a != nil && a.OpenLoop != nil && a.OpenLoop.Saves > 0 {
		p99 := a.OpenLoop.Latency.P99
		add("p99 d’un enregistrement à mi-débit", fmt.Sprintf("≤ %d ms", goalOpenLoopP99Ms), frNum(p99, 1)+" ms", p99 <= goalOpenLoopP99Ms, true,
			fmt.Sprintf("boucle ouverte à %s/s", frNum(a.OpenLoop.TargetPerSec, 0)))
	}
	if j := r.Jury; j != nil && j.AssignSeconds > 0 {
		note := ""
		if j.Candidatures < fullCampaign {
			note = fmt.Sprintf("%s candidatures seulement : l’objectif vaut pour %s", frInt(j.Candidatures), frInt(fullCampaign))
		}
		add("affectation du jury", fmt.Sprintf("≤ %d s", goalAssignS), frNum(j.AssignSeconds, 2)+" s", j.AssignSeconds <= goalAssignS, j.Candidatures >= fullCampaign, note)
	}
	if c := r.Chromium; c != nil && c.Error == "" && c.Factor > 0 {
		add("fpdf contre Chromium chaud", fmt.Sprintf("≥ %d × plus rapide", goalChromiumFactor), frNum(c.Factor, 0)+" ×", c.Factor >= goalChromiumFactor, true, "même dossier, même exécution")
	}
	errors := 0
	if load != nil {
		errors += load.Errors
	}
	if r.Staff != nil && r.Staff.Recevable != nil {
		errors += r.Staff.Recevable.Errors
	}
	pdfFailed := r.Staff != nil && r.Staff.PDF != nil && r.Staff.PDF.Error != "" || r.Chromium != nil && r.Chromium.Error != ""
	if pdfFailed {
		errors++
	}
	add("erreurs", "0", frInt(errors), errors == 0 && r.Error == "", true, r.Error)
	if load != nil && load.PeakRSS > 0 {
		add("RSS max du serveur pendant les dépôts", "≤ "+megabytes(goalPeakRSSBytes), megabytes(load.PeakRSS),
			load.PeakRSS <= goalPeakRSSBytes, true, "")
	}
	if r.ImportS > 0 {
		add("import des territoires", fmt.Sprintf("≤ %d s", goalImportS), frNum(r.ImportS, 2)+" s", r.ImportS <= goalImportS, true,
			fmt.Sprintf("%s collectivités", frInt(r.Collectivites)))
	}
	if r.Staff != nil && r.Staff.PDF != nil && r.Staff.PDF.Available && !pdfFailed {
		note := ""
		if r.Staff.PDF.Dossiers < fullCampaign {
			note = fmt.Sprintf("%s dossiers seulement : l’objectif vaut pour %s", frInt(r.Staff.PDF.Dossiers), frInt(fullCampaign))
		}
		add("tous les dossiers en PDF", fmt.Sprintf("≤ %d s", goalPDFS), frNum(r.Staff.PDF.Seconds, 1)+" s",
			r.Staff.PDF.Seconds <= goalPDFS, r.Staff.PDF.Dossiers >= fullCampaign, note)
	}
	return out
}
