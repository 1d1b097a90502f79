package server

import (
	"context"
	"net/http"

	"github.com/adullact/tnl/internal/api"
	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/ui"
	"github.com/adullact/tnl/internal/web"
)

// Routes returns the route table of the pages and the API together, for
// the handler and for the tests that check it against the policy.
func Routes(a *app.App, secure bool) ([]web.Route, *web.Server, error) {
	var pages *ui.Server
	cfg := web.Config{
		Accounts: a.Accounts,
		Policy:   a.Policy,
		Resolver: resolver(a),
		// A candidature's pages and autosaves read the session with the
		// candidature (one statement less per request, see
		// store.SessionCandidature).
		SessionResolver: sessionResolver(a),
		Standing:        a.Ambassadeurs.Standing,
		Page:            func(w http.ResponseWriter, r *http.Request, err error) { pages.ErrorPage(w, r, err) },
		Logger:          a.Logger,
		Secure:          secure,
		// The client of a request, for the per-client limits.
		TrustedProxies: a.TrustedProxies,
	}
	if a.Metrics != nil {
		cfg.Observe = a.Metrics.Request
	}
	kernel := web.NewServer(cfg)
	pages, err := ui.New(a, kernel)
	if err != nil {
		return nil, nil, err
	}
	routes := append(pages.Routes(), api.New(a, kernel).Routes()...)
	return routes, kernel, nil
}

// Handler returns the platform's root handler: every page and API route
// behind the guard.
func Handler(a *app.App, secure bool) (http.Handler, error) {
	routes, kernel, err := Routes(a, secure)
	if err != nil {
		return nil, err
	}
	return kernel.Handler(routes)
}

// resolver says how the guard loads a route's subject: a candidature with
// the person's links to it in one query (what every page of a
// candidature needs first), any other lifecycle's subject through the
// engine.
func resolver(a *app.App) func(string) (web.Resolver, bool) {
	return func(lifecycle string) (web.Resolver, bool) {
		if lifecycle == candlc.Name {
			return func(ctx context.Context, id int64, who policy.Principal) (*web.Subject, error) {
				c, access, err := a.Store.CandidatureAccess(ctx, id, who.UserID)
				if err != nil {
					return nil, err
				}
				d, err := a.Candidatures.DraftOf(ctx, c, access, who)
				if err != nil {
					return nil, err
				}
				return &web.Subject{Type: lifecycle, ID: id, Relations: d.Relations, Facts: d.Facts, Value: d}, nil
			}, true
		}
		if _, err := a.Engine.Lifecycle(lifecycle); err != nil {
			return nil, false
		}
		return func(ctx context.Context, id int64, who policy.Principal) (*web.Subject, error) {
			snap, err := a.Engine.Load(ctx, lifecycle, id, who)
			if err != nil {
				return nil, err
			}
			return &web.Subject{Type: lifecycle, ID: id, Relations: snap.Relations, Facts: snap.Facts, Value: snap}, nil
		}, true
	}
}

// sessionResolver reads a browser's session and a candidature with that
// person's links to it in one statement; other lifecycles have none.
func sessionResolver(a *app.App) func(string) (web.SessionResolver, bool) {
	return func(lifecycle string) (web.SessionResolver, bool) {
		if lifecycle != candlc.Name {
			return nil, false
		}
		return func(ctx context.Context, token string, id int64) (*domain.User, *web.Subject, error) {
			u, c, access, err := a.Accounts.SessionCandidature(ctx, token, id)
			if err != nil {
				return nil, nil, err
			}
			d, err := a.Candidatures.DraftOf(ctx, c, access, policy.User(u))
			if err != nil {
				return nil, nil, err
			}
			return u, &web.Subject{Type: lifecycle, ID: id, Relations: d.Relations, Facts: d.Facts, Value: d}, nil
		}, true
	}
}
