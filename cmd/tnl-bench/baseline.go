package main

import (
	"context"
	"fmt"
	"math"
	"os/exec"
)

// baseline runs pgbench for as long as the submissions took (or
// -pgbench-seconds). Without pgbench on the machine, the run says so and
// has no ratio.
func (b *bench) baseline(ctx context.Context, r *runReport) error {
	secs := max(5, int(math.Ceil(r.Load.Seconds)))
	if b.cfg.PGBenchSecs > 0 {
		secs = b.cfg.PGBenchSecs
	}
	done := b.prog.step(fmt.Sprintf("Référence pgbench (tpcb-like, échelle %d, %d clients, %d s)", b.cfg.PGBenchScale, b.cfg.Clients, secs))
	if _, err := exec.LookPath("pgbench"); err != nil {
		r.PGBench = &pgbenchResult{Error: "pgbench introuvable (paquet postgresql) : pas de référence"}
		done(r.PGBench.Error)
		return nil
	}
	db, err := b.pg.create(ctx, "tnl_pgbench")
	if err != nil {
		return err
	}
	defer db.drop(context.WithoutCancel(ctx)) //nolint:errcheck // a scratch database
	res, err := runPGBench(ctx, db, b.cfg.PGBenchScale, b.cfg.Clients, secs, b.prog)
	if err != nil {
		return err
	}
	r.PGBench = res
	r.Ratios = &ratios{SubmissionsPerTPS: r.Load.SubmissionsPerSec / res.TPS, SavesPerTPS: r.Load.SavesPerSec / res.TPS}
	if r.Autosave != nil {
		r.Ratios.AutosavesPerTPS = r.Autosave.SavesPerSec / res.TPS
	}
	done(fmt.Sprintf("%s TPS", frNum(res.TPS, 0)))
	return nil
}
