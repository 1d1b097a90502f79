package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/kit"
	"github.com/adullact/tnl/internal/web"
)

type kitPage struct {
	Allowed bool
	Kit     *kit.Kit
}

// handleAmbKit shows the kit to the ambassadeurs.
func (s *Server) handleAmbKit(w http.ResponseWriter, r *http.Request) {
	ok, err := s.app.Ambassadeurs.MayUseTools(r.Context(), web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_kit", "Le kit de l’ambassadeur", kitPage{Allowed: ok, Kit: s.app.Ambassadeurs.Kit()})
}
