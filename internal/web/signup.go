package web

import (
	"net/http"

	"github.com/adullact/tnl/internal/account"
)

type signUpPage struct {
	Name, Email, Next string
	Errors            []formError
	FieldErr          map[string]string
}

func (s *Server) handleSignUpForm(w http.ResponseWriter, r *http.Request) {
	if currentUser(r) != nil {
		http.Redirect(w, r, "/candidatures", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "signup", "Créer un compte", signUpPage{Next: safeNext(r.URL.Query().Get("suite"))})
}

func (s *Server) handleSignUp(w http.ResponseWriter, r *http.Request) {
	req := account.SignUpRequest{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Password: r.PostFormValue("password"), ClientIP: clientIP(r)}
	next := safeNext(r.PostFormValue("suite"))
	u, err := s.accounts.SignUp(r.Context(), req)
	if err != nil {
		errs, fields := formErrors(err, "name", "email", "password")
		s.render(w, r, statusOf(err), "signup", "Créer un compte", signUpPage{Name: req.Name, Email: req.Email, Next: next, Errors: errs, FieldErr: fields})
		return
	}
	token, err := s.accounts.OpenSession(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setSession(w, token)
	if next == "" {
		next = "/candidatures"
	}
	redirect(w, r, next, "inscrit")
}
