package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// The actions, confirmations, forms and histories of every lifecycle are
// rendered here from the definitions' data (workflow.Presentation): no page
// names an event.

// fieldInput is one field of an event's form.
type fieldInput struct {
	Name, ID, Label, Help, Kind, Autocomplete string
	Required                                  bool
	Choices                                   []workflow.Choice
	Value                                     string
	Values                                    []string // a FieldChoices' ticked values
	Fills                                     string   // the id of the text field the choices' templates start
}

// Ticked reports whether a FieldChoices' value is ticked.
func (f fieldInput) Ticked(v string) bool { return slices.Contains(f.Values, v) }

// actionView is an event as a page offers it.
type actionView struct {
	Event, Label, Button      string
	Allowed                   bool
	Blockers                  []string
	Destructive, Irreversible bool
	Confirm, Undo             string
	// Link, when set, is where the action leads (its own page, or its
	// confirmation page); otherwise the action is a form posted to Form.
	Link string
	// Dialog: Link is the confirmation page, which the page's script
	// opens as a dialog instead.
	Dialog  bool
	Form    string
	Comment *fieldInput
	Fields  []fieldInput
	Version int
	CSRF    string
}

// actionsView splits the actions: the main ones, then « Autres actions ».
type actionsView struct {
	Main, Other []actionView
}

// Any reports whether there is an action at all.
func (a actionsView) Any() bool { return len(a.Main)+len(a.Other) > 0 }

// eventURL is where an event of a subject is confirmed (GET) and fired (POST).
func eventURL(m *workflow.Meta, id int64, event string) string {
	return m.URL(id) + "/evenements/" + url.PathEscape(event)
}

// actions loads the subject as the person sees it and lists the events
// they may fire on it.
func (s *Server) actions(r *http.Request, lifecycle string, id int64) (actionsView, error) {
	snap, err := s.app.Engine.Load(r.Context(), lifecycle, id, web.Principal(r))
	if err != nil {
		return actionsView{}, err
	}
	return s.actionsOf(r, snap)
}

func (s *Server) actionsOf(r *http.Request, snap *workflow.Snapshot) (actionsView, error) {
	m, err := s.app.Engine.Lifecycle(snap.Type)
	if err != nil {
		return actionsView{}, err
	}
	actions, err := s.app.Engine.Actions(r.Context(), snap)
	if err != nil {
		return actionsView{}, err
	}
	var out actionsView
	for _, a := range actions {
		v := s.actionView(r, m, snap, a, nil)
		if a.Show.Secondary {
			out.Other = append(out.Other, v)
		} else {
			out.Main = append(out.Main, v)
		}
	}
	return out, nil
}

func (s *Server) actionView(r *http.Request, m *workflow.Meta, snap *workflow.Snapshot, a workflow.Action, typed url.Values) actionView {
	show := a.Show
	v := actionView{Event: a.Event, Label: a.Label, Button: show.Button, Allowed: a.Allowed(), Destructive: show.Destructive,
		Irreversible: show.Irreversible, Confirm: show.Confirm, Undo: show.Undo, Version: snap.Version, CSRF: web.CSRF(r),
		Form: eventURL(m, snap.ID, a.Event)}
	if v.Button == "" {
		v.Button = a.Label
	}
	for _, b := range a.Blockers {
		v.Blockers = append(v.Blockers, b.Message)
	}
	switch {
	case show.Page != "":
		v.Link = fmt.Sprintf(show.Page, snap.ID)
		v.Allowed = true // its page explains what is missing
	case typed == nil && (show.Confirm != "" || show.Destructive || show.Irreversible):
		v.Link, v.Dialog = eventURL(m, snap.ID, a.Event), true
	}
	input := func(f workflow.Field) fieldInput {
		values, ok := typed[f.Name]
		if !ok {
			values = a.Defaults[f.Name]
		}
		in := fieldInput{Name: f.Name, ID: a.Event + "-" + f.Name, Label: f.Label, Help: f.Help, Kind: string(f.Kind),
			Autocomplete: f.Autocomplete, Required: f.Required, Choices: a.Choices[f.Name], Values: values}
		if len(values) > 0 {
			in.Value = values[0]
		}
		if f.Fills != "" {
			in.Fills = a.Event + "-" + f.Fills
		}
		return in
	}
	if show.Comment != nil {
		c := input(*show.Comment)
		c.Name, c.ID, c.Value = "commentaire", a.Event+"-commentaire", typed.Get("commentaire")
		v.Comment = &c
	}
	for _, f := range show.Fields {
		v.Fields = append(v.Fields, input(f))
	}
	return v
}

type eventPage struct {
	Subject  *workflow.Snapshot
	Meta     *workflow.Meta
	Back     string
	Action   actionView
	Errors   []string
	Refusals []string
}

