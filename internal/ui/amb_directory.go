package ui

import (
	"net/http"
)

// handleAmbDirectory is the public directory of the validated GULLs.
func (s *Server) handleAmbDirectory(w http.ResponseWriter, r *http.Request) {
	gulls, err := s.app.Ambassadeurs.Directory(r.Context())
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_directory", "Annuaire des GULL", gulls)
}
