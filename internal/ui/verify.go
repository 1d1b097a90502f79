package ui

import (
	"net/http"
	"net/url"

	"github.com/adullact/tnl/internal/web"
)

func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	if _, err := s.app.Accounts.Verify(r.Context(), r.PathValue("token")); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	// Back to where the person was going when they signed up (the
	// creation of a candidature, an invitation), through the sign-in page
	// when this browser has no session.
	next := web.SafeNext(r.URL.Query().Get("suite"))
	if next == "" {
		next = "/candidatures"
	}
	to := next
	if web.User(r) == nil {
		to = "/connexion?suite=" + url.QueryEscape(next)
	}
	web.Redirect(w, r, to, "verifie")
}

func (s *Server) handleResendVerification(w http.ResponseWriter, r *http.Request) {
	u := web.User(r)
	if u.EmailVerifiedAt == nil {
		if err := s.app.Accounts.SendVerification(r.Context(), u); err != nil {
			s.web.Fail(w, r, err)
			return
		}
	}
	web.Redirect(w, r, "/compte", "renvoye")
}
