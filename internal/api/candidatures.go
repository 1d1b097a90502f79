package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

type memberBody struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

type candidatureBody struct {
	ID           int64            `json:"id"`
	Reference    string           `json:"reference"`
	CampaignYear int              `json:"campaign_year"`
	Collectivite collectiviteBody `json:"collectivite"`
	State        string           `json:"state"`
	Track        string           `json:"track"`
	StateLabel   string           `json:"state_label"`
	Version      int              `json:"version"`
	SubmittedAt  *string          `json:"submitted_at"`
	EluName      string           `json:"elu_name,omitempty"`
	EluMandate   string           `json:"elu_mandate,omitempty"`
	Level        *int             `json:"level,omitempty"`
	LevelLabel   string           `json:"level_label,omitempty"`
	Motivation   string           `json:"motivation,omitempty"`
	Mentions     []string         `json:"mentions,omitempty"`
	Members      []memberBody     `json:"members"`
	Missing      []string         `json:"missing"`
	Events       []eventBody      `json:"events"`
}

// candidatureJSON describes a candidature as the person sees it: the level
// as the policy lets them see it, the events they may fire.
func (s *Server) candidatureJSON(r *http.Request, id int64) (*candidatureBody, error) {
	snap, err := s.app.Engine.Load(r.Context(), candlc.Name, id, web.Principal(r))
	if err != nil {
		return nil, err
	}
	p := snap.Payload.(*candlc.Payload)
	c := p.Candidature
	out := &candidatureBody{ID: c.ID, Reference: c.Reference, CampaignYear: p.Campaign.Year, Collectivite: collectiviteJSON(p.Collectivite),
		State: c.State, Track: c.Track, StateLabel: snap.StateLabel, Version: c.Version, SubmittedAt: web.TimePtr(c.SubmittedAt),
		EluName: c.EluName, EluMandate: c.EluMandate, Members: []memberBody{}, Missing: []string{}}
	if c.Level != nil && policy.LevelVisible(snap.Relations, snap.Facts) {
		out.Level, out.LevelLabel, out.Motivation, out.Mentions = c.Level, p.Campaign.AwardScheme.LevelLabel(c.Level), c.Motivation, c.Mentions
	}
	for _, m := range p.Members {
		out.Members = append(out.Members, memberBody{Name: m.Name, Email: m.Email, Role: m.Role})
	}
	for _, problem := range candlc.Missing(p.Questionnaire, p.Answers) {
		out.Missing = append(out.Missing, problem.Message)
	}
	if out.Events, err = s.events(r, snap); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Server) candidature(w http.ResponseWriter, r *http.Request) {
	out, err := s.candidatureJSON(r, draft(r).C.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, out)
}

type createCandidatureRequest struct {
	CampaignYear   int   `json:"campaign_year"`
	CollectiviteID int64 `json:"collectivite_id"`
	Prefill        bool  `json:"prefill"`
	// Track: "badge" or "label" (the default), where the scheme has a Badge.
	Track string `json:"track"`
}

func (s *Server) createCandidature(w http.ResponseWriter, r *http.Request) {
	var req createCandidatureRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	fields := map[string]string{}
	if req.CampaignYear == 0 {
		fields["campaign_year"] = "Obligatoire."
	}
	if req.CollectiviteID == 0 {
		fields["collectivite_id"] = "Obligatoire (voir GET /api/v1/collectivites?q=…)."
	}
	if len(fields) > 0 {
		s.fail(w, r, &domain.Error{Code: domain.EInvalid, Message: "Champs obligatoires manquants.", Fields: fields})
		return
	}
	cp, err := s.app.Store.CampaignByYear(r.Context(), req.CampaignYear)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.app.Candidatures.Create(r.Context(), candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: req.CollectiviteID, Prefill: req.Prefill, Track: req.Track}, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.candidatureJSON(r, c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/candidatures/%d", c.ID))
	web.WriteJSON(w, http.StatusCreated, out)
}

type answerBody struct {
	Value     json.RawMessage `json:"value"`
	Display   string          `json:"display"`
	Version   int             `json:"version"`
	UpdatedAt string          `json:"updated_at,omitempty"`
}

func (s *Server) answers(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	answers, err := s.app.Candidatures.Answers(r.Context(), d.C.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := map[string]answerBody{}
	for key, a := range answers {
		display := ""
		if q := d.Q.Question(key); q != nil {
			display = q.Display(a.Value)
		}
		out[key] = answerBody{Value: a.Value, Display: display, Version: a.Version, UpdatedAt: web.Time(a.UpdatedAt)}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"questionnaire_version": d.Q.Version, "answers": out})
}

type putAnswerRequest struct {
	Value   json.RawMessage `json:"value"`
	Version *int            `json:"version"`
}

func (s *Server) putAnswer(w http.ResponseWriter, r *http.Request) {
	var req putAnswerRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	if req.Version == nil {
		s.fail(w, r, &domain.Error{Code: domain.EInvalid, Message: "Indiquez « version » : la version de la réponse que vous modifiez (0 s’il n’y en a pas encore).",
			Fields: map[string]string{"version": "Obligatoire."}})
		return
	}
	key := r.PathValue("key")
	a, err := s.app.Candidatures.Save(r.Context(), draft(r), candidature.SaveRequest{Key: key, Value: req.Value, ExpectedVersion: *req.Version})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if a == nil {
		web.WriteJSON(w, http.StatusOK, map[string]any{"key": key, "value": nil, "version": 0})
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"key": key, "value": a.Value, "version": a.Version, "updated_at": web.Time(a.UpdatedAt)})
}

type auditEntryBody struct {
	At      string `json:"at"`
	Event   string `json:"event"`
	Label   string `json:"label"`
	From    string `json:"from"`
	To      string `json:"to"`
	Actor   string `json:"actor"`
	Role    string `json:"role"`
	Comment string `json:"comment,omitempty"`
}

func (s *Server) audit(w http.ResponseWriter, r *http.Request) {
	trail, err := s.app.Candidatures.History(r.Context(), draft(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.app.Engine.Lifecycle(candlc.Name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"entries": auditJSON(m, trail)})
}

func (s *Server) dossierPDF(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	data, err := s.app.Documents.Dossier(r.Context(), d.C.ID, d.Relations)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.SendFile(w, fmt.Sprintf("dossier-%s.pdf", d.C.Reference), "application/pdf", data)
}
