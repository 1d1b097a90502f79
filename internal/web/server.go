// Package web serves tnl's HTML pages (French, server-rendered, usable
// without JavaScript) and its JSON API under /api/v1.
//
// Every route is declared once in the route table (routes.go) with the roles
// allowed to use it; the table is the only way a handler gets served.
package web

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Documents renders the PDFs users download. The server wiring provides it.
type Documents interface {
	Receipt(ctx context.Context, candidatureID int64) ([]byte, error)
	Dossier(ctx context.Context, candidatureID int64) ([]byte, error)       // as reviewers read it
	PublicDossier(ctx context.Context, candidatureID int64) ([]byte, error) // the level only once published
	Certificate(ctx context.Context, candidatureID int64) ([]byte, error)
}

// Deps is what the web layer needs.
type Deps struct {
	Store    *store.Store
	Engine   *workflow.Engine
	Accounts *account.Service
	Cands    *candidature.Service
	Docs     Documents
	Logger   *slog.Logger
	BaseURL  string
	// InsecureCookies drops the Secure flag, for plain-HTTP deployments
	// behind nothing (never in production).
	InsecureCookies bool
}

// Server holds the handlers' dependencies.
type Server struct {
	store    *store.Store
	engine   *workflow.Engine
	accounts *account.Service
	cands    *candidature.Service
	docs     Documents
	logger   *slog.Logger
	baseURL  string
	secure   bool
	tmpl     map[string]*template.Template
	static   http.Handler
}

// New returns a Server; it fails only if an embedded template is broken.
func New(d Deps) (*Server, error) {
	s := &Server{
		store: d.Store, engine: d.Engine, accounts: d.Accounts, cands: d.Cands, docs: d.Docs,
		logger: d.Logger, baseURL: strings.TrimRight(d.BaseURL, "/"), secure: !d.InsecureCookies,
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	var err error
	if s.tmpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	return s, nil
}

// Handler returns the root handler: every route of the route table behind
// its authorisation, and the common middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, s.guard(rt))
	}
	mux.Handle("/", http.HandlerFunc(s.notFound))
	return s.recoverer(s.securityHeaders(s.logRequests(mux)))
}
