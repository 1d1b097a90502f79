package ui

import (
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// staffRoutes are ADULLACT staff's pages.
func (s *Server) staffRoutes() []web.Route {
	return []web.Route{
		page("GET", "/admin/envois", policy.OutboxRead, s.handleOutbox),
	}
}