// handleEventForm shows an event's confirmation and form on a page of its
// own: what it does, how to undo it, the fields it asks for (without
// JavaScript; the page's script opens it as a dialog).
// handleEventForm is an event's own page; its form starts from the
// values given in the query string (a link that proposes a level), then
// from the event's defaults.
func (s *Server) handleEventForm(lifecycle string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var typed url.Values
		if q := r.URL.Query(); len(q) > 0 {
			typed = q
		}
		s.eventPage(w, r, lifecycle, http.StatusOK, typed, nil)
	}
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request, lifecycle string, status int, typed url.Values, fireErr error) {
	subj := web.CurrentSubject(r)
	event := r.PathValue("event")
	snap, err := s.app.Engine.Load(r.Context(), subj.Type, subj.ID, web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	m, err := s.app.Engine.Lifecycle(snap.Type)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	ev, ok := m.Event(event)
	if !ok {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Action « %s » inconnue.", event))
		return
	}
	if ev.Show.Page != "" {
		http.Redirect(w, r, fmt.Sprintf(ev.Show.Page, snap.ID), http.StatusSeeOther)
		return
	}
	actions, err := s.app.Engine.Actions(r.Context(), snap)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := eventPage{Subject: snap, Meta: m, Back: m.URL(snap.ID)}
	found := false
	for _, a := range actions {
		if a.Event == event {
			page.Action, found = s.actionView(r, m, snap, a, orEmpty(typed)), true
		}
	}
	if !found {
		blockers, err := s.app.Engine.Blockers(r.Context(), snap, event, workflow.Input{})
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		page.Action = actionView{Event: event, Label: ev.Label}
		for _, b := range blockers {
			if b.Code != "field" {
				page.Refusals = append(page.Refusals, b.Message)
			}
		}
	}
	if e := domain.AsError(fireErr); fireErr != nil {
		page.Errors = []string{domain.ErrorMessage(fireErr)}
		if e != nil {
			page.Errors = append(page.Errors, e.Details...)
		}
	}
	title := ev.Label
	if len(page.Errors) > 0 {
		title = "Erreur : " + title
	}
	s.render(w, r, status, "event", title, page)
}

func orEmpty(v url.Values) url.Values {
	if v == nil {
		return url.Values{}
	}
	return v
}

// handleFire fires an event from its form, then goes back to the subject's
// page with the event's notice; a refusal shows the form again with why.
func (s *Server) handleFire(lifecycle string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		subj := web.CurrentSubject(r)
		m, err := s.app.Engine.Lifecycle(subj.Type)
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		event := r.PathValue("event")
		if ev, ok := m.Event(event); ok && ev.Show.Page != "" {
			http.Redirect(w, r, fmt.Sprintf(ev.Show.Page, subj.ID), http.StatusSeeOther)
			return
		}
		in := formInput(r)
		if _, err := s.app.Engine.Fire(r.Context(), subj.Type, subj.ID, event, web.Principal(r), in); err != nil {
			if domain.ErrorCode(err) == domain.EUnprocessable {
				typed := in.Values
				typed.Set("commentaire", in.Comment)
				s.eventPage(w, r, lifecycle, http.StatusUnprocessableEntity, typed, err)
				return
			}
			s.web.Fail(w, r, err)
			return
		}
		web.Redirect(w, r, m.URL(subj.ID), policy.Event(subj.Type, event).String())
	}
}

// formInput reads an event's input from its form: the subject's version,
// the comment, and every other field by name.
func formInput(r *http.Request) workflow.Input {
	in := workflow.Input{Comment: r.PostFormValue("commentaire"), Values: url.Values{}}
	in.ExpectedVersion, _ = strconv.Atoi(r.PostFormValue("version"))
	for k, vs := range r.PostForm {
		switch k {
		case web.CSRFField, "version", "commentaire":
			continue
		}
		in.Values[k] = vs
	}
	return in
}

type subjectPage struct {
	Subject *workflow.Snapshot
	Meta    *workflow.Meta
	Actions actionsView
	Entries []domain.AuditEntry
}

// handleSubject shows any lifecycle's subject: its state, the actions the
// person may take and its history.
func (s *Server) handleSubject(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	snap, err := s.app.Engine.Load(r.Context(), subj.Type, subj.ID, web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	m, err := s.app.Engine.Lifecycle(snap.Type)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := subjectPage{Subject: snap, Meta: m}
	if page.Actions, err = s.actionsOf(r, snap); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	trail, err := s.app.Store.AuditTrail(r.Context(), snap.Type, snap.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.Entries = policy.HistoryAsSeen(snap.Relations, trail)
	s.render(w, r, http.StatusOK, "subject", fmt.Sprintf("%s n° %d", m.Label, snap.ID), page)
}
