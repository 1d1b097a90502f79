// Package web is the HTTP plumbing the HTML pages (internal/ui) and the
// JSON API (internal/api) share: the route table's type, the guard that
// authenticates every request and asks the policy before any handler runs,
// the mapping of error codes to HTTP statuses, JSON helpers and middleware.
//
// Every route is declared once, with the policy action it serves; the guard
// resolves the subject the route names (the candidature of {id}, or any
// lifecycle's subject for /cycles/{type}/{id}), computes the person's
// relations to it once, and refuses the request unless the policy allows
// the action. No handler decides access itself.
package web

import (
	"context"
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
)

// How a route authenticates.
const (
	AuthSession = iota // browser: session cookie, CSRF token on unsafe methods
	AuthToken          // script: Authorization: Bearer tnl_…
)

// Route is one entry of the route table.
type Route struct {
	Method  string
	Pattern string
	// Action is what the route does, as the policy names it; FireEvent and
	// ReadSubject stand for the event or the subject named by the path.
	Action policy.Action
	// Subject is the lifecycle of the subject named by {id} ("candidature"),
	// "*" when {type} names it, or "" when the route has no subject.
	Subject string
	Auth    int
	Handler http.HandlerFunc
	// BodyLimit overrides the default limit of a request body (1 Mo).
	BodyLimit int64
	// Standing, on a route without a subject, has the guard load the
	// person's standing (Config.Standing: their roles in the validated
	// GULLs) before asking the policy.
	Standing bool
}

// AnySubject, as a route's Subject, takes the lifecycle from {type}.
const AnySubject = "*"

// Subject is the subject a route names, as the guard resolved it for the
// person: their relations to it and what the resolver loaded.
type Subject struct {
	Type      string
	ID        int64
	Relations policy.Set
	Facts     policy.Facts
	// Value is what the resolver loaded (a candidature, a snapshot).
	Value any
}

// Resolver loads the subject of a lifecycle by id with the person's facts.
type Resolver func(ctx context.Context, id int64, who policy.Principal) (*Subject, error)

// SessionResolver loads, from a browser's session token, the person
// (nil when the token signs nobody in) and the subject of a lifecycle by id
// with that person's facts, at once: the authentication and the subject of
// a request in one read.
type SessionResolver func(ctx context.Context, token string, id int64) (*domain.User, *Subject, error)
