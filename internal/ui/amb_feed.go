package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/web"
)

// handleAmbFeed is the feed of the visit reports, per région, for the
// ambassadeurs: the 2019 « compte-rendus ».
func (s *Server) handleAmbFeed(w http.ResponseWriter, r *http.Request) {
	f, err := s.app.Ambassadeurs.ReportsFeed(r.Context(), web.Principal(r), r.URL.Query().Get("region"))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_feed", "Comptes rendus des visites", f)
}
