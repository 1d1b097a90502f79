// Package server assembles and runs tnl's server process: store, migrations,
// HTTP server and background workers.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/metrics"
	"github.com/adullact/tnl/internal/notify"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/privacy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Config is the server's configuration.
type Config struct {
	DatabaseURL string
	Addr        string
	// BaseURL is the platform's public address, for links in messages.
	BaseURL string
	// SMTPURL is where messages are sent (smtp://user:pass@host:587?from=…);
	// empty: they are written to the log and listed on the staff outbox page.
	SMTPURL string
	// Contact is the address the public pages give to write to the
	// label's team (TNL_CONTACT).
	Contact string
	// Hosting names the instance's hosting provider, with its address,
	// for the legal notice (TNL_HEBERGEUR).
	Hosting string
	// Demo seeds the demonstration data (idempotent).
	Demo bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (TNL_TRUSTED_PROXIES); none by default.
	TrustedProxies []netip.Prefix
	// InsecureCookies drops the Secure flag of cookies (plain HTTP outside localhost).
	InsecureCookies bool
	// SchedulerInterval is how often campaigns are checked for opening and
	// closing (default 30 s).
	SchedulerInterval time.Duration
	// DebugAddr, when set, serves net/http/pprof and the store's counters on
	// this loopback address, apart from the application (TNL_PPROF_ADDR).
	DebugAddr string
	// MetricsAddr, when set, serves /metrics in the Prometheus text format
	// on this address, apart from the application (TNL_METRICS_ADDR);
	// MetricsToken, when set, is the bearer token a scrape must send
	// (TNL_METRICS_TOKEN).
	MetricsAddr  string
	MetricsToken string
	// Retention is the personal data's retention durations (nil: the
	// defaults), applied every RetentionEvery (default 1 h).
	Retention      *privacy.Settings
	RetentionEvery time.Duration
	// AuditEvery is how often the audit trail's days are sealed and its
	// chains verified (default 24 h).
	AuditEvery time.Duration
	// Policy and Register extend the platform, for tests: a policy with
	// more rules, more lifecycles (see app.Config).
	Policy   *policy.Policy
	Register func(*app.App) error
	// Ambassadeurs sets the visit requests' delays and the kit.
	Ambassadeurs app.AmbassadeursConfig
}

// Main is a running server. Tests start it on ":0" and read Addr.
type Main struct {
	cfg    Config
	logger *slog.Logger

	store   *store.Store
	app     *app.App
	metrics *metrics.Metrics
	mailer  *notify.Worker
	demo    *demo.Result
	// demoPalmares is what the demonstration says of its palmarès.
	demoPalmares string
	ln           net.Listener
	http         *http.Server
	done         chan error
	stop         context.CancelFunc
	bg           sync.WaitGroup

	// debug serves profiles on debugAddr, when Config.DebugAddr asks for it.
	debug     *http.Server
	debugAddr string
	// metricsSrv serves /metrics on metricsAddr (Config.MetricsAddr).
	metricsSrv  *http.Server
	metricsAddr string
}

// New returns a server that Open starts.
func New(cfg Config, logger *slog.Logger) *Main {
	return &Main{cfg: cfg, logger: logger}
}

