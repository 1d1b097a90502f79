package web

import "net/http"

func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	if _, err := s.accounts.Verify(r.Context(), r.PathValue("token")); err != nil {
		s.fail(w, r, err)
		return
	}
	to := "/connexion?suite=/candidatures"
	if currentUser(r) != nil {
		to = "/candidatures"
	}
	redirect(w, r, to, "verifie")
}

func (s *Server) handleResendVerification(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	if u.EmailVerifiedAt == nil {
		if err := s.accounts.SendVerification(r.Context(), u); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	redirect(w, r, "/compte", "renvoye")
}
