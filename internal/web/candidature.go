package web

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// candView is everything a candidature page shows.
type candView struct {
	C        *domain.Candidature
	Campaign *domain.Campaign
	Coll     *domain.Collectivite
	Q        *questionnaire.Questionnaire
	Answers  map[string]domain.Answer
	Values   questionnaire.Answers
	Evidence []domain.Evidence
	Members  []store.Member
	// Editable: the user may change answers now.
	Editable bool
	Elu      bool
}

func (s *Server) loadCand(r *http.Request) (*candView, error) {
	ctx := r.Context()
	c := currentCandidature(r)
	v := &candView{C: c}
	var err error
	if v.Campaign, err = s.store.Campaign(ctx, c.CampaignID); err != nil {
		return nil, err
	}
	if v.Coll, err = s.store.Collectivite(ctx, c.CollectiviteID); err != nil {
		return nil, err
	}
	if v.Q, err = s.cands.Questionnaire(v.Campaign); err != nil {
		return nil, err
	}
	if v.Answers, err = s.cands.Answers(ctx, c.ID); err != nil {
		return nil, err
	}
	v.Values = candidature.AnswerValues(v.Answers)
	if v.Evidence, err = s.store.EvidenceList(ctx, c.ID); err != nil {
		return nil, err
	}
	if v.Members, err = s.store.Members(ctx, c.ID); err != nil {
		return nil, err
	}
	v.Elu = hasRole(r, roleElu)
	v.Editable = (v.Elu || hasRole(r, roleAccompagnateur)) && slices.Contains(workflow.EditableStates, c.State)
	return v, nil
}

// missing returns the submission problems, without those of the
// attestation, which the élu gives on the submission page.
func (v *candView) missing() []questionnaire.FieldError {
	var out []questionnaire.FieldError
	for _, p := range v.Q.Validate(v.Values, questionnaire.Submission) {
		if q := v.Q.Question(p.Key); q != nil && candidature.IsAttestation(q) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// sections lists the sections answered with the others (not the attestation).
func (v *candView) sections() []*questionnaire.Section {
	var out []*questionnaire.Section
	for _, sec := range v.Q.Sections {
		if sec.Key != candidature.AttestationSection {
			out = append(out, sec)
		}
	}
	return out
}

type sectionSummary struct {
	Key, Title                  string
	Answered, Required, Missing int
}

type actionView struct {
	Event, Label, Action          string
	Allowed, Form, Danger         bool
	NeedsComment, CommentRequired bool
	CommentLabel                  string
	Deliberation                  bool
	Levels                        []domain.AwardLevel
	Blockers                      []string
	Version                       int
	CSRF                          string
}

type candidaturePage struct {
	*candView
	Sections []sectionSummary
	Missing  int
	Actions  []actionView
	Role     string
}

// commentLabels names the comment each event asks for; events absent take none.
var commentLabels = map[string]string{
	"declarer_irrecevable": "Motif d’irrecevabilité",
	"demander_complement":  "Question posée à la collectivité",
	"repondre_complement":  "Votre réponse au jury",
	"retirer":              "Motif du retrait (facultatif)",
	"declarer_recevable":   "Commentaire (facultatif)",
}

func (s *Server) handleCandidature(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := candidaturePage{candView: v, Missing: len(v.missing())}
	switch {
	case hasRole(r, roleElu):
		page.Role = "élu référent"
	case hasRole(r, roleAccompagnateur):
		page.Role = "accompagnateur"
	}
	progress := map[string]questionnaire.SectionProgress{}
	for _, p := range v.Q.Progress(v.Values) {
		progress[p.Section.Key] = p
	}
	for _, sec := range v.sections() {
		p := progress[sec.Key]
		page.Sections = append(page.Sections, sectionSummary{Key: sec.Key, Title: sec.Title, Answered: p.Answered, Required: p.Required, Missing: p.Missing})
	}
	actor := workflow.UserActor(currentUser(r))
	subject, err := s.engine.Load(r.Context(), "candidature", v.C.ID, &actor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, st := range s.engine.Statuses(subject, &actor) {
		a := actionView{Event: st.Event.Name, Label: st.Event.Label, Allowed: st.Allowed(), Version: v.C.Version, CSRF: csrfToken(r),
			Action: fmt.Sprintf("/candidatures/%d/evenements/%s", v.C.ID, st.Event.Name), Form: true}
		for _, b := range st.Blockers {
			a.Blockers = append(a.Blockers, b.Message)
		}
		switch st.Event.Name {
		case "deposer":
			a.Form, a.Action = false, fmt.Sprintf("/candidatures/%d/depot", v.C.ID)
			a.Allowed = true // the submission page explains what is missing
		case "deliberer":
			a.Deliberation, a.Levels = true, v.Campaign.AwardScheme.Levels
		case "retirer", "declarer_irrecevable":
			a.Danger = true
		}
		if label, ok := commentLabels[st.Event.Name]; ok {
			a.NeedsComment, a.CommentLabel = true, label
			for _, g := range st.Event.Guards {
				if g.Name == "commentaire" {
					a.CommentRequired = true
				}
			}
		}
		page.Actions = append(page.Actions, a)
	}
	s.render(w, r, http.StatusOK, "candidature", v.Coll.Name, page)
}
