package web

import "net/http"

// Roles a route may allow. Candidature roles (elu, accompagnateur) are held
// on the candidature named by the route's {id}; jury and staff come from the
// account; membre is any signed-in account; public is anyone.
const (
	rolePublic         = "public"
	roleMember         = "membre"
	roleElu            = "elu"
	roleAccompagnateur = "accompagnateur"
	roleJury           = "jury"
	roleStaff          = "staff"
)

// How a route authenticates.
const (
	authSession = iota // browser: session cookie, CSRF token on unsafe methods
	authToken          // script: Authorization: Bearer tnl_…
)

// route is one entry of the route table.
type route struct {
	Method  string
	Pattern string
	Roles   []string
	Auth    int
	Handler http.HandlerFunc
}

var (
	anyone      = []string{rolePublic}
	members     = []string{roleMember}
	editors     = []string{roleElu, roleAccompagnateur}
	eluOnly     = []string{roleElu}
	readers     = []string{roleElu, roleAccompagnateur, roleJury, roleStaff}
	firers      = []string{roleElu, roleJury, roleStaff}
	staffOnly   = []string{roleStaff}
	tokenHolder = []string{roleMember}
)

// routes is the route table: every page and API endpoint, with who may use it.
func (s *Server) routes() []route {
	return []route{
		{"GET", "/healthz", anyone, authSession, s.handleHealthz},
		{"GET", "/static/", anyone, authSession, s.handleStatic},
		{"GET", "/{$}", anyone, authSession, s.handleHome},

		{"GET", "/inscription", anyone, authSession, s.handleSignUpForm},
		{"POST", "/inscription", anyone, authSession, s.handleSignUp},
		{"GET", "/connexion", anyone, authSession, s.handleSignInForm},
		{"POST", "/connexion", anyone, authSession, s.handleSignIn},
		{"POST", "/deconnexion", members, authSession, s.handleSignOut},
		{"GET", "/verifier/{token}", anyone, authSession, s.handleVerify},
		{"POST", "/verifier/renvoyer", members, authSession, s.handleResendVerification},
		{"GET", "/mot-de-passe-oublie", anyone, authSession, s.handleForgotForm},
		{"POST", "/mot-de-passe-oublie", anyone, authSession, s.handleForgot},
		{"GET", "/reinitialiser/{token}", anyone, authSession, s.handleResetForm},
		{"POST", "/reinitialiser/{token}", anyone, authSession, s.handleReset},
		{"GET", "/invitation/{token}", anyone, authSession, s.handleInvitation},
		{"POST", "/invitation/{token}", members, authSession, s.handleAcceptInvitation},

		{"GET", "/compte", members, authSession, s.handleAccount},
		{"POST", "/compte/jetons", members, authSession, s.handleCreateToken},
		{"POST", "/compte/jetons/{tid}/revoquer", members, authSession, s.handleRevokeToken},

		{"GET", "/candidatures", members, authSession, s.handleCandidatures},
		{"GET", "/candidatures/nouvelle", members, authSession, s.handleNewCandidature},
		{"POST", "/candidatures", members, authSession, s.handleCreateCandidature},
		{"GET", "/candidatures/{id}", readers, authSession, s.handleCandidature},
		{"GET", "/candidatures/{id}/sections/{section}", readers, authSession, s.handleSection},
		{"POST", "/candidatures/{id}/sections/{section}", editors, authSession, s.handleSaveSection},
		{"POST", "/candidatures/{id}/reponses/{key}", editors, authSession, s.handleAutosave},
		{"POST", "/candidatures/{id}/pieces", editors, authSession, s.handleUpload},
		{"GET", "/candidatures/{id}/pieces/{eid}", readers, authSession, s.handleDownload},
		{"POST", "/candidatures/{id}/pieces/{eid}/supprimer", editors, authSession, s.handleDeleteEvidence},
		{"GET", "/candidatures/{id}/manquant", readers, authSession, s.handleMissing},
		{"GET", "/candidatures/{id}/depot", eluOnly, authSession, s.handleSubmitForm},
		{"POST", "/candidatures/{id}/depot", eluOnly, authSession, s.handleSubmit},
		{"POST", "/candidatures/{id}/evenements/{event}", firers, authSession, s.handleFire},
		{"GET", "/candidatures/{id}/historique", readers, authSession, s.handleHistory},
		{"GET", "/candidatures/{id}/membres", readers, authSession, s.handleMembers},
		{"POST", "/candidatures/{id}/membres", eluOnly, authSession, s.handleInvite},
		{"POST", "/candidatures/{id}/membres/{uid}/retirer", eluOnly, authSession, s.handleRemoveMember},
		{"GET", "/candidatures/{id}/accuse-reception.pdf", readers, authSession, s.handleReceiptPDF},
		{"GET", "/candidatures/{id}/dossier.pdf", readers, authSession, s.handleDossierPDF},
		{"GET", "/candidatures/{id}/diplome.pdf", readers, authSession, s.handleCertificatePDF},

		{"GET", "/admin/envois", staffOnly, authSession, s.handleOutbox},

		{"GET", "/api/v1/campaigns", tokenHolder, authToken, s.apiCampaigns},
		{"GET", "/api/v1/collectivites", tokenHolder, authToken, s.apiSearchCollectivites},
		{"POST", "/api/v1/candidatures", tokenHolder, authToken, s.apiCreateCandidature},
		{"GET", "/api/v1/candidatures/{id}", readers, authToken, s.apiCandidature},
		{"GET", "/api/v1/candidatures/{id}/answers", readers, authToken, s.apiAnswers},
		{"PUT", "/api/v1/candidatures/{id}/answers/{key}", editors, authToken, s.apiPutAnswer},
		{"POST", "/api/v1/candidatures/{id}/evidence", editors, authToken, s.apiUploadEvidence},
		{"POST", "/api/v1/candidatures/{id}/events/{event}", firers, authToken, s.apiFire},
		{"GET", "/api/v1/candidatures/{id}/audit", readers, authToken, s.apiAudit},
		{"GET", "/api/v1/candidatures/{id}/dossier.pdf", readers, authToken, s.apiDossierPDF},
	}
}
