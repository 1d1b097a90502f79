package web

import (
	"context"
	"net/http"

	"github.com/adullact/tnl/internal/domain"
)

type ctxKey int

const (
	userKey ctxKey = iota
	candidatureKey
	rolesKey
	csrfKey
	memberRoleKey
	questionnaireHashKey
)

// currentUser returns the signed-in account, or nil.
func currentUser(r *http.Request) *domain.User {
	u, _ := r.Context().Value(userKey).(*domain.User)
	return u
}

// currentCandidature returns the candidature named by the route's {id},
// loaded by the guard.
func currentCandidature(r *http.Request) *domain.Candidature {
	c, _ := r.Context().Value(candidatureKey).(*domain.Candidature)
	return c
}

// currentRoles returns the roles the user holds for this request.
func currentRoles(r *http.Request) []string {
	roles, _ := r.Context().Value(rolesKey).([]string)
	return roles
}

func hasRole(r *http.Request, role string) bool {
	for _, x := range currentRoles(r) {
		if x == role {
			return true
		}
	}
	return false
}

// currentMemberRole returns the user's role among the members of the
// route's candidature (store.MemberElu, store.MemberAccompagnateur), or "".
func currentMemberRole(r *http.Request) string {
	role, _ := r.Context().Value(memberRoleKey).(string)
	return role
}

// currentQuestionnaireHash returns the hash of the questionnaire of the
// route's candidature.
func currentQuestionnaireHash(r *http.Request) string {
	hash, _ := r.Context().Value(questionnaireHashKey).(string)
	return hash
}

func csrfToken(r *http.Request) string {
	t, _ := r.Context().Value(csrfKey).(string)
	return t
}

func with(r *http.Request, key ctxKey, v any) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), key, v))
}
