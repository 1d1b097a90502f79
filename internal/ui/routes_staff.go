package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// staffRoutes are ADULLACT staff's back office.
func (s *Server) staffRoutes() []web.Route {
	return []web.Route{
		page("GET", "/admin", policy.BackOffice, s.handleDashboard),
		page("GET", "/admin/candidatures", policy.BackOffice, s.handleStaffCandidatures),
		page("GET", "/admin/candidatures.csv", policy.BackOffice, s.handleStaffCandidaturesCSV),
		page("GET", "/admin/campagnes", policy.CampagneRead, s.handleCampaigns),
		page("GET", "/admin/campagnes/nouvelle", policy.CampagneManage, s.handleNewCampaign),
		upload(page("POST", "/admin/campagnes", policy.CampagneManage, s.handleCreateCampaign)),
		campagne("GET", "/admin/campagnes/{id}", policy.ReadSubject, s.handleCampaign),
		campagne("POST", "/admin/campagnes/{id}/dates", policy.CampagneManage, s.handleCampaignDates),
		campagne("GET", "/admin/campagnes/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("campagne")),
		campagne("POST", "/admin/campagnes/{id}/evenements/{event}", policy.FireEvent, s.handleFire("campagne")),
		page("GET", "/admin/comptes", policy.StaffAccounts, s.handleAccounts),
		page("POST", "/admin/comptes", policy.StaffAccounts, s.handleCreateStaff),
		page("POST", "/admin/comptes/{uid}/limite", policy.StaffAccounts, s.handleEluLimit),
		page("GET", "/admin/envois", policy.OutboxRead, s.handleOutbox),
		page("GET", "/admin/demandes", policy.BackOffice, s.handleRequests),
		page("POST", "/admin/demandes/{rid}", policy.BackOffice, s.handleDecideRequest),
		page("POST", "/admin/envois/{mid}/renvoyer", policy.OutboxRetry, s.handleOutboxRetry),
	}
}

// campagne is a route on the campaign named by {id}.
func campagne(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
	return web.Route{Method: method, Pattern: pattern, Action: action, Subject: "campagne", Handler: h}
}
