package web

import "net/http"

func (s *Server) handleForgotForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "forgot", "Mot de passe oublié", nil)
}

func (s *Server) handleForgot(w http.ResponseWriter, r *http.Request) {
	if err := s.accounts.RequestReset(r.Context(), r.PostFormValue("email")); err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/connexion", "lien-envoye")
}

type resetPage struct {
	Token    string
	Errors   []formError
	FieldErr map[string]string
}

func (s *Server) handleResetForm(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := s.accounts.CheckResetLink(r.Context(), token); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "reset", "Nouveau mot de passe", resetPage{Token: token})
}

func (s *Server) handleReset(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if _, err := s.accounts.Reset(r.Context(), token, r.PostFormValue("password")); err != nil {
		errs, fields := formErrors(err, "password")
		if fields == nil {
			fields = map[string]string{"password": errs[0].Message}
			errs[0].Field = "password"
		}
		s.render(w, r, statusOf(err), "reset", "Nouveau mot de passe", resetPage{Token: token, Errors: errs, FieldErr: fields})
		return
	}
	s.clearSession(w)
	redirect(w, r, "/connexion", "mot-de-passe")
}
