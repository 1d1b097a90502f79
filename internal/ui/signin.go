package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

type signInPage struct {
	Email, Next string
	Errors      []formError
	FieldErr    map[string]string
}

func (s *Server) handleSignInForm(w http.ResponseWriter, r *http.Request) {
	if u := web.User(r); u != nil {
		http.Redirect(w, r, s.landing(u), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "signin", "Se connecter", signInPage{Next: web.SafeNext(r.URL.Query().Get("suite"))})
}

func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) {
	email, next := r.PostFormValue("email"), web.SafeNext(r.PostFormValue("suite"))
	u, token, err := s.app.Accounts.SignIn(r.Context(), email, r.PostFormValue("password"), s.web.ClientIP(r))
	if err != nil {
		errs, fields := formErrors(err, "email", "password")
		status := web.StatusOf(err)
		if status == http.StatusUnauthorized {
			status = http.StatusUnprocessableEntity // a form to correct, not a missing session
		}
		s.render(w, r, status, "signin", "Se connecter", signInPage{Email: email, Next: next, Errors: errs, FieldErr: fields})
		return
	}
	s.web.SetSession(w, token)
	if next == "" {
		next = s.landing(u)
	}
	web.Redirect(w, r, next, "connecte")
}

func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(web.SessionCookie); err == nil {
		if err := s.app.Accounts.SignOut(r.Context(), c.Value); err != nil {
			s.web.Fail(w, r, err)
			return
		}
	}
	s.web.ClearSession(w)
	web.Redirect(w, r, "/", "deconnecte")
}

// landing is where a person goes after signing in: staff to their
// dashboard, everyone else to their candidatures.
func (s *Server) landing(u *domain.User) string {
	if s.app.Policy.Allows(policy.BackOffice, policy.Relations(policy.User(u), policy.Facts{}), policy.Facts{}) {
		return "/admin"
	}
	return "/candidatures"
}
