package ui

import (
	"net/http"
	"slices"

	"github.com/adullact/tnl/internal/badge"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/palmares"
)

type collectiviteYear struct {
	*palmares.Entry
	BadgeURL string
	BadgeAlt string
	Snippet  string
	Width    int
	Height   int
}

type collectivitePage struct {
	Name, Kind, Departement, Region string
	// Years, most recent first.
	Years []collectiviteYear
}

// handleCollectivitePublic is a collectivité's history as a laureate, its
// badges and their snippets.
func (s *Server) handleCollectivitePublic(w http.ResponseWriter, r *http.Request) {
	snap, ok := s.snapshot(w, r)
	if !ok {
		return
	}
	slug := r.PathValue("code")
	hist := snap.History(slug)
	if len(hist) == 0 {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Aucune collectivité de code « %s » au palmarès du label.", slug))
		return
	}
	last := hist[len(hist)-1]
	s.publicPage(w, r, snap, "collectivite:"+slug, "public_collectivite", last.Name, func() (any, error) {
		base := s.app.Mail.BaseURL()
		p := collectivitePage{Name: last.Name, Kind: last.Kind.Label(), Departement: last.DepartementName, Region: last.RegionName}
		if p.Departement != "" {
			p.Departement += " (" + last.DepartementCode + ")"
		}
		for _, e := range slices.Backward(hist) {
			y := collectiviteYear{Entry: e, BadgeURL: palmares.BadgeURL("", e), Width: badge.Width, Height: badge.Height}
			var err error
			if y.BadgeAlt, err = badge.Title(palmares.BadgeOf(e)); err != nil {
				return nil, err
			}
			if y.Snippet, err = palmares.Snippet(base, e); err != nil {
				return nil, err
			}
			p.Years = append(p.Years, y)
		}
		return p, nil
	})
}
