package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	"github.com/adullact/tnl/internal/web"
)

type campaignBody struct {
	ID                   int64              `json:"id"`
	Year                 int                `json:"year"`
	Title                string             `json:"title"`
	State                string             `json:"state"`
	StateLabel           string             `json:"state_label"`
	OpensAt              string             `json:"opens_at"`
	ClosesAt             string             `json:"closes_at"`
	Deadline             string             `json:"deadline_paris"`
	QuestionnaireVersion string             `json:"questionnaire_version"`
	QuestionnaireHash    string             `json:"questionnaire_hash"`
	AwardScheme          domain.AwardScheme `json:"award_scheme"`
}

func campaignJSON(c *domain.Campaign) campaignBody {
	return campaignBody{ID: c.ID, Year: c.Year, Title: c.Title, State: c.State, StateLabel: camplc.StateLabel(c.State),
		OpensAt: web.Time(c.OpensAt), ClosesAt: web.Time(c.ClosesAt), Deadline: fr.Deadline(c.ClosesAt),
		QuestionnaireVersion: c.QuestionnaireVersion, QuestionnaireHash: c.QuestionnaireHash, AwardScheme: c.AwardScheme}
}

func (s *Server) campaigns(w http.ResponseWriter, r *http.Request) {
	cs, err := s.app.Store.Campaigns(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]campaignBody, 0, len(cs))
	for i := range cs {
		out = append(out, campaignJSON(&cs[i]))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"campaigns": out})
}

type collectiviteBody struct {
	ID          int64    `json:"id"`
	Kind        string   `json:"kind"`
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Siren       string   `json:"siren,omitempty"`
	Departement string   `json:"departement,omitempty"`
	Region      string   `json:"region,omitempty"`
	Population  int      `json:"population"`
	PostalCodes []string `json:"postal_codes,omitempty"`
}

func collectiviteJSON(c *domain.Collectivite) collectiviteBody {
	return collectiviteBody{ID: c.ID, Kind: string(c.Kind), Code: c.Code, Name: c.Name, Siren: c.Siren,
		Departement: c.DepartementCode, Region: c.RegionCode, Population: c.Population, PostalCodes: strings.Fields(c.PostalCodes)}
}

func (s *Server) searchCollectivites(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if q == "" {
		s.fail(w, r, &domain.Error{Code: domain.EInvalid, Message: "Paramètre « q » manquant : nom, code postal, code INSEE ou SIREN.", Fields: map[string]string{"q": "Obligatoire."}})
		return
	}
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	found, err := s.app.Store.SearchCollectivites(r.Context(), q, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]collectiviteBody, 0, len(found))
	for i := range found {
		out = append(out, collectiviteJSON(&found[i]))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"collectivites": out})
}
