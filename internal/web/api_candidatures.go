package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

type apiEvent struct {
	Event    string   `json:"event"`
	Label    string   `json:"label"`
	Allowed  bool     `json:"allowed"`
	Blockers []string `json:"blockers,omitempty"`
}

type apiMember struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

type apiCandidatureBody struct {
	ID           int64           `json:"id"`
	Reference    string          `json:"reference"`
	CampaignYear int             `json:"campaign_year"`
	Collectivite apiCollectivite `json:"collectivite"`
	State        string          `json:"state"`
	StateLabel   string          `json:"state_label"`
	Version      int             `json:"version"`
	SubmittedAt  *string         `json:"submitted_at"`
	EluName      string          `json:"elu_name,omitempty"`
	EluMandate   string          `json:"elu_mandate,omitempty"`
	Level        *int            `json:"level,omitempty"`
	LevelLabel   string          `json:"level_label,omitempty"`
	Motivation   string          `json:"motivation,omitempty"`
	Mentions     []string        `json:"mentions,omitempty"`
	Members      []apiMember     `json:"members"`
	Missing      []string        `json:"missing"`
	Events       []apiEvent      `json:"events"`
}

// candidatureJSON describes a candidature as the actor sees it: the level
// only once published (or to staff and jury), the events they may fire.
func (s *Server) candidatureJSON(ctx context.Context, u *domain.User, id int64) (*apiCandidatureBody, error) {
	actor := workflow.UserActor(u)
	subj, err := s.engine.Load(ctx, "candidature", id, &actor)
	if err != nil {
		return nil, err
	}
	c := subj.Candidature
	def := workflow.Candidature()
	out := &apiCandidatureBody{ID: c.ID, Reference: c.Reference, CampaignYear: subj.Campaign.Year, Collectivite: collectiviteJSON(subj.Collectivite),
		State: c.State, StateLabel: def.StateLabel(c.State), Version: c.Version, SubmittedAt: apiTimePtr(c.SubmittedAt),
		EluName: c.EluName, EluMandate: c.EluMandate, Members: []apiMember{}, Missing: []string{}, Events: []apiEvent{}}
	if c.Level != nil && (c.State == workflow.Publiee || u.Role == domain.RoleStaff || u.Role == domain.RoleJury) {
		out.Level, out.LevelLabel, out.Motivation, out.Mentions = c.Level, subj.Campaign.AwardScheme.LevelLabel(c.Level), c.Motivation, c.Mentions
	}
	for _, m := range subj.Members {
		out.Members = append(out.Members, apiMember{Name: m.Name, Email: m.Email, Role: m.Role})
	}
	for _, p := range subj.Questionnaire.Validate(subj.Answers, questionnaire.Submission) {
		if q := subj.Questionnaire.Question(p.Key); q != nil && candidature.IsAttestation(q) {
			continue
		}
		out.Missing = append(out.Missing, p.Message)
	}
	for _, st := range s.engine.Statuses(subj, &actor) {
		ev := apiEvent{Event: st.Event.Name, Label: st.Event.Label, Allowed: st.Allowed()}
		for _, b := range st.Blockers {
			ev.Blockers = append(ev.Blockers, b.Message)
		}
		out.Events = append(out.Events, ev)
	}
	return out, nil
}

