package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

type unmatchedRow struct {
	store.PalmaresUnmatched
	// Suggestions are the collectivités whose name looks like the row's.
	Suggestions []domain.Collectivite
}

type unmatchedPage struct {
	Rows []unmatchedRow
	Done bool
}

// handlePalmaresUnmatched lists the imported rows that matched no
// collectivité, each with suggestions for staff to pick from.
func (s *Server) handlePalmaresUnmatched(w http.ResponseWriter, r *http.Request) {
	rows, err := s.app.Palmares.Unmatched(r.Context())
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p := unmatchedPage{}
	for _, u := range rows {
		row := unmatchedRow{PalmaresUnmatched: u}
		query := strings.TrimSpace(namePrefixes.Replace(u.PublishedName))
		if row.Suggestions, err = s.app.Store.SearchCollectivites(r.Context(), query, 8); err != nil {
			s.web.Fail(w, r, err)
			return
		}
		p.Rows = append(p.Rows, row)
	}
	p.Done = r.URL.Query().Get("ok") == "rapproche"
	s.render(w, r, http.StatusOK, "admin_palmares", "Palmarès : lignes importées à rapprocher", p)
}

var namePrefixes = strings.NewReplacer("Ville de ", "", "ville de ", "", "Ville d’", "", "ville d’", "", "Mairie de ", "", "le ", "", "la ", "")

// handlePalmaresMatch adds an imported row to the palmarès as the
// collectivité staff picked (a suggestion, or a code typed in).
func (s *Server) handlePalmaresMatch(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Ligne à rapprocher introuvable."))
		return
	}
	var collectivite int64
	if code := strings.TrimSpace(r.PostFormValue("code")); code != "" {
		kind := domain.CollectiviteKind(r.PostFormValue("type"))
		if !kind.Valid() {
			s.web.Fail(w, r, domain.Errorf(domain.EUnprocessable, "Choisissez le type de la collectivité du code « %s ».", code))
			return
		}
		c, err := s.app.Store.CollectiviteByCode(r.Context(), kind, code)
		if err != nil {
			s.web.Fail(w, r, domain.Errorf(domain.EUnprocessable, "Aucune collectivité de type %s et de code « %s ».", strings.ToLower(kind.Label()), code))
			return
		}
		collectivite = c.ID
	} else if collectivite, err = strconv.ParseInt(r.PostFormValue("collectivite"), 10, 64); err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.EUnprocessable, "Choisissez une collectivité parmi les suggestions, ou donnez son code."))
		return
	}
	if _, err := s.app.Palmares.Match(r.Context(), id, collectivite); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/palmares/rapprochements?ok=rapproche", http.StatusSeeOther)
}
