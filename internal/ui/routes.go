package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// Routes is the pages' route table: every page and form, with the policy
// action it serves and the subject it names, one area after the other
// (each area's routes are declared in its routes_*.go file).
func (s *Server) Routes() []web.Route {
	var out []web.Route
	for _, area := range [][]web.Route{s.accountRoutes(), s.publicRoutes(), s.candidatureRoutes(), s.cycleRoutes(), s.staffRoutes(), s.ambassadeursRoutes(), s.juryRoutes(), s.deliberationRoutes(), s.palmaresRoutes()} {
		out = append(out, area...)
	}
	return out
}

// page is a route without a subject.
func page(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
	return web.Route{Method: method, Pattern: pattern, Action: action, Handler: h}
}

// cand is a route on the candidature named by {id}.
func cand(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
	return web.Route{Method: method, Pattern: pattern, Action: action, Subject: "candidature", Handler: h}
}

// cycle is a route on any lifecycle's subject, named by {type} and {id}.
func cycle(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
	return web.Route{Method: method, Pattern: pattern, Action: action, Subject: web.AnySubject, Handler: h}
}

// upload raises a route's body limit to take an evidence file.
func upload(rt web.Route) web.Route { return withLimit(rt, web.UploadLimit) }

// withLimit sets a route's body limit.
func withLimit(rt web.Route, limit int64) web.Route { rt.BodyLimit = limit; return rt }