func (s *Server) apiCandidature(w http.ResponseWriter, r *http.Request) {
	out, err := s.candidatureJSON(r.Context(), currentUser(r), currentCandidature(r).ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

type createCandidatureRequest struct {
	CampaignYear   int   `json:"campaign_year"`
	CollectiviteID int64 `json:"collectivite_id"`
	Prefill        bool  `json:"prefill"`
}

func (s *Server) apiCreateCandidature(w http.ResponseWriter, r *http.Request) {
	var req createCandidatureRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
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
		s.apiError(w, r, &domain.Error{Code: domain.EInvalid, Message: "Champs obligatoires manquants.", Fields: fields})
		return
	}
	u := currentUser(r)
	if u.EmailVerifiedAt == nil {
		s.apiError(w, r, domain.Errorf(domain.EForbidden, "Confirmez d’abord l’adresse électronique du compte."))
		return
	}
	cp, err := s.store.CampaignByYear(r.Context(), req.CampaignYear)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, err := s.cands.Create(r.Context(), candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: req.CollectiviteID, Prefill: req.Prefill}, u)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out, err := s.candidatureJSON(r.Context(), u, c.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/candidatures/%d", c.ID))
	writeJSON(w, http.StatusCreated, out)
}

type apiAnswer struct {
	Value     json.RawMessage `json:"value"`
	Display   string          `json:"display"`
	Version   int             `json:"version"`
	UpdatedAt string          `json:"updated_at,omitempty"`
}

func (s *Server) apiAnswers(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := map[string]apiAnswer{}
	for key, a := range v.Answers {
		display := ""
		if q := v.Q.Question(key); q != nil {
			display = q.Display(a.Value)
		}
		out[key] = apiAnswer{Value: a.Value, Display: display, Version: a.Version, UpdatedAt: apiTime(a.UpdatedAt)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"questionnaire_version": v.Q.Version, "answers": out})
}

type putAnswerRequest struct {
	Value   json.RawMessage `json:"value"`
	Version *int            `json:"version"`
}

func (s *Server) apiPutAnswer(w http.ResponseWriter, r *http.Request) {
	var req putAnswerRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if req.Version == nil {
		s.apiError(w, r, &domain.Error{Code: domain.EInvalid, Message: "Indiquez « version » : la version de la réponse que vous modifiez (0 s’il n’y en a pas encore).",
			Fields: map[string]string{"version": "Obligatoire."}})
		return
	}
	d, err := s.draft(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	key := r.PathValue("key")
	a, err := s.cands.Save(r.Context(), d, candidature.SaveRequest{CandidatureID: d.C.ID, Key: key, Value: req.Value, ExpectedVersion: *req.Version}, currentUser(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if a == nil {
		writeJSON(w, http.StatusOK, map[string]any{"key": key, "value": nil, "version": 0})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"key": key, "value": a.Value, "version": a.Version, "updated_at": apiTime(a.UpdatedAt)})
}

func (s *Server) apiUploadEvidence(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.apiError(w, r, err)
		return
	}
	d, err := s.draft(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	e, err := s.uploadFromForm(r, d, r.PostFormValue("question"), "file")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": e.ID, "question": e.QuestionKey, "name": e.Name, "kind": e.Kind, "size": e.Size, "sha256": e.SHA256})
}

type fireRequest struct {
	ExpectedVersion int      `json:"expected_version"`
	Comment         string   `json:"comment"`
	Attest          bool     `json:"attest"`
	EluName         string   `json:"elu_name"`
	EluMandate      string   `json:"elu_mandate"`
	Level           *int     `json:"level"`
	Motivation      string   `json:"motivation"`
	Mentions        []string `json:"mentions"`
}

func (s *Server) apiFire(w http.ResponseWriter, r *http.Request) {
	var req fireRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	c, u, event := currentCandidature(r), currentUser(r), r.PathValue("event")
	var t *workflow.Transition
	var err error
	if event == "deposer" {
		var d *candidature.Draft
		if d, err = s.draft(r); err == nil {
			t, err = s.cands.SubmitDraft(r.Context(), d, candidature.SubmitRequest{CandidatureID: c.ID, ExpectedVersion: req.ExpectedVersion,
				EluName: req.EluName, EluMandate: req.EluMandate, Attest: req.Attest}, u)
		}
	} else {
		t, err = s.engine.Fire(r.Context(), "candidature", c.ID, event, workflow.UserActor(u), workflow.Input{
			ExpectedVersion: req.ExpectedVersion, Comment: req.Comment, Level: req.Level, Motivation: req.Motivation, Mentions: req.Mentions})
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	def := workflow.Candidature()
	writeJSON(w, http.StatusOK, map[string]any{"event": t.Event, "from": t.From, "to": t.To, "to_label": def.StateLabel(t.To), "version": t.Version})
}

type apiAuditEntry struct {
	At      string `json:"at"`
	Event   string `json:"event"`
	Label   string `json:"label"`
	From    string `json:"from"`
	To      string `json:"to"`
	Actor   string `json:"actor"`
	Role    string `json:"role"`
	Comment string `json:"comment,omitempty"`
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	trail, err := s.candidatureTrail(r, currentCandidature(r).ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	def := workflow.Candidature()
	out := make([]apiAuditEntry, 0, len(trail))
	for _, e := range trail {
		out = append(out, apiAuditEntry{At: apiTime(e.CreatedAt), Event: e.Event, Label: def.EventLabel(e.Event), From: e.FromState, To: e.ToState,
			Actor: e.ActorLabel, Role: e.ActorRole, Comment: e.Comment})
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": out})
}

func (s *Server) apiDossierPDF(w http.ResponseWriter, r *http.Request) {
	s.handleDossierPDF(w, r)
}
