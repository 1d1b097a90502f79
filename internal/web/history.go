package web

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
)

type historyPage struct {
	*candView
	Entries []domain.AuditEntry
}

func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	trail, err := s.candidatureTrail(r, v.C.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "history", "Historique", historyPage{candView: v, Entries: trail})
}

// candidatureTrail returns a candidature's audit trail as the reader may
// see it: the collectivité's members read « Jury » or « Équipe ADULLACT »,
// not which member of the jury or of staff made a change.
func (s *Server) candidatureTrail(r *http.Request, id int64) ([]domain.AuditEntry, error) {
	trail, err := s.store.AuditTrail(r.Context(), "candidature", id)
	if err != nil || hasRole(r, roleStaff) || hasRole(r, roleJury) {
		return trail, err
	}
	for i := range trail {
		if e := &trail[i]; e.ActorRole == roleJury || e.ActorRole == roleStaff {
			e.ActorLabel, e.ActorID = roleLabel(e.ActorRole), nil
		}
	}
	return trail, nil
}
