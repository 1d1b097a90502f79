package web

import (
	"fmt"
	"net/http"
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
	link, c, err := s.cands.Invitation(r.Context(), token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	coll, err := s.store.Collectivite(r.Context(), c.CollectiviteID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cp, err := s.store.Campaign(r.Context(), c.CampaignID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "invitation", "Invitation", invitationPage{Token: token, Email: link.Email, Collectivite: coll.Name, Year: cp.Year})
}

func (s *Server) handleAcceptInvitation(w http.ResponseWriter, r *http.Request) {
	c, err := s.cands.AcceptInvitation(r.Context(), r.PathValue("token"), currentUser(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/candidatures/%d", c.ID), "membre")
}
