package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// relationsOf is how each persona stands to the fixture's subjects, written
// out by hand: the route test checks the guard against the policy's table
// with them, independently of how the platform computes relations (tested
// in internal/policy).
func relationsOf(p persona, subjectType string, standing bool) policy.Set {
	if p.name == "anonyme" {
		return policy.Of(policy.Public)
	}
	s := policy.Of(policy.Public, policy.SignedIn)
	if p.staff {
		s = s.With(policy.Staff)
	}
	switch subjectType {
	case "campagne":
		// Seated in the campaign's jury (a conflict is with a
		// candidature, not with the campaign).
		if p.seat != "" && !p.otherCampaign {
			s = s.With(policy.Jury)
			if p.seat == "president" {
				s = s.With(policy.President)
			}
		}
		return s
	case "gull", "visite":
		switch p.gullRole {
		case domain.GullCoordinateur:
			s = s.With(policy.Ambassadeur).With(policy.Coordinator)
		case domain.GullAmbassadeur:
			s = s.With(policy.Ambassadeur)
		}
		if p.inCharge && subjectType == "visite" {
			s = s.With(policy.InCharge)
		}
		return s
	case "courrier":
		if p.partner {
			s = s.With(policy.Partner)
		}
		return s
	case "":
		// The standing of a person among the validated GULLs.
		if standing {
			switch p.gullRole {
			case domain.GullCoordinateur:
				s = s.With(policy.Ambassadeur).With(policy.Coordinator)
			case domain.GullAmbassadeur:
				s = s.With(policy.Ambassadeur)
			}
		}
		return s
	case "candidature", "evaluation":
	default:
		return s
	}
	switch p.member {
	case "elu":
		return s.With(policy.Elu)
	case "accompagnateur":
		return s.With(policy.Accompagnateur)
	}
	// The fixture's candidature is a draft, which the jury does not read
	// (its evaluation is a subject of its own).
	if p.seat != "" && !p.otherCampaign && !p.conflicted && subjectType != "candidature" {
		s = s.With(policy.Jury)
		if p.seat == "president" {
			s = s.With(policy.President)
		}
		if p.assigned {
			s = s.With(policy.Juror)
			if subjectType == "evaluation" {
				s = s.With(policy.Evaluator) // the fixture's evaluation is the assigned juror's
			}
		}
	}
	return s
}

// routeCase is a route made concrete: its path, the action the policy
// decides for it and the subject it names.
type routeCase struct {
	route       web.Route
	path        string
	action      policy.Action
	subjectType string
}

// cases expands the route table: every route once, a route taking any
// lifecycle's subject once per lifecycle with a subject in the fixture.
func (f *fixture) cases() []routeCase {
	var out []routeCase
	for _, rt := range f.routes {
		types := []string{rt.Subject}
		if rt.Subject == web.AnySubject {
			types = []string{"candidature", "campagne", "evaluation", "gull", "visite", "courrier"}
		}
		for _, typ := range types {
			// An event each subject's state refuses: firing it with an
			// empty form changes nothing.
			id, event := f.cand.ID, "declarer_recevable"
			switch typ {
			case "campagne":
				id, event = f.campaign.ID, "clore"
			case "gull":
				id, event = f.gull.ID, "refuser"
			case "visite":
				id, event = f.visite.ID, "candidater"
			case "courrier":
				id, event = f.courrier.ID, "clore"
			case "evaluation":
				id, event = f.evaluation.ID, "remettre"
			}
			path := strings.NewReplacer(
				"{$}", "", "{type}", typ, "{id}", fmt.Sprint(id), "{eid}", fmt.Sprint(f.evidence.ID),
				"{uid}", fmt.Sprint(f.users["retirable"].ID), "{token}", "lien-inconnu", "{tid}", "999999",
				"{section}", "identification", "{key}", "identification.referent_nom", "{event}", event, "{fid}", "999999", "{mid}", "999999", "{rid}", "999999",
				"{slug}", f.gull.Slug, "{code}", "INCONNU", "{modele}", "premier_contact", "{cid}", fmt.Sprint(f.campaign.ID),
			).Replace(rt.Pattern)
			if strings.HasSuffix(path, "/static/") {
				path += "app.css"
			}
			action := rt.Action
			switch action {
			case policy.FireEvent:
				action = policy.Event(typ, event)
			case policy.ReadSubject:
				action = policy.Read(typ)
			}
			out = append(out, routeCase{route: rt, path: path, action: action, subjectType: typ})
		}
	}
	return out
}

