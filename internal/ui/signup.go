package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/web"
)

type signUpPage struct {
	Name, Email, Next string
	Errors            []formError
	FieldErr          map[string]string
}

func (s *Server) handleSignUpForm(w http.ResponseWriter, r *http.Request) {
	if web.User(r) != nil {
		http.Redirect(w, r, "/candidatures", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "signup", "Créer un compte", signUpPage{Next: web.SafeNext(r.URL.Query().Get("suite"))})
}

func (s *Server) handleSignUp(w http.ResponseWriter, r *http.Request) {
	next := web.SafeNext(r.PostFormValue("suite"))
	req := account.SignUpRequest{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Password: r.PostFormValue("password"), ClientIP: s.web.ClientIP(r), Next: next}
	u, err := s.app.Accounts.SignUp(r.Context(), req)
	if err != nil {
		errs, fields := formErrors(err, "name", "email", "password")
		s.render(w, r, web.StatusOf(err), "signup", "Créer un compte", signUpPage{Name: req.Name, Email: req.Email, Next: next, Errors: errs, FieldErr: fields})
		return
	}
	token, err := s.app.Accounts.OpenSession(r.Context(), u)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.web.SetSession(w, token)
	if next == "" {
		next = "/candidatures"
	}
	web.Redirect(w, r, next, "inscrit")
}
