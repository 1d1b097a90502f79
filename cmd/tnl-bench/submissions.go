package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"time"

	"github.com/adullact/tnl/internal/fr"
)

// probes is how many applicants go alone first, to count the statements of
// each request without the others' noise.
const probes = 2

// submissions runs the probes, then every other applicant with the
// configured concurrency, measuring throughput, latency, memory and CPU.
func (b *bench) submissions(ctx context.Context, srv *serverProc, hc *http.Client, rss *rssPoller, apps []applicant, r *runReport) (*loadResult, error) {
	res := &loadResult{Clients: b.cfg.Clients}
	nProbes := min(probes, len(apps)/2)
	if nProbes > 0 {
		done := b.prog.step(fmt.Sprintf("Sonde : %s seule%s sur le serveur, requêtes SQL comptées", fr.Count(nProbes, "candidature", "candidatures"), fr.Plural(nProbes, "", "s")))
		perr := &errorLog{}
		probe, ids, err := runProbe(ctx, srv, hc, b.plan, apps[:nProbes], newRecorder(), perr, &counters{})
		res.ids = append(res.ids, ids...)
		if err != nil {
			res.Errors, res.FirstErrors = perr.snapshot()
			return res, err
		}
		res.Probe = probe
		done(fmt.Sprintf("%d requêtes SQL par dépôt", probe.PerSubmission))
	}
	timed := apps[nProbes:]
	res.Applicants = len(timed)
	rec, errs, n := newRecorder(), &errorLog{}, &counters{}
	done := b.prog.step(fmt.Sprintf("Dépôts : %s candidatures par HTTP, %d clients", frInt(len(timed)), b.cfg.Clients))
	before, err := srv.storeStats(ctx)
	if err != nil {
		return res, err
	}
	cpu0 := sampleCPU(srv.Pid, pgName(r))
	profiled := make(chan []string, 1)
	if b.cfg.ProfileDir != "" {
		go func() { profiled <- b.cpuProfile(ctx, srv, r.Database) }()
	} else {
		profiled <- nil
	}
	start := time.Now()
	stop := b.prog.run(func(elapsed time.Duration) string {
		return fmt.Sprintf("%s/%s dépôts · %s/s · %s enregistrements/s · RSS %s Mo · %s",
			frInt(int(n.submissions.Load())), frInt(len(timed)), frNum(rate(int(n.submissions.Load()), elapsed), 1),
			frNum(rate(int(n.saves.Load()), elapsed), 0), frInt(int(rss.current()>>20)), errorCount(errsCount(errs)))
	})
	ids := runLoad(ctx, srv.BaseURL, hc, b.plan, timed, nProbes, b.cfg.Clients, rec, errs, n)
	took := time.Since(start)
	stop()
	cpu := sampleCPU(srv.Pid, pgName(r)).minus(cpu0)
	after, err := srv.storeStats(ctx)
	if err != nil {
		return res, err
	}
	res.ids = append(res.ids, ids...)
	res.Seconds = took.Seconds()
	res.Submissions = int(n.submissions.Load())
	res.Saves = int(n.saves.Load())
	res.Ops = rec.summary()
	for _, s := range res.Ops {
		res.Requests += s.Count
	}
	res.SubmissionsPerSec, res.SavesPerSec, res.RequestsPerSec = rate(res.Submissions, took), rate(res.Saves, took), rate(res.Requests, took)
	res.Errors, res.FirstErrors = errs.snapshot()
	res.FailedApplicants = int(n.failed.Load())
	res.CPU = cpu
	var last memory
	res.PeakRSS, last, _ = rss.result()
	res.HWM = last.HWM
	res.Server = &serverCounters{Queries: after.Queries - before.Queries, PoolWaits: after.WaitCount - before.WaitCount,
		PoolWaitSeconds: float64(after.WaitDuration-before.WaitDuration) / 1e9, MaxOpenConnections: after.MaxOpen}
	if res.Submissions > 0 {
		res.Server.QueriesPerSubmission = float64(res.Server.Queries) / float64(res.Submissions)
	}
	r.Profiles = <-profiled
	if b.cfg.ProfileDir != "" {
		for _, kind := range []string{"heap", "allocs"} {
			file := filepath.Join(b.cfg.ProfileDir, r.Database+"-"+kind+".pprof")
			if err := srv.saveProfile(ctx, "/debug/pprof/"+kind, file); err != nil {
				return res, err
			}
			r.Profiles = append(r.Profiles, file)
		}
	}
	done(fmt.Sprintf("%s dépôts/s, %s enregistrements/s, %s", frNum(res.SubmissionsPerSec, 1), frNum(res.SavesPerSec, 0), errorCount(res.Errors)))
	if res.Errors > 0 {
		return res, fmt.Errorf("%s en erreur pendant les dépôts", fr.Count(res.Errors, "requête", "requêtes"))
	}
	return res, nil
}

// cpuProfile takes a CPU profile of the server during the load, after a
// 3-second warm-up, for -profile-seconds (choose less than the load lasts).
func (b *bench) cpuProfile(ctx context.Context, srv *serverProc, dialect string) []string {
	select {
	case <-time.After(3 * time.Second):
	case <-ctx.Done():
		return nil
	}
	file := filepath.Join(b.cfg.ProfileDir, dialect+"-cpu.pprof")
	if err := srv.saveProfile(ctx, fmt.Sprintf("/debug/pprof/profile?seconds=%d", b.cfg.ProfileSecs), file); err != nil {
		fmt.Fprintf(b.out, "  profil CPU : %v\n", err)
		return nil
	}
	return []string{file}
}

// pgName is the PostgreSQL database of a run, "" on SQLite.
func pgName(r *runReport) string {
	if r.Database != "postgres" {
		return ""
	}
	return r.DatabaseName
}
