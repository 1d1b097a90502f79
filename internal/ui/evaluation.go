package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/jury"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// snapshot returns the route's subject as the guard loaded it through the
// engine.
func snapshot(r *http.Request) *workflow.Snapshot {
	if s := web.CurrentSubject(r); s != nil {
		if snap, ok := s.Value.(*workflow.Snapshot); ok {
			return snap
		}
	}
	return nil
}

// dossierSection is a section of the dossier shown read-only beside the grid.
type dossierSection struct {
	Title string
	Items []dossierItem
}

type dossierItem struct {
	Label, Value string
}

type evaluationPage struct {
	V        *jury.EvaluationView
	Dossier  []dossierSection
	Input    evallc.Input
	Errors   []formError
	FieldErr map[string]string
	Actions  actionsView
	Scheme   domain.AwardScheme
	Levels   []workflow.Choice
	Confs    [][2]string
	Version  int
	// Level is the proposed level as the form shows it ("" for none yet).
	Level string
}

func (s *Server) evaluationPage(w http.ResponseWriter, r *http.Request, status int, in *evallc.Input, errs []formError, fields map[string]string) {
	snap := snapshot(r)
	v, err := s.app.Jury.Evaluation(r.Context(), snap)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := evaluationPage{V: v, Errors: errs, FieldErr: fields, Scheme: v.P.Campaign.AwardScheme, Version: v.P.E.DraftVersion}
	if in != nil {
		page.Input = *in
	} else {
		page.Input = evallc.InputOf(v.P.E)
	}
	if page.Input.Level != nil {
		page.Level = strconv.Itoa(*page.Input.Level)
	}
	page.Levels = append(page.Levels, workflow.Choice{Value: "0", Label: "Aucun niveau"})
	for _, l := range page.Scheme.Levels {
		page.Levels = append(page.Levels, workflow.Choice{Value: strconv.Itoa(l.Value), Label: l.Label})
	}
	for _, c := range domain.Confidences() {
		page.Confs = append(page.Confs, [2]string{c, domain.ConfidenceLabel(c)})
	}
	for _, sec := range v.Q.Sections {
		if sec.Key == candlc.AttestationSection {
			continue
		}
		ds := dossierSection{Title: sec.Title}
		for _, q := range sec.Questions {
			raw, ok := v.Answers[q.Key]
			val := "Non renseigné"
			if ok {
				val = q.Display(raw)
			}
			ds.Items = append(ds.Items, dossierItem{Label: q.Label, Value: val})
		}
		page.Dossier = append(page.Dossier, ds)
	}
	if page.Actions, err = s.actionsOf(r, snap); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, status, "evaluation", "Évaluation de la candidature "+fr.De(v.P.Collectivite.Name), page)
}

func (s *Server) handleEvaluation(w http.ResponseWriter, r *http.Request) {
	s.evaluationPage(w, r, http.StatusOK, nil, nil, nil)
}

// evaluationInput reads the grid's form.
func evaluationInput(g *questionnaire.Grid, form url.Values) (evallc.Input, []formError) {
	in := evallc.Input{Scores: map[string]map[string]int{}, Comments: map[string]string{}}
	var errs []formError
	if g != nil {
		for _, th := range g.Themes {
			for _, c := range th.Criteria {
				name := evallc.ScoreField(th.Theme, c.Key)
				raw := strings.TrimSpace(form.Get(name))
				if raw == "" {
					continue
				}
				v, err := strconv.Atoi(raw)
				if err != nil {
					errs = append(errs, formError{Field: fieldID(name), Message: fmt.Sprintf("« %s » : la note est un nombre entier.", c.Label)})
					continue
				}
				if in.Scores[th.Theme] == nil {
					in.Scores[th.Theme] = map[string]int{}
				}
				in.Scores[th.Theme][c.Key] = v
			}
			if cm := strings.TrimSpace(form.Get(evallc.CommentField(th.Theme))); cm != "" {
				in.Comments[th.Theme] = cm
			}
		}
	}
	if raw := strings.TrimSpace(form.Get(evallc.FieldLevel)); raw != "" {
		if v, err := strconv.Atoi(raw); err == nil {
			in.Level = &v
		} else {
			errs = append(errs, formError{Field: fieldID(evallc.FieldLevel), Message: "Choisissez un niveau dans la liste."})
		}
	}
	in.Confidence = strings.TrimSpace(form.Get(evallc.FieldConfidence))
	in.PrivateNote = strings.TrimSpace(form.Get(evallc.FieldPrivateNote))
	in.Remark = strings.TrimSpace(form.Get(evallc.FieldRemark))
	return in, errs
}

func evaluationErrors(err error) ([]formError, map[string]string) {
	e := domain.AsError(err)
	if e == nil || len(e.Fields) == 0 {
		return []formError{{Field: "contenu", Message: domain.ErrorMessage(err)}}, nil
	}
	var out []formError
	fields := map[string]string{}
	for k, msg := range e.Fields {
		fields[k] = msg
	}
	for _, d := range e.Details {
		for k, msg := range e.Fields {
			if msg == d {
				out = append(out, formError{Field: fieldID(k), Message: msg})
				break
			}
		}
	}
	return out, fields
}

