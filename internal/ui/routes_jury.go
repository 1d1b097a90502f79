package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// evaluation is a route on the evaluation named by {id}.
func evaluation(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
	return web.Route{Method: method, Pattern: pattern, Action: action, Subject: "evaluation", Handler: h}
}

// campaignRoute is a route on the campaign named by {id}.
func campaignRoute(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
	return web.Route{Method: method, Pattern: pattern, Action: action, Subject: "campagne", Handler: h}
}

// juryRoutes are the jury's pages: invitations and charter, a juror's
// evaluations, a candidature's jury work, staff's jury of a campaign, the
// ranking and the jury's documents.
func (s *Server) juryRoutes() []web.Route {
	return []web.Route{
		page("GET", "/jury/invitation/{token}", policy.PublicPage, s.handleJuryInvitation),
		page("POST", "/jury/invitation/{token}", policy.JuryJoin, s.handleAcceptJuryInvitation),
		page("GET", "/jury/evaluations", policy.JuryJoin, s.handleMyEvaluations),
		page("POST", "/jury/campagnes/{cid}/charte", policy.JuryJoin, s.handleAcceptCharter),
		page("GET", "/jury/campagnes/{cid}/preferences", policy.JuryJoin, s.handlePreferencesForm),
		page("POST", "/jury/campagnes/{cid}/preferences", policy.JuryJoin, s.handlePreferences),

		evaluation("GET", "/evaluations/{id}", policy.ReadSubject, s.handleEvaluation),
		evaluation("POST", "/evaluations/{id}", policy.EvaluationEdit, s.handleSaveEvaluation),
		evaluation("POST", "/evaluations/{id}/brouillon", policy.EvaluationEdit, s.handleAutosaveEvaluation),
		evaluation("POST", "/evaluations/{id}/remarque", policy.EvaluationKeepRemark, s.handleKeepRemark),
		evaluation("GET", "/evaluations/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("evaluation")),
		evaluation("POST", "/evaluations/{id}/evenements/{event}", policy.FireEvent, s.handleFire("evaluation")),

		cand("GET", "/candidatures/{id}/jury", policy.CandidatureEvaluations, s.handleCandidatureJury),
		cand("POST", "/candidatures/{id}/deport", policy.JuryRecuse, s.handleRecuse),
		cand("POST", "/candidatures/{id}/jury/conflits", policy.JuryManage, s.handleSetConflict),
		cand("POST", "/candidatures/{id}/jury/affectations", policy.JuryManage, s.handleAddAssignment),
		cand("POST", "/candidatures/{id}/jury/affectations/{uid}/retirer", policy.JuryManage, s.handleRemoveAssignment),
		cand("GET", "/candidatures/{id}/fiche-jury.pdf", policy.CandidatureEvaluations, s.handleJurySheetPDF),

		page("GET", "/admin/jury", policy.JuryManage, s.handleJuryAdminCurrent),
		campaignRoute("GET", "/campagnes/{id}/jury", policy.JuryManage, s.handleJuryAdmin),
		campaignRoute("POST", "/campagnes/{id}/jury/invitations", policy.JuryManage, s.handleJuryInvite),
		campaignRoute("POST", "/campagnes/{id}/jury/reglages", policy.JuryManage, s.handleJurySettings),
		campaignRoute("POST", "/campagnes/{id}/jury/affectation", policy.JuryManage, s.handleJuryAssign),
		campaignRoute("GET", "/campagnes/{id}/jury/conflits", policy.JuryManage, s.handleJuryConflicts),
		campaignRoute("GET", "/campagnes/{id}/jury/classement", policy.JuryRanking, s.handleRanking),
		campaignRoute("GET", "/campagnes/{id}/jury/classement.csv", policy.JuryRanking, s.handleRankingExport("csv")),
		campaignRoute("GET", "/campagnes/{id}/jury/classement.ods", policy.JuryRanking, s.handleRankingExport("ods")),
		campaignRoute("GET", "/campagnes/{id}/jury/grille.pdf", policy.JuryGrid, s.handleGridPDF),
	}
}
