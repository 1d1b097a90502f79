package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/web"
)

// handleAmbSpace is the person's ambassadeur space: their GULLs, the
// requests waiting in their zones, the visits they took.
func (s *Server) handleAmbSpace(w http.ResponseWriter, r *http.Request) {
	sp, err := s.app.Ambassadeurs.Space(r.Context(), web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_space", "Espace ambassadeur", sp)
}
