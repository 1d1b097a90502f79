// Package ui serves tnl's HTML pages: French, server-rendered, usable
// without JavaScript (a script adds autosave on top), accessible. Its
// routes are declared in routes.go with the policy action each serves; the
// guard of internal/web decides access before any handler runs.
package ui

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server holds the pages' dependencies.
type Server struct {
	app    *app.App
	web    *web.Server
	tmpl   map[string]*template.Template
	static http.Handler
	blank  blankPDFs
}

// New returns the pages; it fails only if an embedded template is broken.
func New(a *app.App, w *web.Server) (*Server, error) {
	s := &Server{app: a, web: w}
	var err error
	if s.tmpl, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	return s, nil
}

// ErrorPage answers an error with the error page.
func (s *Server) ErrorPage(w http.ResponseWriter, r *http.Request, err error) {
	status := web.StatusOf(err)
	title := "Erreur"
	switch status {
	case http.StatusNotFound:
		title = "Page introuvable"
	case http.StatusForbidden:
		title = "Accès refusé"
	}
	var details []string
	if e := domainError(err); e != nil {
		details = e.Details
	}
	s.render(w, r, status, "error", title, errorPage{Status: status, Message: errorMessage(err), Details: details})
}

type errorPage struct {
	Status  int
	Message string
	Details []string
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	s.static.ServeHTTP(w, r)
}

// jsonError answers the page's scripts in JSON.
func (s *Server) jsonError(w http.ResponseWriter, r *http.Request, err error) {
	web.WriteError(w, r, s.web.Logger(), err)
}