// Open connects to the database, applies pending migrations and starts
// listening. It returns once the server accepts connections.
func (m *Main) Open(ctx context.Context) error {
	st, err := store.Open(ctx, m.cfg.DatabaseURL, store.WithLogger(m.logger))
	if err != nil {
		return err
	}
	m.store = st
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return err
	}
	for _, name := range applied {
		m.logger.Info("migration applied", "name", name)
	}
	m.metrics = metrics.New(st)
	// Listen first: without TNL_BASE_URL, the links in emails use the
	// address the server actually listens on.
	ln, err := net.Listen("tcp", m.cfg.Addr)
	if err != nil {
		st.Close()
		return fmt.Errorf("écoute sur %s impossible : %w", m.cfg.Addr, err)
	}
	m.ln = ln
	if m.app, err = app.New(st, app.Config{BaseURL: m.baseURL(), Logger: m.logger, Policy: m.cfg.Policy, Register: m.cfg.Register, TrustedProxies: m.cfg.TrustedProxies,
		Metrics: m.metrics, Retention: m.cfg.Retention,
		MailDelivered: strings.TrimSpace(m.cfg.SMTPURL) != "", Contact: m.cfg.Contact, Hosting: m.cfg.Hosting,
		Ambassadeurs: m.cfg.Ambassadeurs}); err != nil {
		ln.Close()
		st.Close()
		return err
	}
	if m.mailer, err = notify.New(st, notify.Config{SMTPURL: m.cfg.SMTPURL, Mail: m.app.Mail, Observe: m.metrics.Delivery}, m.logger, m.app.Documents.Attachment); err != nil {
		ln.Close()
		st.Close()
		return err
	}
	if m.cfg.Demo {
		if m.demo, err = demo.Seed(ctx, st, m.app.Engine, m.app.Candidatures, m.app.Campaigns, m.app.Jury); err != nil {
			ln.Close()
			st.Close()
			return fmt.Errorf("données de démonstration : %w", err)
		}
		if m.demo.Ambassadeurs, err = demo.SeedAmbassadeurs(ctx, st, m.app.Engine, m.app.Ambassadeurs, m.app.Publipostage); err != nil {
			ln.Close()
			st.Close()
			return fmt.Errorf("données de démonstration des ambassadeurs : %w", err)
		}
		if m.demoPalmares, err = demo.SeedPalmares(ctx, m.app.Palmares, demo.SharedPalmares()); err != nil {
			ln.Close()
			st.Close()
			return fmt.Errorf("palmarès de démonstration : %w", err)
		}
	}
	h, err := Handler(m.app, !m.cfg.InsecureCookies)
	if err != nil {
		ln.Close()
		st.Close()
		return err
	}
	m.http = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(m.logger.Handler(), slog.LevelWarn),
	}
	if m.cfg.DebugAddr != "" {
		if err := m.startDebug(m.cfg.DebugAddr); err != nil {
			ln.Close()
			st.Close()
			return err
		}
	}
	if m.cfg.MetricsAddr != "" {
		if err := m.startMetrics(m.cfg.MetricsAddr, m.cfg.MetricsToken); err != nil {
			ln.Close()
			st.Close()
			return err
		}
	}
	m.done = make(chan error, 1)
	go func() { m.done <- m.http.Serve(ln) }()
	m.startWorkers()
	m.logger.Info("tnl listening", "addr", m.Addr(), "database", st.Display())
	return nil
}

// startWorkers starts the background loops; Close stops them.
func (m *Main) startWorkers() {
	ctx, cancel := context.WithCancel(context.Background())
	m.stop = cancel
	interval := m.cfg.SchedulerInterval
	if interval <= 0 {
		interval = 30 * time.Second
	}
	sched := workflow.NewScheduler(m.app.Engine, interval, m.logger)
	sched.Observe(workflow.SchedulerObserver{Run: m.metrics.SchedulerRun, Job: m.metrics.Job})
	auditEvery := m.cfg.AuditEvery
	if auditEvery <= 0 {
		auditEvery = 24 * time.Hour
	}
	sched.AddJob(workflow.Job{Name: "audit", Every: auditEvery, Run: m.checkAudit})
	retentionEvery := m.cfg.RetentionEvery
	if retentionEvery <= 0 {
		retentionEvery = time.Hour
	}
	sched.AddJob(workflow.Job{Name: "retention", Every: retentionEvery, Run: m.applyRetention})
	m.bg.Add(2)
	go func() { defer m.bg.Done(); sched.Run(ctx) }()
	go func() { defer m.bg.Done(); m.mailer.Run(ctx) }()
}

func (m *Main) baseURL() string {
	if m.cfg.BaseURL != "" {
		return m.cfg.BaseURL
	}
	return "http://" + displayAddr(m.ln.Addr().String())
}

// DemoInstructions tells how to sign in to the demonstration, or "".
func (m *Main) DemoInstructions() string {
	if m.demo == nil {
		return ""
	}
	base := "http://" + displayAddr(m.Addr())
	return demo.Instructions(base, m.demo) + "Palmarès public : " + base + "/palmares\n" + m.demoPalmares
}

// displayAddr turns a listen address into one a browser can open.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" || host == "::" || host == "0.0.0.0" {
		return "localhost:" + port
	}
	return addr
}

// Addr returns the address the server listens on.
func (m *Main) Addr() string {
	if m.ln == nil {
		return ""
	}
	return m.ln.Addr().String()
}

// Wait blocks until the HTTP server stops on its own (an error) or ctx ends.
func (m *Main) Wait(ctx context.Context) error {
	select {
	case err := <-m.done:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
		return nil
	}
}

// Close stops accepting requests, lets running ones finish (up to 10 s) and
// closes the database.
func (m *Main) Close() error {
	var errs []error
	if m.stop != nil {
		m.stop()
		m.bg.Wait()
	}
	if m.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		errs = append(errs, m.http.Shutdown(ctx), m.closeDebug(ctx), m.closeMetrics(ctx))
	}
	if m.store != nil {
		errs = append(errs, m.store.Close())
	}
	return errors.Join(errs...)
}
