package ui

import (
	"bytes"
	"net/http"

	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	"github.com/adullact/tnl/internal/web"
)

type lettersPage struct {
	Allowed   bool
	Templates []struct{ Key, Title, Subject, Body string }
}

// handleAmbTemplates lists the template letters for a first contact.
func (s *Server) handleAmbTemplates(w http.ResponseWriter, r *http.Request) {
	ok, err := s.app.Ambassadeurs.MayUseTools(r.Context(), web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_letters", "Lettres de premier contact", lettersPage{Allowed: ok, Templates: courrierlc.FirstContact})
}

// handleAmbTemplatePDF renders a template letter for a commune (?commune=).
func (s *Server) handleAmbTemplatePDF(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	key, commune := r.PathValue("modele"), r.URL.Query().Get("commune")
	if err := s.app.Ambassadeurs.FirstContactLetter(r.Context(), &b, key, commune, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, key+"-"+commune+".pdf", "application/pdf", b.Bytes())
}
