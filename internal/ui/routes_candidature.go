package ui

import (
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// candidatureRoutes are the candidate's pages.
func (s *Server) candidatureRoutes() []web.Route {
	return []web.Route{
		page("GET", "/candidatures", policy.CandidatureList, s.handleCandidatures),
		page("GET", "/candidatures/nouvelle", policy.CandidatureCreate, s.handleNewCandidature),
		page("POST", "/candidatures", policy.CandidatureCreate, s.handleCreateCandidature),
		cand("GET", "/candidatures/{id}", policy.CandidatureRead, s.handleCandidature),
		cand("GET", "/candidatures/{id}/sections/{section}", policy.CandidatureRead, s.handleSection),
		upload(cand("POST", "/candidatures/{id}/sections/{section}", policy.CandidatureEdit, s.handleSaveSection)),
		cand("POST", "/candidatures/{id}/reponses/{key}", policy.CandidatureEdit, s.handleAutosave),
		page("POST", "/demandes", policy.CandidatureAsk, s.handleAskAboutCandidature),
		upload(cand("POST", "/candidatures/{id}/pieces", policy.CandidatureEdit, s.handleUpload)),
		cand("GET", "/candidatures/{id}/pieces/{eid}", policy.CandidatureRead, s.handleDownload),
		cand("POST", "/candidatures/{id}/pieces/{eid}/supprimer", policy.CandidatureEdit, s.handleDeleteEvidence),
		cand("GET", "/candidatures/{id}/manquant", policy.CandidatureRead, s.handleMissing),
		cand("GET", "/candidatures/{id}/reponses", policy.CandidatureRead, s.handleAnswers),
		cand("GET", "/candidatures/{id}/depot", policy.CandidatureSubmit, s.handleSubmitForm),
		cand("POST", "/candidatures/{id}/depot", policy.CandidatureSubmit, s.handleSubmit),
		cand("GET", "/candidatures/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("candidature")),
		cand("POST", "/candidatures/{id}/evenements/{event}", policy.FireEvent, s.handleFire("candidature")),
		cand("GET", "/candidatures/{id}/historique", policy.CandidatureRead, s.handleHistory),
		cand("GET", "/candidatures/{id}/messages", policy.CandidatureMessage, s.handleMessages),
		withLimit(cand("POST", "/candidatures/{id}/messages", policy.CandidatureMessage, s.handlePostMessage), candidature.MaxMessageFiles*candidature.MaxEvidenceSize+web.FormLimit),
		cand("GET", "/candidatures/{id}/messages/fichiers/{fid}", policy.CandidatureMessage, s.handleMessageFile),
		cand("GET", "/candidatures/{id}/membres", policy.CandidatureRead, s.handleMembers),
		cand("POST", "/candidatures/{id}/membres", policy.CandidatureMembers, s.handleInvite),
		cand("POST", "/candidatures/{id}/membres/{uid}/retirer", policy.CandidatureMembers, s.handleRemoveMember),
		cand("GET", "/candidatures/{id}/accuse-reception.pdf", policy.CandidatureDocument, s.handleReceiptPDF),
		cand("GET", "/candidatures/{id}/dossier.pdf", policy.CandidatureDocument, s.handleDossierPDF),
		cand("GET", "/candidatures/{id}/diplome.pdf", policy.CandidatureDocument, s.handleCertificatePDF),
	}
}
