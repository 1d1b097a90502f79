package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// scratch creates the run's empty database.
func (b *bench) scratch(ctx context.Context, dialect string) (*scratch, error) {
	if dialect == "postgres" {
		return b.pg.create(ctx, "tnl_bench")
	}
	dir := filepath.Join(b.tmp, "sqlite")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return sqliteScratch(dir), nil
}

// prepare migrates the empty database, imports the territories and opens
// the campaign, each timed, and returns the database opened in process.
func (b *bench) prepare(ctx context.Context, cli *tnlCLI, r *runReport) (*store.Store, error) {
	done := b.prog.step("Migrations (tnl migrate)")
	_, took, err := cli.run(ctx, "", "migrate")
	if err != nil {
		return nil, err
	}
	r.MigrateS = took.Seconds()
	done("")
	done = b.prog.step("Import des territoires (tnl territoires import " + b.cfg.DataDir + ")")
	_, took, err = cli.run(ctx, "", "territoires", "import", b.cfg.DataDir)
	if err != nil {
		return nil, err
	}
	r.ImportS = took.Seconds()
	st, err := store.Open(ctx, cli.dbURL)
	if err != nil {
		return nil, err
	}
	counts, err := st.CountCollectivites(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	for _, n := range counts {
		r.Collectivites += n
	}
	done(frInt(r.Collectivites) + " collectivités")
	done = b.prog.step(fmt.Sprintf("Campagne %d ouverte (tnl campaign create, open)", b.cfg.Year))
	now := time.Now()
	year := strconv.Itoa(b.cfg.Year)
	start := time.Now()
	if _, _, err := cli.run(ctx, "", "campaign", "create", "--year", year,
		"--opens", now.AddDate(0, 0, -1).Format(time.DateOnly), "--closes", now.AddDate(0, 2, 0).Format(time.DateOnly)); err != nil {
		st.Close()
		return nil, err
	}
	if _, _, err := cli.run(ctx, "", "campaign", "open", year); err != nil {
		st.Close()
		return nil, err
	}
	r.CampaignS = time.Since(start).Seconds()
	done("")
	return st, nil
}

// accounts creates the élus' accounts in bulk and the staff account.
func (b *bench) accounts(ctx context.Context, st *store.Store, cli *tnlCLI, dialect string, r *runReport) ([]applicant, error) {
	apps, _, err := chooseApplicants(ctx, st, b.cfg.target(dialect))
	if err != nil {
		return nil, err
	}
	if len(apps) == 0 {
		return nil, fmt.Errorf("aucune collectivité importée depuis %s", b.cfg.DataDir)
	}
	r.Applicants = len(apps)
	done := b.prog.step(fmt.Sprintf("Comptes de %s élus (insertion groupée, un seul hachage argon2id)", frInt(len(apps))))
	start := time.Now()
	if err := createAccounts(ctx, st, apps); err != nil {
		return nil, err
	}
	r.AccountsS = time.Since(start).Seconds()
	if _, _, err := cli.run(ctx, "mot-de-passe-equipe-banc\n", "user", "add", "--email", staffEmail, "--name", "Équipe du banc", "--role", domain.RoleStaff, "--password-stdin"); err != nil {
		return nil, err
	}
	done("")
	return apps, nil
}
