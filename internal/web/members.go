package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
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
		s.fail(w, r, err)
		return
	}
	page.candView = v
	if v.Elu {
		if page.Pending, err = s.store.PendingInvitations(r.Context(), v.C.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, status, "members", "Personnes", page)
}

func (s *Server) handleMembers(w http.ResponseWriter, r *http.Request) {
	s.membersPage(w, r, http.StatusOK, membersPage{})
}

func (s *Server) handleInvite(w http.ResponseWriter, r *http.Request) {
	c := currentCandidature(r)
	email := r.PostFormValue("email")
	if err := s.cands.Invite(r.Context(), c.ID, currentUser(r), email, s.baseURL); err != nil {
		errs, fields := formErrors(err, "email")
		if fields == nil {
			fields = map[string]string{"email": errs[0].Message}
			errs[0].Field = "email"
		}
		s.membersPage(w, r, statusOf(err), membersPage{Email: email, Errors: errs, FieldErr: fields})
		return
	}
	redirect(w, r, fmt.Sprintf("/candidatures/%d/membres", c.ID), "invite")
}

func (s *Server) handleRemoveMember(w http.ResponseWriter, r *http.Request) {
	c := currentCandidature(r)
	uid, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "Personne introuvable."))
		return
	}
	if err := s.cands.RemoveMember(r.Context(), c.ID, currentUser(r), uid); err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, fmt.Sprintf("/candidatures/%d/membres", c.ID), "retire")
}
