package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/web"
)

type membersPage struct {
	*candView
	Pending  []domain.AuthLink
	Email    string
	Errors   []formError
	FieldErr map[string]string
}

func (s *Server) membersPage(w http.ResponseWriter, r *http.Request, status int, page membersPage) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.candView = v
	if v.Manage {
		if page.Pending, err = s.app.Store.PendingInvitations(r.Context(), v.C.ID); err != nil {
			s.web.Fail(w, r, err)
			return
		}
	}
	s.render(w, r, status, "members", "Personnes — candidature "+fr.De(page.Coll.Name), page)
}

func (s *Server) handleMembers(w http.ResponseWriter, r *http.Request) {
	s.membersPage(w, r, http.StatusOK, membersPage{})
}

func (s *Server) handleInvite(w http.ResponseWriter, r *http.Request) {
	c := draft(r).C
	email := r.PostFormValue("email")
	if err := s.app.Candidatures.Invite(r.Context(), draft(r), email); err != nil {
		errs, fields := formErrors(err, "email")
		if fields == nil {
			fields = map[string]string{"email": errs[0].Message}
			errs[0].Field = "email"
		}
		s.membersPage(w, r, web.StatusOf(err), membersPage{Email: email, Errors: errs, FieldErr: fields})
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d/membres", c.ID), "invite")
}

func (s *Server) handleRemoveMember(w http.ResponseWriter, r *http.Request) {
	c := draft(r).C
	uid, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Personne introuvable."))
		return
	}
	if err := s.app.Candidatures.RemoveMember(r.Context(), draft(r), uid); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d/membres", c.ID), "retire")
}
