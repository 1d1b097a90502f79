package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// runner is the crash test on one database.
type runner struct {
	cfg     *config
	dialect string
	out     io.Writer
	seed    int64
	dir     string
	dbURL   string
	addr    string
	st      *store.Store
	token   string // staff's API token
	apps    []applicant
	plan    *plan
	ledger  ledger
	logs    []runLog
	kills   int
	elapsed time.Duration
	checks  []check
	outbox  outboxFigures
	drop    func()
}

// runLog is one server run's log, and whether the run ended by a kill.
type runLog struct {
	path   string
	killed bool
}

// applicant is one client: an élu's account and the collectivités it
// applies for, in order.
type applicant struct {
	Email         string
	Collectivites []int64
}

const password = "crash-test-tnl-2026"

func (r *runner) run(ctx context.Context) error {
	start := time.Now()
	defer func() { r.elapsed = time.Since(start) }()
	var err error
	if r.dir, err = os.MkdirTemp("", "tnl-crash-"+r.dialect+"-"); err != nil {
		return err
	}
	if r.cfg.Keep {
		fmt.Fprintf(r.out, "  dossier de travail conservé : %s\n", r.dir)
	} else {
		defer os.RemoveAll(r.dir)
	}
	if err := r.scratch(ctx); err != nil {
		return err
	}
	defer func() {
		if r.drop != nil && !r.cfg.Keep {
			r.drop()
		}
	}()
	if err := r.setup(ctx); err != nil {
		return err
	}
	defer r.st.Close()
	if r.addr, err = freeAddr(); err != nil {
		return err
	}
	if err := r.load(ctx); err != nil {
		return err
	}
	r.check(ctx)
	return nil
}

// scratch creates the database of the run.
func (r *runner) scratch(ctx context.Context) error {
	switch r.dialect {
	case store.SQLite:
		r.dbURL = "sqlite:" + filepath.Join(r.dir, "tnl.db")
		return nil
	case store.Postgres:
		admin, err := sql.Open("pgx", r.cfg.PG)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("tnl_crash_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			admin.Close()
			return fmt.Errorf("création de la base %s : %w", name, err)
		}
		u, err := url.Parse(r.cfg.PG)
		if err != nil {
			admin.Close()
			return err
		}
		u.Path = "/" + name
		r.dbURL = u.String()
		r.drop = func() {
			admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") //nolint:errcheck // best effort
			admin.Close()
		}
		return nil
	}
	return fmt.Errorf("base inconnue %q (sqlite ou postgres)", r.dialect)
}

