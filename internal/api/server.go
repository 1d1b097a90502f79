// Package api serves tnl's JSON API v1 (/api/v1, documented in
// docs/api.md) for scripts, authenticated by bearer tokens, and the health
// check. Its routes share the policy and the guard of internal/web with the
// HTML pages.
package api

import (
	"net/http"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// Server holds the API's dependencies.
type Server struct {
	app *app.App
	web *web.Server
}

// New returns the API.
func New(a *app.App, w *web.Server) *Server { return &Server{app: a, web: w} }

// Routes is the API's route table.
func (s *Server) Routes() []web.Route {
	api := func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		return web.Route{Method: method, Pattern: pattern, Action: action, Auth: web.AuthToken, Handler: h}
	}
	cand := func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		rt := api(method, pattern, action, h)
		rt.Subject = "candidature"
		return rt
	}
	cycle := func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		rt := api(method, pattern, action, h)
		rt.Subject = web.AnySubject
		return rt
	}
	evidence := cand("POST", "/api/v1/candidatures/{id}/evidence", policy.CandidatureEdit, s.uploadEvidence)
	evidence.BodyLimit = web.UploadLimit
	routes := []web.Route{
		{Method: "GET", Pattern: "/healthz", Action: policy.PublicPage, Handler: s.healthz},

		// The public palmarès (no token).
		{Method: "GET", Pattern: "/api/v1/palmares", Action: policy.PalmaresPublic, Handler: s.palmaresYears},
		{Method: "GET", Pattern: "/api/v1/palmares/{annee}", Action: policy.PalmaresPublic, Handler: s.palmaresYear},
		{Method: "GET", Pattern: "/api/v1/collectivites/{code}/palmares", Action: policy.PalmaresPublic, Handler: s.palmaresHistory},

		api("GET", "/api/v1/campaigns", policy.CampagneList, s.campaigns),
		api("GET", "/api/v1/collectivites", policy.CollectiviteSearch, s.searchCollectivites),
		api("POST", "/api/v1/candidatures", policy.CandidatureCreate, s.createCandidature),
		cand("GET", "/api/v1/candidatures/{id}", policy.CandidatureRead, s.candidature),
		cand("GET", "/api/v1/candidatures/{id}/answers", policy.CandidatureRead, s.answers),
		cand("PUT", "/api/v1/candidatures/{id}/answers/{key}", policy.CandidatureEdit, s.putAnswer),
		evidence,
		cand("POST", "/api/v1/candidatures/{id}/events/{event}", policy.FireEvent, s.fire),
		cand("GET", "/api/v1/candidatures/{id}/audit", policy.CandidatureRead, s.audit),
		cand("GET", "/api/v1/candidatures/{id}/messages", policy.CandidatureMessage, s.messages),
		cand("POST", "/api/v1/candidatures/{id}/messages", policy.CandidatureMessage, s.postMessage),
		cand("GET", "/api/v1/candidatures/{id}/dossier.pdf", policy.CandidatureDocument, s.dossierPDF),

		// Any lifecycle's subject: state, actions, history; firing events.
		cycle("GET", "/api/v1/cycles/{type}/{id}", policy.ReadSubject, s.subject),
		cycle("POST", "/api/v1/cycles/{type}/{id}/events/{event}", policy.FireEvent, s.fire),
	}
	routes = append(routes, s.ambassadeursRoutes(api)...)
	routes = append(routes, s.juryRoutes(api, cand)...)
	return append(routes, s.deliberationRoutes(api)...)
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	web.WriteError(w, r, s.web.Logger(), err)
}

// draft returns the route's candidature, resolved by the guard.
func draft(r *http.Request) *candidature.Draft {
	if s := web.CurrentSubject(r); s != nil {
		if d, ok := s.Value.(*candidature.Draft); ok {
			return d
		}
	}
	return nil
}
