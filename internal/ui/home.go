package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/palmares"
)

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	var data struct {
		Campaign *domain.Campaign
		// Palmares is the latest published palmarès, nil before any.
		Palmares *palmares.YearPage
	}
	c, err := s.app.Store.CurrentCampaign(r.Context())
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		s.web.Fail(w, r, err)
		return
	}
	data.Campaign = c
	if snap, err := s.app.Palmares.Snapshot(r.Context()); err != nil {
		s.web.Fail(w, r, err)
		return
	} else if y := snap.Latest(); y != 0 {
		if data.Palmares, err = snap.YearPage(y, palmares.Filter{Page: 1}); err != nil {
			s.web.Fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "home", "Accueil", data)
}
