package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
)

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	var data struct{ Campaign *domain.Campaign }
	c, err := s.app.Store.CurrentCampaign(r.Context())
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		s.web.Fail(w, r, err)
		return
	}
	data.Campaign = c
	s.render(w, r, http.StatusOK, "home", "Accueil", data)
}
