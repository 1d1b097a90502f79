package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

// palmaresRoutes are the public side of the label — the palmarès of each
// edition, each collectivité's history, the badges, the feed, the open
// data — and staff's matching of imported rows.
func (s *Server) palmaresRoutes() []web.Route {
	pub := func(pattern string, h http.HandlerFunc) web.Route {
		return page("GET", pattern, policy.PalmaresPublic, h)
	}
	return []web.Route{
		pub("/palmares", s.handlePalmaresLatest),
		pub("/palmares.atom", s.handlePalmaresFeed),
		pub("/palmares/{annee}", s.handlePalmaresYear),
		pub("/palmares/{annee}/livret.pdf", s.handlePalmaresBooklet),
		pub("/collectivites/{code}", s.handleCollectivitePublic),
		pub("/collectivites/{code}/{annee}/certificat.pdf", s.handlePublicCertificate),
		pub("/badges/{annee}/{badge}", s.handleBadge),
		pub("/donnees", s.handleOpenData),
		pub("/donnees/schema.json", s.handleOpenDataSchema),
		pub("/donnees/{fichier}", s.handleOpenDataFile),
		page("GET", "/admin/palmares/rapprochements", policy.PalmaresMatch, s.handlePalmaresUnmatched),
		page("POST", "/admin/palmares/rapprochements/{id}", policy.PalmaresMatch, s.handlePalmaresMatch),
	}
}
