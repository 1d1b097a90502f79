package web

import (
	"context"
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
)

type ctxKey int

const (
	userKey ctxKey = iota
	subjectKey
	relationsKey
	csrfKey
	csrfSessionKey
)

// User returns the signed-in account, or nil.
func User(r *http.Request) *domain.User {
	u, _ := r.Context().Value(userKey).(*domain.User)
	return u
}

// WithoutUser returns the request as nobody's: once an account is deleted,
// the page that says so is an anonymous one.
func WithoutUser(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), userKey, (*domain.User)(nil)))
}

// Principal returns who makes the request.
func Principal(r *http.Request) policy.Principal { return policy.User(User(r)) }

// CurrentSubject returns the subject named by the route, resolved by the
// guard, or nil.
func CurrentSubject(r *http.Request) *Subject {
	s, _ := r.Context().Value(subjectKey).(*Subject)
	return s
}

// CSRF returns the request's CSRF token, for forms.
func CSRF(r *http.Request) string {
	t, _ := r.Context().Value(csrfKey).(string)
	return t
}

func with(r *http.Request, key ctxKey, v any) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), key, v))
}
