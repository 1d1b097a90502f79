package ui

import (
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// accountRoutes are the public pages, signing in and up, and the account.
func (s *Server) accountRoutes() []web.Route {
	return []web.Route{
		page("GET", "/static/", policy.PublicPage, s.handleStatic),
		page("GET", "/{$}", policy.PublicPage, s.handleHome),

		page("GET", "/inscription", policy.PublicPage, s.handleSignUpForm),
		page("POST", "/inscription", policy.PublicPage, s.handleSignUp),
		page("GET", "/connexion", policy.PublicPage, s.handleSignInForm),
		page("POST", "/connexion", policy.PublicPage, s.handleSignIn),
		page("POST", "/deconnexion", policy.AccountUse, s.handleSignOut),
		page("GET", "/verifier/{token}", policy.PublicPage, s.handleVerify),
		page("POST", "/verifier/renvoyer", policy.AccountUse, s.handleResendVerification),
		page("GET", "/mot-de-passe-oublie", policy.PublicPage, s.handleForgotForm),
		page("POST", "/mot-de-passe-oublie", policy.PublicPage, s.handleForgot),
		page("GET", "/reinitialiser/{token}", policy.PublicPage, s.handleResetForm),
		page("POST", "/reinitialiser/{token}", policy.PublicPage, s.handleReset),
		page("GET", "/invitation/{token}", policy.PublicPage, s.handleInvitation),
		page("POST", "/invitation/{token}", policy.AccountUse, s.handleAcceptInvitation),

		page("GET", "/compte", policy.AccountUse, s.handleAccount),
		page("POST", "/compte/titre", policy.AccountUse, s.handleTitleForm),
		page("POST", "/compte/jetons", policy.AccountUse, s.handleCreateToken),
		page("POST", "/compte/jetons/{tid}/revoquer", policy.AccountUse, s.handleRevokeToken),
		page("GET", "/compte/donnees", policy.AccountUse, s.handleMyData),
		page("GET", "/compte/supprimer", policy.AccountUse, s.handleDeleteAccountForm),
		page("POST", "/compte/supprimer", policy.AccountUse, s.handleDeleteAccount),
	}
}
