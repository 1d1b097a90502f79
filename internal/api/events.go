package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// eventBody is an event the person may fire, as the API lists it.
type eventBody struct {
	Event    string      `json:"event"`
	Label    string      `json:"label"`
	Allowed  bool        `json:"allowed"`
	Blockers []string    `json:"blockers,omitempty"`
	Confirm  string      `json:"confirm,omitempty"`
	Fields   []fieldBody `json:"fields,omitempty"`
}

// fieldBody is one member of the body an event takes.
type fieldBody struct {
	Name     string            `json:"name"`
	Label    string            `json:"label"`
	Kind     string            `json:"kind"`
	Required bool              `json:"required,omitempty"`
	Choices  []workflow.Choice `json:"choices,omitempty"`
}

func (s *Server) events(r *http.Request, snap *workflow.Snapshot) ([]eventBody, error) {
	actions, err := s.app.Engine.Actions(r.Context(), snap)
	if err != nil {
		return nil, err
	}
	out := []eventBody{}
	for _, a := range actions {
		ev := eventBody{Event: a.Event, Label: a.Label, Allowed: a.Allowed(), Confirm: a.Show.Confirm}
		for _, b := range a.Blockers {
			ev.Blockers = append(ev.Blockers, b.Message)
		}
		if c := a.Show.Comment; c != nil {
			ev.Fields = append(ev.Fields, fieldBody{Name: "comment", Label: c.Label, Kind: string(c.Kind), Required: c.Required})
		}
		for _, f := range a.Show.Fields {
			ev.Fields = append(ev.Fields, fieldBody{Name: f.Name, Label: f.Label, Kind: string(f.Kind), Required: f.Required, Choices: a.Choices[f.Name]})
		}
		out = append(out, ev)
	}
	return out, nil
}

// fire fires an event of the route's subject, any lifecycle. The body is
// one JSON object: "expected_version", "comment", and the event's fields
// by name (a string, number, boolean or list of strings each).
func (s *Server) fire(w http.ResponseWriter, r *http.Request) {
	in, err := decodeInput(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	subj := web.CurrentSubject(r)
	t, err := s.app.Engine.Fire(r.Context(), subj.Type, subj.ID, r.PathValue("event"), web.Principal(r), in)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.app.Engine.Lifecycle(subj.Type)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"event": t.Event, "from": t.From, "to": t.To, "to_label": m.StateLabel(t.To), "version": t.Version})
}

// decodeInput reads an event's JSON body into its input.
func decodeInput(r *http.Request) (workflow.Input, error) {
	var body map[string]json.RawMessage
	if err := web.DecodeJSON(r, &body); err != nil {
		return workflow.Input{}, err
	}
	in := workflow.Input{Values: url.Values{}}
	for name, raw := range body {
		switch name {
		case "expected_version":
			if err := json.Unmarshal(raw, &in.ExpectedVersion); err != nil {
				return in, fieldType(name, "un nombre entier")
			}
			continue
		case "comment":
			if err := json.Unmarshal(raw, &in.Comment); err != nil {
				return in, fieldType(name, "un texte")
			}
			continue
		}
		values, err := jsonValues(raw)
		if err != nil {
			return in, fieldType(name, "un texte, un nombre, un booléen ou une liste de textes")
		}
		in.Values[name] = values
	}
	return in, nil
}

// jsonValues turns a JSON value into form values.
func jsonValues(raw json.RawMessage) ([]string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		return []string{x}, nil
	case bool:
		return []string{strconv.FormatBool(x)}, nil
	case float64:
		return []string{strings.TrimSuffix(strconv.FormatFloat(x, 'f', -1, 64), ".0")}, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, item := range x {
			s, ok := item.(string)
			if !ok {
				return nil, domain.Errorf(domain.EInvalid, "liste")
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, domain.Errorf(domain.EInvalid, "objet")
}

func fieldType(name, want string) error {
	msg := "Type attendu : " + want + "."
	return &domain.Error{Code: domain.EInvalid, Message: "Le champ « " + name + " » doit être " + want + ".", Fields: map[string]string{name: msg}}
}

type subjectBody struct {
	Type       string           `json:"type"`
	ID         int64            `json:"id"`
	State      string           `json:"state"`
	StateLabel string           `json:"state_label"`
	Version    int              `json:"version"`
	Events     []eventBody      `json:"events"`
	Audit      []auditEntryBody `json:"audit"`
}

// subject describes any lifecycle's subject: its state, the events the
// person may fire, its history as they may see it.
func (s *Server) subject(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	snap, err := s.app.Engine.Load(r.Context(), subj.Type, subj.ID, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.app.Engine.Lifecycle(snap.Type)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := subjectBody{Type: snap.Type, ID: snap.ID, State: snap.State, StateLabel: snap.StateLabel, Version: snap.Version}
	if out.Events, err = s.events(r, snap); err != nil {
		s.fail(w, r, err)
		return
	}
	trail, err := s.app.Store.AuditTrail(r.Context(), snap.Type, snap.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out.Audit = auditJSON(m, policy.HistoryAsSeen(snap.Relations, trail))
	web.WriteJSON(w, http.StatusOK, out)
}

func auditJSON(m *workflow.Meta, trail []domain.AuditEntry) []auditEntryBody {
	out := make([]auditEntryBody, 0, len(trail))
	for _, e := range trail {
		out = append(out, auditEntryBody{At: web.Time(e.CreatedAt), Event: e.Event, Label: m.EventLabel(e.Event), From: e.FromState, To: e.ToState,
			Actor: e.ActorLabel, Role: e.ActorRole, Comment: e.Comment})
	}
	return out
}
