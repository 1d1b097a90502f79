package ui

import (
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// publicRoutes are the information pages, for anyone.
func (s *Server) publicRoutes() []web.Route {
	return []web.Route{
		page("GET", "/criteres", policy.PublicPage, s.handleCriteria),
		page("GET", "/questionnaire", policy.PublicPage, s.handleBlankQuestionnaire),
		page("GET", "/questionnaire.pdf", policy.PublicPage, s.handleBlankQuestionnairePDF),
		page("GET", "/faq", policy.PublicPage, s.handleInfo("faq", "Questions fréquentes")),
		page("GET", "/contact", policy.PublicPage, s.handleInfo("contact", "Contact")),
		page("GET", "/mentions-legales", policy.PublicPage, s.handleInfo("mentions", "Mentions légales")),
		page("GET", "/donnees-personnelles", policy.PublicPage, s.handlePrivacy),
		page("GET", "/accessibilite", policy.PublicPage, s.handleInfo("accessibilite", "Déclaration d’accessibilité")),
	}
}