// handleSaveEvaluation saves the grid (without JavaScript); « Remettre »
// saves, then asks to confirm the submission.
func (s *Server) handleSaveEvaluation(w http.ResponseWriter, r *http.Request) {
	snap := snapshot(r)
	p := snap.Payload.(*evallc.Payload)
	in, errs := evaluationInput(p.Grid, r.PostForm)
	if len(errs) > 0 {
		s.evaluationPage(w, r, http.StatusBadRequest, &in, errs, nil)
		return
	}
	expected, _ := strconv.Atoi(r.PostFormValue("draft_version"))
	if _, err := s.app.Jury.SaveDraft(r.Context(), snap, web.Principal(r), in, expected); err != nil {
		errs, fields := evaluationErrors(err)
		s.evaluationPage(w, r, web.StatusOf(err), &in, errs, fields)
		return
	}
	if r.PostFormValue("bouton") == "remettre" {
		http.Redirect(w, r, fmt.Sprintf("/evaluations/%d/evenements/remettre", snap.ID), http.StatusSeeOther)
		return
	}
	web.Redirect(w, r, evallc.URL(snap.ID), "evaluation-enregistree")
}

type evaluationSaved struct {
	DraftVersion int    `json:"draft_version"`
	State        string `json:"state"`
	SavedAt      string `json:"saved_at"`
}

// handleAutosaveEvaluation saves the whole grid from the page's script and
// answers JSON: the new draft version, or the problems.
func (s *Server) handleAutosaveEvaluation(w http.ResponseWriter, r *http.Request) {
	snap := snapshot(r)
	p := snap.Payload.(*evallc.Payload)
	in, errs := evaluationInput(p.Grid, r.PostForm)
	if len(errs) > 0 {
		s.jsonError(w, r, &domain.Error{Code: domain.EInvalid, Message: errs[0].Message})
		return
	}
	expected, _ := strconv.Atoi(r.PostFormValue("draft_version"))
	e, err := s.app.Jury.SaveDraft(r.Context(), snap, web.Principal(r), in, expected)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, evaluationSaved{DraftVersion: e.DraftVersion, State: e.State, SavedAt: fr.DateTime(s.app.Store.Now())})
}

func (s *Server) handleKeepRemark(w http.ResponseWriter, r *http.Request) {
	snap := snapshot(r)
	keep := r.PostFormValue("garder") == "oui"
	if err := s.app.Jury.KeepRemark(r.Context(), snap.ID, keep, snap.Relations, snap.Facts, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p := snap.Payload.(*evallc.Payload)
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d/jury", p.Candidature.ID), "remarque")
}

// scoreChecked reports whether a criterion's score is value, for the
// radio buttons.
func (p evaluationPage) ScoreIs(theme, criterion string, value int) bool {
	v, ok := p.Input.Scores[theme][criterion]
	return ok && v == value
}

// Comment returns a theme's comment as typed.
func (p evaluationPage) Comment(theme string) string { return p.Input.Comments[theme] }

// FieldError returns the message of a field, or "".
func (p evaluationPage) FieldError(name string) string { return p.FieldErr[name] }

// Evaluator reports whether the person is the evaluation's author.
func (p evaluationPage) Evaluator() bool { return p.V.Snapshot.Relations.Has(policy.Evaluator) }

// evalDisplay is an evaluation shown read-only.
type evalDisplay struct {
	ID          int64
	Who         string
	State       string
	SubmittedAt *time.Time
	Themes      []themeDisplay
	Level       string
	Confidence  string
	PrivateNote string
	Remark      string
	RemarkKept  bool
}

type themeDisplay struct {
	Label   string
	Rows    [][2]string // criterion, score « 3 — solide »
	Comment string
}

func displayEvaluation(g *questionnaire.Grid, scheme domain.AwardScheme, e domain.Evaluation, who string) evalDisplay {
	d := evalDisplay{ID: e.ID, Who: who, State: e.State, SubmittedAt: e.SubmittedAt, Confidence: domain.ConfidenceLabel(e.Confidence),
		PrivateNote: e.PrivateNote, Remark: e.Remark, RemarkKept: e.RemarkKept, Level: "non proposé"}
	if e.Level != nil {
		d.Level = scheme.LevelLabel(e.Level)
	}
	if g != nil {
		for _, th := range g.Themes {
			td := themeDisplay{Label: th.Label, Comment: e.Comments[th.Theme]}
			for _, c := range th.Criteria {
				score := "non noté"
				if v, ok := e.Scores[th.Theme][c.Key]; ok {
					score = fmt.Sprintf("%d — %s", v, th.Anchor(v))
				}
				td.Rows = append(td.Rows, [2]string{c.Label, score})
			}
			d.Themes = append(d.Themes, td)
		}
	}
	return d
}

// Others returns the other jurors' evaluations to show.
func (p evaluationPage) Others() []evalDisplay {
	var out []evalDisplay
	for _, r := range p.V.Others {
		out = append(out, displayEvaluation(p.V.P.Grid, p.Scheme, r.Evaluation, orName(r.Name, r.Email)))
	}
	return out
}

// Own returns the evaluation shown read-only (once submitted, or to the
// president and staff).
func (p evaluationPage) Own() evalDisplay {
	return displayEvaluation(p.V.P.Grid, p.Scheme, *p.V.P.E, orName(p.V.P.AuthorName, p.V.P.AuthorEmail))
}

func orName(name, email string) string {
	if strings.TrimSpace(name) != "" {
		return name
	}
	return email
}
