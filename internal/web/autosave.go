package web

import (
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
)

type autosaveResult struct {
	Key     string `json:"key"`
	Version int    `json:"version"`
	Display string `json:"display"`
	SavedAt string `json:"saved_at"`
}

// handleAutosave saves one answer from the page's script and answers JSON:
// the new version, or the conflict with the other person's value. It runs
// for every answer typed, so it reads only what saving needs: the session,
// the candidature with the person's role (the guard), the campaign, then
// one transaction.
func (s *Server) handleAutosave(w http.ResponseWriter, r *http.Request) {
	d, err := s.draft(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	key := r.PathValue("key")
	q := d.Q.Question(key)
	if q == nil || candidature.IsAttestation(q) && !hasRole(r, roleElu) {
		s.apiError(w, r, domain.Errorf(domain.ENotFound, "Question « %s » inconnue.", key))
		return
	}
	raw, err := q.FromForm(formSubset(r.PostForm, q))
	if err != nil {
		s.apiError(w, r, &domain.Error{Code: domain.EInvalid, Message: err.Error(), Fields: map[string]string{key: err.Error()}})
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	a, err := s.cands.Save(r.Context(), d, candidature.SaveRequest{CandidatureID: d.C.ID, Key: key, Value: raw, ExpectedVersion: version}, currentUser(r))
	if err != nil {
		if e := domain.AsError(err); e != nil && e.Code == domain.EConflict {
			e.Message = conflictMessage(q, e)
		}
		s.apiError(w, r, err)
		return
	}
	res := autosaveResult{Key: key, Display: q.Display(raw), SavedAt: fr.DateTime(s.store.Now())}
	if a != nil {
		res.Version = a.Version
	}
	writeJSON(w, http.StatusOK, res)
}
