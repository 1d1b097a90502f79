package ui

import (
	"net/http"
	"net/url"
	"strings"
)

// handleShortLink opens the request form of a letter's personal code,
// already filled for its commune.
func (s *Server) handleShortLink(w http.ResponseWriter, r *http.Request) {
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("code")))
	if _, err := s.app.Ambassadeurs.PrefillOf(r.Context(), code); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/ambassadeurs/demande?code="+url.QueryEscape(code), http.StatusSeeOther)
}
