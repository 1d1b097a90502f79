package web

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
)

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	var data struct{ Campaign *domain.Campaign }
	c, err := s.store.CurrentCampaign(r.Context())
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		s.fail(w, r, err)
		return
	}
	data.Campaign = c
	s.render(w, r, http.StatusOK, "home", "Accueil", data)
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	s.static.ServeHTTP(w, r)
}
