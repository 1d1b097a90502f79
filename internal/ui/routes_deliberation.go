package ui

import (
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// deliberationRoutes are the deliberation's pages and the scheduling of
// the palmarès' publication (publishing now is the campaign's « publier »
// event, on its page).
func (s *Server) deliberationRoutes() []web.Route {
	return []web.Route{
		campaignRoute("GET", "/campagnes/{id}/deliberation", policy.DeliberationRead, s.handleDeliberation),
		campaignRoute("POST", "/campagnes/{id}/deliberation/lot", policy.DeliberationDecide, s.handleBulkConfirm),
		campaignRoute("POST", "/campagnes/{id}/deliberation/lot/confirmer", policy.DeliberationDecide, s.handleBulkDecide),
		campaignRoute("POST", "/admin/campagnes/{id}/publication", policy.PublicationSchedule, s.handleSchedulePublication),
	}
}
