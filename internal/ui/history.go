package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
)

type historyPage struct {
	*candView
	Entries []domain.AuditEntry
}

func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	trail, err := s.app.Candidatures.History(r.Context(), v.D)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "history", "Historique — candidature "+fr.De(v.Coll.Name), historyPage{candView: v, Entries: trail})
}
