package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// concretePath fills a route pattern's wildcards with the fixture's values.
func (f *fixture) concretePath(pattern, person string) string {
	r := strings.NewReplacer(
		"{$}", "",
		"{id}", fmt.Sprint(f.cand.ID),
		"{eid}", fmt.Sprint(f.evidence.ID),
		"{uid}", fmt.Sprint(f.users["accompagnateur"].ID),
		"{token}", "lien-inconnu",
		"{tid}", "999999",
		"{section}", "identification",
		"{key}", "identification.referent_nom",
		"{event}", "declarer_recevable",
	)
	p := r.Replace(pattern)
	if strings.HasSuffix(p, "/static/") {
		p += "app.css"
	}
	return p
}

// holds reports whether a person holds one of the roles on the fixture's candidature.
func holds(person string, roles []string) bool {
	if slices.Contains(roles, rolePublic) {
		return true
	}
	if person == "anonyme" {
		return false
	}
	held := []string{roleMember}
	switch person {
	case "elu", "accompagnateur", "jury", "staff":
		held = append(held, person)
	}
	for _, h := range held {
		if slices.Contains(roles, h) {
			return true
		}
	}
	return false
}

// Every route of the table, tried by every kind of person: those the table
// allows get through the guard, the others are refused (401 or a redirect
// to the sign-in page for anonymous visitors, 403 otherwise). The fixture is
// fresh for each route, so that what one allowed request changes does not
// affect the next route.
func TestRouteRoleAuthorisation(t *testing.T) {
	base := newFixture(t, "sqlite")
	for _, rt := range base.srv.routes() {
		t.Run(rt.Method+" "+rt.Pattern, func(t *testing.T) {
			f := newFixture(t, "sqlite")
			for _, person := range people {
				path := f.concretePath(rt.Pattern, person)
				var resp *http.Response
				if rt.Auth == authToken {
					body := ""
					if rt.Method != http.MethodGet {
						body = `{}`
					}
					resp = f.api(person, rt.Method, path, body)
				} else {
					var form url.Values
					if isUnsafe(rt.Method) {
						form = url.Values{}
					}
					resp = f.request(person, rt.Method, path, form)
				}
				allowed := holds(person, rt.Roles)
				code := resp.StatusCode
				switch {
				case allowed && (code == 401 || code == 403 || code >= 500):
					t.Errorf("%s is allowed on %s %s but got %d: %s", person, rt.Method, path, code, readBody(t, resp))
				case !allowed && person == "anonyme" && !(code == 401 || code == 303 && strings.HasPrefix(resp.Header.Get("Location"), "/connexion")):
					t.Errorf("anonymous visitor on %s %s: got %d, want 401 or a redirect to sign in", rt.Method, path, code)
				case !allowed && person != "anonyme" && code != 403:
					t.Errorf("%s is not allowed on %s %s but got %d", person, rt.Method, path, code)
				}
			}
		})
	}
}

var linkRE = regexp.MustCompile(`(?:href|action)="(/[^"#?]*)`)

// Every link and form of every page points to a route of the table: a
// handler served outside the table would fail this test (it would fall to
// the catch-all "/", which answers 404).
func TestEveryLinkIsARouteOfTheTable(t *testing.T) {
	f := newFixture(t, "sqlite")
	mux := http.NewServeMux()
	for _, rt := range f.srv.routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, http.NotFoundHandler())
	}
	seen := map[string]bool{}
	for _, rt := range f.srv.routes() {
		if rt.Method != http.MethodGet || rt.Auth == authToken {
			continue
		}
		for _, person := range people {
			resp := f.request(person, http.MethodGet, f.concretePath(rt.Pattern, person), nil)
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				continue
			}
			body := readBody(t, resp)
			for _, m := range linkRE.FindAllStringSubmatch(body, -1) {
				link := m[1]
				if seen[link] || strings.HasPrefix(link, "/static/") {
					continue
				}
				seen[link] = true
				isForm := strings.Contains(body, `action="`+link)
				method := http.MethodGet
				if isForm && strings.Contains(body, `method="post" action="`+link) {
					method = http.MethodPost
				}
				req := httptest.NewRequest(method, link, nil)
				if _, pattern := mux.Handler(req); pattern == "" || pattern == "/" {
					t.Errorf("%s %s (on %s, as %s) matches no route of the table", method, link, rt.Pattern, person)
				}
			}
		}
	}
	if len(seen) < 15 {
		t.Errorf("only %d distinct links found: the crawl is broken", len(seen))
	}
}
