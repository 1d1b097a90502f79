package web

import (
	"net/http"

	"github.com/adullact/tnl/internal/candidature"
)

// draft returns the route's candidature as the signed-in person works on
// it, from what the guard loaded: no query once its questionnaire is parsed.
func (s *Server) draft(r *http.Request) (*candidature.Draft, error) {
	return s.cands.DraftOf(r.Context(), currentCandidature(r), currentMemberRole(r), currentQuestionnaireHash(r), currentUser(r))
}

// draft returns the page's candidature as the signed-in person works on
// it, without a query.
func (v *candView) draft(r *http.Request) *candidature.Draft {
	return &candidature.Draft{C: v.C, Access: candidature.AccessFor(currentMemberRole(r), currentUser(r)), Q: v.Q}
}