// tnl runs a subcommand on the run's database.
func (r *runner) tnl(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, r.cfg.TNL, args...)
	cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+r.dbURL, "TNL_LOG_LEVEL=warn")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("tnl %s : %w\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// setup migrates, imports the collectivités, opens the campaign and
// creates the accounts and the staff's token.
func (r *runner) setup(ctx context.Context) error {
	n := r.cfg.Clients * r.cfg.Cands
	if err := writeCommunes(filepath.Join(r.dir, "communes.json"), n); err != nil {
		return err
	}
	year := time.Now().Year()
	steps := [][]string{
		{"migrate"},
		{"territoires", "import", filepath.Join(r.dir, "communes.json")},
		{"campaign", "create", "--year", fmt.Sprint(year), "--opens", time.Now().AddDate(0, 0, -1).Format(time.DateOnly),
			"--closes", time.Now().AddDate(0, 1, 0).Format(time.DateOnly)},
		{"campaign", "open", fmt.Sprint(year)},
	}
	for _, s := range steps {
		if _, err := r.tnl(ctx, s...); err != nil {
			return err
		}
	}
	var err error
	if r.st, err = store.Open(ctx, r.dbURL); err != nil {
		return err
	}
	var ids []int64
	if err := r.st.DB().NewSelect().TableExpr("collectivites").Column("id").Order("id").Scan(ctx, &ids); err != nil {
		return err
	}
	if len(ids) < n {
		return fmt.Errorf("%d collectivités importées, %d attendues", len(ids), n)
	}
	hash, err := account.HashPassword(password)
	if err != nil {
		return err
	}
	now := r.st.Now()
	users := []domain.User{{Email: "equipe@crash.tnl.test", Name: "Équipe", Role: domain.RoleStaff, PasswordHash: hash, EmailVerifiedAt: &now, CreatedAt: now, Version: 1}}
	for i := range r.cfg.Clients {
		a := applicant{Email: fmt.Sprintf("elu-%d@crash.tnl.test", i)}
		for j := range r.cfg.Cands {
			a.Collectivites = append(a.Collectivites, ids[i*r.cfg.Cands+j])
		}
		r.apps = append(r.apps, a)
		// An applicant fills in up to Cands candidatures, beyond the
		// default limit of an élu référent per campaign: staff lift it,
		// as for a person who represents several collectivités.
		limit := r.cfg.Cands
		users = append(users, domain.User{Email: a.Email, Name: fmt.Sprintf("Élu %d", i), Role: domain.RoleMember, PasswordHash: hash,
			EmailVerifiedAt: &now, CreatedAt: now, Version: 1, EluLimit: &limit})
	}
	if _, err := r.st.DB().NewInsert().Model(&users).Exec(ctx); err != nil {
		return fmt.Errorf("création des comptes : %w", err)
	}
	out, err := r.tnl(ctx, "token", "create", "--email", "equipe@crash.tnl.test", "--name", "crash")
	if err != nil {
		return err
	}
	for _, f := range strings.Fields(out) {
		if strings.HasPrefix(f, account.APITokenPrefix) {
			r.token = f
		}
	}
	if r.token == "" {
		return fmt.Errorf("jeton de l’équipe introuvable dans %q", out)
	}
	q, err := questionnaire.Default()
	if err != nil {
		return err
	}
	r.plan, err = newPlan(q)
	return err
}

// writeCommunes writes n made-up communes in the format of etalab's
// communes.json.
func writeCommunes(path string, n int) error {
	type commune struct {
		Code         string   `json:"code"`
		Nom          string   `json:"nom"`
		Type         string   `json:"type"`
		Departement  string   `json:"departement"`
		Region       string   `json:"region"`
		Siren        string   `json:"siren"`
		CodesPostaux []string `json:"codesPostaux"`
		Population   int      `json:"population"`
	}
	out := make([]commune, n)
	for i := range n {
		code := fmt.Sprintf("01%03d", i+1)
		out[i] = commune{Code: code, Nom: fmt.Sprintf("Commune d’essai %d", i+1), Type: "commune-actuelle", Departement: "01", Region: "84",
			Siren: fmt.Sprintf("2101%05d", i+1), CodesPostaux: []string{"01000"}, Population: 100 + i}
	}
	data, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// load runs the clients against the server, killing and restarting it.
func (r *runner) load(ctx context.Context) error {
	rng := rand.New(rand.NewPCG(uint64(r.seed), 0x7e1))
	srv, err := r.start(ctx)
	if err != nil {
		return err
	}
	var killed atomic.Bool
	staffQueue := make(chan int64, 10000)
	var clients, staff sync.WaitGroup
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for i, a := range r.apps {
		crng := rand.New(rand.NewPCG(uint64(r.seed), uint64(i+1)))
		clients.Go(func() { newClient(r, a, crng).run(cctx, &killed, staffQueue) })
	}
	staff.Go(func() { r.staff(cctx, staffQueue) })
	for range r.cfg.Kills {
		up := r.cfg.MinUp + time.Duration(rng.Int64N(int64(r.cfg.MaxUp-r.cfg.MinUp)+1))
		select {
		case <-time.After(up):
		case <-ctx.Done():
			return ctx.Err()
		}
		srv.kill()
		r.kills++
		r.logs[len(r.logs)-1].killed = true
		if srv, err = r.start(ctx); err != nil {
			return err
		}
	}
	killed.Store(true)
	done := make(chan struct{})
	go func() { clients.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		cancel()
		<-done
	}
	close(staffQueue)
	staff.Wait()
	// The outbox worker delivers what is not leased by a killed run.
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		if err := r.st.DB().NewRaw("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND (locked_until IS NULL OR locked_until < ?)", r.st.Now()).Scan(ctx, &n); err == nil && n == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return srv.stop()
}

func (r *runner) start(ctx context.Context) (*server, error) {
	path := filepath.Join(r.dir, fmt.Sprintf("serve-%02d.log", len(r.logs)+1))
	srv, err := startServer(ctx, r.cfg.TNL, r.dbURL, r.addr, path)
	if err != nil {
		return nil, err
	}
	r.logs = append(r.logs, runLog{path: path})
	return srv, nil
}
