package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// Routes is the pages' route table: every page and form, with the policy
// action it serves and the subject it names.
func (s *Server) Routes() []web.Route {
	page := func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		return web.Route{Method: method, Pattern: pattern, Action: action, Handler: h}
	}
	cand := func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		return web.Route{Method: method, Pattern: pattern, Action: action, Subject: "candidature", Handler: h}
	}
	upload := func(rt web.Route) web.Route { rt.BodyLimit = web.UploadLimit; return rt }
	cycle := func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		return web.Route{Method: method, Pattern: pattern, Action: action, Subject: web.AnySubject, Handler: h}
	}
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
		page("POST", "/compte/jetons", policy.AccountUse, s.handleCreateToken),
		page("POST", "/compte/jetons/{tid}/revoquer", policy.AccountUse, s.handleRevokeToken),

		page("GET", "/candidatures", policy.CandidatureList, s.handleCandidatures),
		page("GET", "/candidatures/nouvelle", policy.CandidatureCreate, s.handleNewCandidature),
		page("POST", "/candidatures", policy.CandidatureCreate, s.handleCreateCandidature),
		cand("GET", "/candidatures/{id}", policy.CandidatureRead, s.handleCandidature),
		cand("GET", "/candidatures/{id}/sections/{section}", policy.CandidatureRead, s.handleSection),
		upload(cand("POST", "/candidatures/{id}/sections/{section}", policy.CandidatureEdit, s.handleSaveSection)),
		cand("POST", "/candidatures/{id}/reponses/{key}", policy.CandidatureEdit, s.handleAutosave),
		upload(cand("POST", "/candidatures/{id}/pieces", policy.CandidatureEdit, s.handleUpload)),
		cand("GET", "/candidatures/{id}/pieces/{eid}", policy.CandidatureRead, s.handleDownload),
		cand("POST", "/candidatures/{id}/pieces/{eid}/supprimer", policy.CandidatureEdit, s.handleDeleteEvidence),
		cand("GET", "/candidatures/{id}/manquant", policy.CandidatureRead, s.handleMissing),
		cand("GET", "/candidatures/{id}/depot", policy.CandidatureSubmit, s.handleSubmitForm),
		cand("POST", "/candidatures/{id}/depot", policy.CandidatureSubmit, s.handleSubmit),
		cand("GET", "/candidatures/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("candidature")),
		cand("POST", "/candidatures/{id}/evenements/{event}", policy.FireEvent, s.handleFire("candidature")),
		cand("GET", "/candidatures/{id}/historique", policy.CandidatureRead, s.handleHistory),
		cand("GET", "/candidatures/{id}/membres", policy.CandidatureRead, s.handleMembers),
		cand("POST", "/candidatures/{id}/membres", policy.CandidatureMembers, s.handleInvite),
		cand("POST", "/candidatures/{id}/membres/{uid}/retirer", policy.CandidatureMembers, s.handleRemoveMember),
		cand("GET", "/candidatures/{id}/accuse-reception.pdf", policy.CandidatureDocument, s.handleReceiptPDF),
		cand("GET", "/candidatures/{id}/dossier.pdf", policy.CandidatureDocument, s.handleDossierPDF),
		cand("GET", "/candidatures/{id}/diplome.pdf", policy.CandidatureDocument, s.handleCertificatePDF),

		// Any lifecycle's subject: its state, actions and history, from
		// its definition.
		cycle("GET", "/cycles/{type}/{id}", policy.ReadSubject, s.handleSubject),
		cycle("GET", "/cycles/{type}/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("")),
		cycle("POST", "/cycles/{type}/{id}/evenements/{event}", policy.FireEvent, s.handleFire("")),

		page("GET", "/admin/envois", policy.OutboxRead, s.handleOutbox),
	}
}
