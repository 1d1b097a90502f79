package ui

import (
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
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
	d := draft(r)
	key := r.PathValue("key")
	q := d.Q.Question(key)
	if q == nil || candlc.IsAttestation(q) && !d.Relations.Has(policy.Elu) {
		s.jsonError(w, r, domain.Errorf(domain.ENotFound, "Question « %s » inconnue.", key))
		return
	}
	raw, err := q.FromForm(formSubset(r.PostForm, q))
	if err != nil {
		s.jsonError(w, r, &domain.Error{Code: domain.EInvalid, Message: err.Error(), Fields: map[string]string{key: err.Error()}})
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	a, err := s.app.Candidatures.Save(r.Context(), d, candidature.SaveRequest{Key: key, Value: raw, ExpectedVersion: version})
	if err != nil {
		if e := domain.AsError(err); e != nil && e.Code == domain.EConflict {
			e.Message = conflictMessage(q, e, raw, d.Who.UserID)
		}
		s.jsonError(w, r, err)
		return
	}
	res := autosaveResult{Key: key, Display: q.Display(raw), SavedAt: fr.DateTime(s.app.Store.Now())}
	if a != nil {
		res.Version = a.Version
	}
	web.WriteJSON(w, http.StatusOK, res)
}