// Every route of the table, tried by every persona: those whose relations
// the policy grants the route's action get through the guard, the others
// are refused (401 or a redirect to the sign-in page for anonymous
// visitors, 403 otherwise). One fixture serves every route: the requests
// carry empty forms, which change nothing but a sign-out (the session is
// then opened again).
func TestRouteActionRelationship(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	pol := f.app.Policy
	facts := policy.Facts{Draft: true}
	for _, c := range f.cases() {
		t.Run(c.route.Method+" "+c.path, func(t *testing.T) {
			if !pol.Knows(c.action) {
				t.Fatalf("action %q has no rule in the policy", c.action)
			}
			for _, p := range personas {
				var resp *http.Response
				if c.route.Auth == web.AuthToken {
					body := ""
					if c.route.Method != http.MethodGet {
						body = `{}`
					}
					resp = f.api(p.name, c.route.Method, c.path, body)
				} else {
					var form url.Values
					if c.route.Method != http.MethodGet {
						form = url.Values{}
					}
					resp = f.request(p.name, c.route.Method, c.path, form)
				}
				if c.route.Pattern == "/deconnexion" && p.name != "anonyme" {
					f.openSession(p.name)
				}
				allowed := pol.Allows(c.action, relationsOf(p, c.subjectType, c.route.Standing), facts)
				code := resp.StatusCode
				// A conflict hides the candidature and its evaluations;
				// the other subjects answer a conflicted juror as anyone.
				hidden := p.conflicted && (c.subjectType == "candidature" || c.subjectType == "evaluation")
				switch {
				case allowed && (code == 401 || code == 403 || code >= 500):
					t.Errorf("%s may %s but got %d: %s", p.name, c.action, code, readBody(t, resp))
				case !allowed && p.name == "anonyme" && !(code == 401 || code == 303 && strings.HasPrefix(resp.Header.Get("Location"), "/connexion")):
					t.Errorf("anonymous visitor, %s: got %d, want 401 or a redirect to sign in", c.action, code)
				case !allowed && hidden && code != 404:
					t.Errorf("%s, conflicted, may not %s but got %d (want 404: a conflict is never shown)", p.name, c.action, code)
				case !allowed && p.name != "anonyme" && !hidden && c.subjectType == "candidature" && !pol.Allows(policy.Read("candidature"), relationsOf(p, c.subjectType, c.route.Standing), facts):
					// A candidature one may not see answers as one that
					// does not exist.
					if code != 404 {
						t.Errorf("%s may not see the candidature, %s: got %d, want 404", p.name, c.action, code)
					}
				case !allowed && p.name != "anonyme" && !hidden && code != 403:
					t.Errorf("%s may not %s but got %d", p.name, c.action, code)
				}
			}
		})
	}
}

// The policy has no dead rule: every action of its table is a route's,
// a registered lifecycle's (an event, or reading its subjects), or one a
// service decides on its own.
func TestEveryPolicyActionIsUsed(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	used := map[policy.Action]bool{
		// Decided by the services, not by a route.
		policy.CandidatureAttest: true, policy.CampagneManage: true, policy.CandidatureReview: true,
	}
	for _, c := range f.cases() {
		used[c.route.Action] = true
	}
	for _, m := range f.app.Engine.Lifecycles() {
		used[policy.Read(m.Name)] = true
		for _, e := range m.Events {
			used[policy.Event(m.Name, e.Name)] = true
		}
	}
	for _, a := range f.app.Policy.Actions() {
		if !used[a] {
			t.Errorf("the policy's rule %q serves no route, event or service", a)
		}
	}
}

var linkRE = regexp.MustCompile(`(?:href|action)="(/[^"#?]*)`)

// Every link and form of every page points to a route of the table: a
// handler served outside the table would fail this test (it would fall to
// the catch-all "/", which answers 404).
func TestEveryLinkIsARouteOfTheTable(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	mux := http.NewServeMux()
	for _, rt := range f.routes {
		mux.Handle(rt.Method+" "+rt.Pattern, http.NotFoundHandler())
	}
	seen := map[string]bool{}
	for _, c := range f.cases() {
		if c.route.Method != http.MethodGet || c.route.Auth == web.AuthToken {
			continue
		}
		for _, p := range personas {
			resp := f.request(p.name, http.MethodGet, c.path, nil)
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
				method := http.MethodGet
				if strings.Contains(body, `method="post" action="`+link+`"`) {
					method = http.MethodPost
				}
				req := httptest.NewRequest(method, link, nil)
				if _, pattern := mux.Handler(req); pattern == "" || pattern == "/" {
					t.Errorf("%s %s (on %s, as %s) matches no route of the table", method, link, c.path, p.name)
				}
			}
		}
	}
	if len(seen) < 15 {
		t.Errorf("only %d distinct links found: the crawl is broken", len(seen))
	}
}

// The handler refuses a route whose action the policy does not know.
func TestARouteWithoutAPolicyRuleIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	_, kernel, err := serverRoutes(f)
	if err != nil {
		t.Fatal(err)
	}
	routes := slices.Clone(f.routes)
	routes = append(routes, web.Route{Method: "GET", Pattern: "/nouvelle-page", Action: "nouvelle.page", Handler: func(http.ResponseWriter, *http.Request) {}})
	if _, err := kernel.Handler(routes); err == nil || !strings.Contains(err.Error(), "nouvelle.page") {
		t.Errorf("a route without a rule was served: %v", err)
	}
}
