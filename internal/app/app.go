// Package app wires tnl's parts together once, for the server and the
// command line alike: the policy, the mailer, the lifecycle engine with
// every lifecycle registered, and the services.
package app

import (
	"cmp"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/deliberation"
	"github.com/adullact/tnl/internal/dossier"
	"github.com/adullact/tnl/internal/jury"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/metrics"
	"github.com/adullact/tnl/internal/palmares"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/privacy"
	"github.com/adullact/tnl/internal/publipostage"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// Config is what the wiring needs besides the store.
type Config struct {
	// BaseURL is the platform's public address, for links in messages.
	BaseURL string
	Logger  *slog.Logger
	// Policy replaces tnl's default policy, and Register registers more
	// lifecycles: the tests extend the platform with both.
	Policy   *policy.Policy
	Register func(*App) error
	// MailDelivered says that emails really leave (an SMTP relay is
	// configured); without it they are only written to the log, and the
	// pages say so.
	MailDelivered bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (TNL_TRUSTED_PROXIES; none by default).
	TrustedProxies []netip.Prefix
	// Contact is the team's address on the public pages; DefaultContact
	// when empty.
	Contact string
	// Hosting names the hosting provider on the legal notice.
	Hosting string
	// Metrics, when set, counts the transitions and the refused sign-ins
	// (the server's; the command line passes none).
	Metrics *metrics.Metrics
	// Retention is the personal data's retention durations; nil means
	// privacy.DefaultSettings.
	Retention *privacy.Settings
	// Ambassadeurs sets the ambassadeurs' side: the visit requests' timed
	// events and the kit (zero values: the defaults).
	Ambassadeurs AmbassadeursConfig
}

// DefaultContact is the address of ADULLACT's team.
const DefaultContact = "contact@adullact.org"

// App is tnl's services, wired.
type App struct {
	Store          *store.Store
	Policy         *policy.Policy
	Mail           *mail.Mailer
	Questionnaires *questionnaire.Cache
	Engine         *workflow.Engine
	Accounts       *account.Service
	Candidatures   *candidature.Service
	Campaigns      *campaign.Service
	Documents      *dossier.Service
	Ambassadeurs   *ambassadeurs.Service
	Publipostage   *publipostage.Service
	Jury           *jury.Service
	Deliberation   *deliberation.Service
	Palmares       *palmares.Service
	Logger         *slog.Logger
	// MailDelivered, TrustedProxies and Contact: see Config.
	MailDelivered  bool
	TrustedProxies []netip.Prefix
	Contact        string
	Hosting        string
	// Metrics is the server's instrumentation, nil in the command line.
	Metrics *metrics.Metrics
	// Privacy applies the retention rules, exports and deletes accounts.
	Privacy *privacy.Service
}

// New wires the services on st.
func New(st *store.Store, cfg Config) (*App, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	pol := cfg.Policy
	if pol == nil {
		pol = policy.Default()
	}
	mailer, err := mail.New(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	qs := questionnaire.NewCache()
	engine := workflow.New(st, pol, logger)
	if err := Register(engine, mailer, qs); err != nil {
		return nil, err
	}
	if err := registerAmbassadeurs(engine, mailer, cfg.Ambassadeurs); err != nil {
		return nil, err
	}
	renderer, err := pdf.New()
	if err != nil {
		return nil, fmt.Errorf("moteur PDF : %w", err)
	}
	a := &App{
		Store: st, Policy: pol, Mail: mailer, Questionnaires: qs, Engine: engine, Logger: logger, MailDelivered: cfg.MailDelivered, TrustedProxies: cfg.TrustedProxies, Contact: cmp.Or(strings.TrimSpace(cfg.Contact), DefaultContact), Hosting: strings.TrimSpace(cfg.Hosting),
		Accounts:     account.New(st, mailer),
		Candidatures: candidature.New(st, engine, qs, mailer),
		Campaigns:    campaign.New(st, engine),
		Documents:    dossier.New(st, qs, renderer),
		Metrics:      cfg.Metrics,
	}
	retention := privacy.DefaultSettings()
	if cfg.Retention != nil {
		retention = *cfg.Retention
	}
	a.Privacy = privacy.New(st, engine, mailer, retention, logger)
	if cfg.Metrics != nil {
		engine.Observe(cfg.Metrics.Transitions)
		a.Accounts.OnSignInFailure(cfg.Metrics.SignInFailure)
		a.Privacy.Observe(cfg.Metrics.Retention)
	}
	a.Ambassadeurs = ambassadeurs.New(st, engine, mailer, a.Candidatures, renderer, cfg.Ambassadeurs.Kit)
	a.Publipostage = publipostage.New(st, engine, mailer, renderer)
	a.Jury = jury.New(st, engine, qs, mailer, renderer, a.Documents, logger)
	a.Deliberation = deliberation.New(st, engine, a.Jury)
	a.Palmares = palmares.New(st, renderer)
	if cfg.Register != nil {
		if err := cfg.Register(a); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Register registers every lifecycle of tnl with the engine.
func Register(engine *workflow.Engine, mailer *mail.Mailer, qs *questionnaire.Cache) error {
	if err := workflow.Register(engine, candlc.Definition(candlc.Deps{Mail: mailer, Questionnaires: qs, CampaignState: camplc.StateLabel})); err != nil {
		return err
	}
	if err := workflow.Register(engine, camplc.Definition(candlc.StateLabel)); err != nil {
		return err
	}
	return workflow.Register(engine, evallc.Definition(evallc.Deps{Mail: mailer, Questionnaires: qs}))
}
