package ui

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/web"
)

type accountPage struct {
	Tokens   []domain.APIToken
	NewToken string
	Errors   []formError
	FieldErr map[string]string
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, status int, page accountPage) {
	tokens, err := s.app.Store.APITokens(r.Context(), web.User(r).ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.Tokens = tokens
	s.render(w, r, status, "account", "Mon compte", page)
}

func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) {
	s.accountPage(w, r, http.StatusOK, accountPage{})
}

// handleCreateToken shows the new token once, on the page itself.
func (s *Server) handleCreateToken(w http.ResponseWriter, r *http.Request) {
	token, _, err := s.app.Accounts.CreateAPIToken(r.Context(), web.User(r), r.PostFormValue("name"))
	if err != nil {
		errs, fields := formErrors(err, "name")
		s.accountPage(w, r, web.StatusOf(err), accountPage{Errors: errs, FieldErr: fields})
		return
	}
	s.accountPage(w, r, http.StatusCreated, accountPage{NewToken: token})
}

func (s *Server) handleRevokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Jeton introuvable."))
		return
	}
	if err := s.app.Store.RevokeAPIToken(r.Context(), web.User(r).ID, id); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/compte", "jeton")
}

// handleTitleForm records how the person's title is written: « élue
// référente », « élu référent » or « élu·e référent·e ».
func (s *Server) handleTitleForm(w http.ResponseWriter, r *http.Request) {
	form := r.PostFormValue("forme")
	if !slices.Contains(domain.TitleForms(), form) {
		s.web.Fail(w, r, &domain.Error{Code: domain.EInvalid, Message: "Choisissez l’une des formes proposées.", Fields: map[string]string{"forme": "Choisissez l’une des formes proposées."}})
		return
	}
	if err := s.app.Store.SetTitleForm(r.Context(), web.User(r).ID, form); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/compte", "forme")
}
