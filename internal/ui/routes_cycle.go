package ui

import (
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// cycleRoutes show and fire any lifecycle's subject, from its definition.
func (s *Server) cycleRoutes() []web.Route {
	return []web.Route{
		cycle("GET", "/cycles/{type}/{id}", policy.ReadSubject, s.handleSubject),
		cycle("GET", "/cycles/{type}/{id}/evenements/{event}", policy.FireEvent, s.handleEventForm("")),
		cycle("POST", "/cycles/{type}/{id}/evenements/{event}", policy.FireEvent, s.handleFire("")),
	}
}
