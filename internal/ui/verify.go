package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/web"
)

func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	if _, err := s.app.Accounts.Verify(r.Context(), r.PathValue("token")); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	to := "/connexion?suite=/candidatures"
	if web.User(r) != nil {
		to = "/candidatures"
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
