package ui

import (
	"fmt"
	"net/http"

	"github.com/adullact/tnl/internal/web"
)

type invitationPage struct {
	Token        string
	Email        string
	Collectivite string
	Year         int
}

// handleInvitation shows an invitation: sign in or sign up, then accept.
func (s *Server) handleInvitation(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	link, c, err := s.app.Candidatures.Invitation(r.Context(), token)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	coll, err := s.app.Store.Collectivite(r.Context(), c.CollectiviteID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	cp, err := s.app.Store.Campaign(r.Context(), c.CampaignID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "invitation", "Invitation", invitationPage{Token: token, Email: link.Email, Collectivite: coll.Name, Year: cp.Year})
}

func (s *Server) handleAcceptInvitation(w http.ResponseWriter, r *http.Request) {
	c, err := s.app.Candidatures.AcceptInvitation(r.Context(), r.PathValue("token"), web.User(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d", c.ID), "membre")
}
