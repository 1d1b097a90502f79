package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/questionnaire"
)

// draft returns the route's candidature as the signed-in person works on
// it, resolved by the guard.
func draft(r *http.Request) *candidature.Draft {
	if s := web.CurrentSubject(r); s != nil {
		if d, ok := s.Value.(*candidature.Draft); ok {
			return d
		}
	}
	return nil
}

// candView is everything a candidature page shows.
type candView struct {
	D        *candidature.Draft
	C        *domain.Candidature
	Campaign *domain.Campaign
	Coll     *domain.Collectivite
	Q        *questionnaire.Questionnaire
	Answers  map[string]domain.Answer
	Values   questionnaire.Answers
	Evidence []domain.Evidence
	Members  []store.Member
	// Editable: the person may change answers now.
	Editable bool
	// Elu: the person is the élu référent; Manage: they invite people.
	Elu    bool
	Manage bool
	// LevelVisible: the person may read the jury's level.
	LevelVisible bool
}

func (s *Server) loadCand(r *http.Request) (*candView, error) {
	ctx := r.Context()
	d := draft(r)
	v := &candView{D: d, C: d.C, Q: d.Q}
	var err error
	if v.Campaign, err = s.app.Store.Campaign(ctx, d.C.CampaignID); err != nil {
		return nil, err
	}
	if v.Coll, err = s.app.Store.Collectivite(ctx, d.C.CollectiviteID); err != nil {
		return nil, err
	}
	if v.Answers, err = s.app.Candidatures.Answers(ctx, d.C.ID); err != nil {
		return nil, err
	}
	v.Values = candidature.AnswerValues(v.Answers)
	if v.Evidence, err = s.app.Store.EvidenceList(ctx, d.C.ID); err != nil {
		return nil, err
	}
	if v.Members, err = s.app.Store.Members(ctx, d.C.ID); err != nil {
		return nil, err
	}
	pol := s.app.Policy
	v.Elu = d.Relations.Has(policy.Elu)
	v.Manage = pol.Allows(policy.CandidatureMembers, d.Relations, d.Facts)
	v.Editable = pol.Allows(policy.CandidatureEdit, d.Relations, d.Facts) && domain.Editable(d.C.State)
	v.LevelVisible = policy.LevelVisible(d.Relations, d.Facts)
	// Staff reading a draft is recorded in its history.
	if err := s.app.Candidatures.NoteStaffRead(ctx, d); err != nil {
		return nil, err
	}
	return v, nil
}

// missing returns the submission problems, without those of the
// attestation, which the élu gives on the submission page.
func (v *candView) missing() []questionnaire.FieldError { return candlc.Missing(v.Q, v.Values) }

// sections lists the sections answered with the others (not the attestation).
func (v *candView) sections() []*questionnaire.Section {
	var out []*questionnaire.Section
	for _, sec := range v.Q.Sections {
		if sec.Key != candlc.AttestationSection {
			out = append(out, sec)
		}
	}
	return out
}

type sectionSummary struct {
	Key, Title                  string
	Answered, Required, Missing int
}

type candidaturePage struct {
	*candView
	Sections []sectionSummary
	Missing  int
	Actions  actionsView
	Role     string
	// Messages counts the thread's messages; Question is the jury's
	// pending complement question, shown by the answer's form.
	Messages int
	Question *domain.Message
	// Reviewer: the person works on the candidature for the jury; Remarks
	// are the jury's remarks kept for the collectivité, once published.
	Reviewer bool
	Remarks  []string
}

func (s *Server) handleCandidature(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := candidaturePage{candView: v, Missing: len(v.missing())}
	for _, rel := range []policy.Relation{policy.Elu, policy.Accompagnateur} {
		if v.D.Relations.Has(rel) {
			page.Role = rel.Title()
		}
	}
	progress := map[string]questionnaire.SectionProgress{}
	for _, p := range v.Q.Progress(v.Values) {
		progress[p.Section.Key] = p
	}
	for _, sec := range v.sections() {
		p := progress[sec.Key]
		page.Sections = append(page.Sections, sectionSummary{Key: sec.Key, Title: sec.Title, Answered: p.Answered, Required: p.Required, Missing: p.Missing})
	}
	if page.Actions, err = s.actions(r, candlc.Name, v.C.ID); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.Reviewer = policy.Reviewer(v.D.Relations)
	if !page.Reviewer && v.C.State == domain.Publiee {
		j, err := s.app.Jury.CandidatureJury(r.Context(), v.C, v.D.Relations, v.D.Facts, v.D.Who)
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		page.Remarks = j.Remarks
	}
	if s.app.Policy.Allows(policy.CandidatureMessage, v.D.Relations, v.D.Facts) {
		thread, err := s.app.Candidatures.Thread(r.Context(), v.D)
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		page.Messages = len(thread)
		for i := range thread {
			if thread[i].Kind == domain.MessageQuestion && v.C.State == domain.ComplementDemande {
				page.Question = &thread[i]
			}
		}
	}
	s.render(w, r, http.StatusOK, "candidature", "Candidature "+fr.De(v.Coll.Name), page)
}

// Awarded reports whether the jury's decision awards a level.
func (v *candView) Awarded() bool { return v.C.Level != nil && *v.C.Level > 0 }

// ResultLabel names the jury's decision: the level, or « Pas de label ».
func (v *candView) ResultLabel() string {
	if !v.Awarded() {
		return "Pas de label"
	}
	return v.Campaign.AwardScheme.LevelLabel(v.C.Level)
}
