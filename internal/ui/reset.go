package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/web"
)

func (s *Server) handleForgotForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "forgot", "Mot de passe oublié", nil)
}

func (s *Server) handleForgot(w http.ResponseWriter, r *http.Request) {
	if err := s.app.Accounts.RequestReset(r.Context(), r.PostFormValue("email")); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/connexion", "lien-envoye")
}

type resetPage struct {
	Token    string
	Errors   []formError
	FieldErr map[string]string
}

func (s *Server) handleResetForm(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := s.app.Accounts.CheckResetLink(r.Context(), token); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "reset", "Nouveau mot de passe", resetPage{Token: token})
}

func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if _, err := s.app.Accounts.Reset(r.Context(), token, r.PostFormValue("password")); err != nil {
		errs, fields := formErrors(err, "password")
		if fields == nil {
			fields = map[string]string{"password": errs[0].Message}
			errs[0].Field = "password"
		}
		s.render(w, r, web.StatusOf(err), "reset", "Nouveau mot de passe", resetPage{Token: token, Errors: errs, FieldErr: fields})
		return
	}
	s.web.ClearSession(w)
	web.Redirect(w, r, "/connexion", "mot-de-passe")
}
