package web

import (
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/workflow"
)

func (s *Server) apiCampaigns(w http.ResponseWriter, r *http.Request) {
	cs, err := s.store.Campaigns(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	def := workflow.Campagne()
	out := make([]apiCampaign, 0, len(cs))
	for i := range cs {
		out = append(out, campaignJSON(&cs[i], def.StateLabel(cs[i].State)))
	}
	writeJSON(w, http.StatusOK, map[string]any{"campaigns": out})
}

func (s *Server) apiSearchCollectivites(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if q == "" {
		s.apiError(w, r, &domain.Error{Code: domain.EInvalid, Message: "Paramètre « q » manquant : nom, code postal, code INSEE ou SIREN.", Fields: map[string]string{"q": "Obligatoire."}})
		return
	}
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	found, err := s.store.SearchCollectivites(r.Context(), q, limit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]apiCollectivite, 0, len(found))
	for i := range found {
		out = append(out, collectiviteJSON(&found[i]))
	}
	writeJSON(w, http.StatusOK, map[string]any{"collectivites": out})
}
