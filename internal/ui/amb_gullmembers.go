package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/web"
)

// handleGullInvite invites an ambassadeur to the GULL.
func (s *Server) handleGullInvite(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	if err := s.app.Ambassadeurs.Invite(r.Context(), subj.ID, r.PostFormValue("email"), web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/ambassadeurs/espace/gulls/%d", subj.ID), "gull-invite")
}

// handleGullRemoveMember takes a member out of the GULL.
func (s *Server) handleGullRemoveMember(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	uid, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Membre introuvable."))
		return
	}
	if err := s.app.Ambassadeurs.RemoveMember(r.Context(), subj.ID, uid, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/ambassadeurs/espace/gulls/%d", subj.ID), "gull-retire")
}

type gullInvitationPage struct {
	Token, Email, Gull string
}

// handleGullInvitation shows an invitation to join a GULL.
func (s *Server) handleGullInvitation(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	l, g, err := s.app.Ambassadeurs.Invitation(r.Context(), token)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_gull_invitation", "Invitation", gullInvitationPage{Token: token, Email: l.Email, Gull: g.Name})
}

func (s *Server) handleAcceptGullInvitation(w http.ResponseWriter, r *http.Request) {
	g, err := s.app.Ambassadeurs.AcceptInvitation(r.Context(), r.PathValue("token"), web.User(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/ambassadeurs/espace/gulls/%d", g.ID), "gull-membre")
}
