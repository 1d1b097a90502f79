// Package workflow runs tnl's lifecycles — a candidature, a campaign — as
// declarative definitions on github.com/looplab/fsm.
//
// The vocabulary is Symfony Workflow's: a Definition names States and
// Events (transitions) with French labels, who may fire each event (Roles)
// and Guards that explain in French why an event is blocked. The Engine
// builds a fresh state machine per operation from the stored state, runs the
// guards and persists the transition, its audit row and its notifications in
// one database transaction with optimistic versioning.
package workflow

import (
	"context"
	"fmt"
	"slices"

	"github.com/looplab/fsm"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// Role is who fires an event.
type Role string

// The roles of the platform. Élu and accompagnateur are relative to a
// candidature; jury and staff come from the account; system is the platform
// itself (scheduler, cascades).
const (
	RoleElu            Role = "elu"
	RoleAccompagnateur Role = "accompagnateur"
	RoleJury           Role = "jury"
	RoleStaff          Role = "staff"
	RoleSystem         Role = "system"
)

// Label returns the role's French name.
func (r Role) Label() string {
	switch r {
	case RoleElu:
		return "l’élu référent"
	case RoleAccompagnateur:
		return "un accompagnateur"
	case RoleJury:
		return "le jury"
	case RoleStaff:
		return "l’équipe ADULLACT"
	case RoleSystem:
		return "la plateforme"
	}
	return string(r)
}

// reservedTo returns the role with its French preposition: « réservé au jury ».
func (r Role) reservedTo() string {
	switch r {
	case RoleElu:
		return "à l’élu référent"
	case RoleAccompagnateur:
		return "aux accompagnateurs"
	case RoleJury:
		return "au jury"
	case RoleStaff:
		return "à l’équipe ADULLACT"
	case RoleSystem:
		return "à la plateforme"
	}
	return "à " + string(r)
}

// State is a place a subject can be in.
type State struct {
	Name  string
	Label string
}

// Guard is a condition an event needs. Check returns "" when it holds, or a
// French sentence saying why the event is blocked.
type Guard struct {
	Name string
	// NeedsInput marks guards on what the actor supplies when firing
	// (a comment, an attestation): they are not evaluated when listing
	// the available events.
	NeedsInput bool
	Check      func(ctx context.Context, s *Subject, a *Actor, in Input) string
}

// Event is a transition: from one of From to To.
type Event struct {
	Name  string
	Label string
	From  []string
	To    string
	Roles []Role
	// Guards are checked in order; every failing one is reported.
	Guards []Guard
	// Apply writes the event's side effects inside the transition's
	// transaction, after the state change.
	Apply func(ctx context.Context, tx *store.Tx, s *Subject, a *Actor, in Input) error
	// Notify returns the messages announcing the transition; they are
	// written to the outbox in the same transaction.
	Notify func(s *Subject, a *Actor, in Input, env *Env) []*domain.OutboxMessage
}

// Definition is a lifecycle: data, not code paths.
type Definition struct {
	Name    string // subject type: "candidature", "campagne"
	Label   string
	Initial string
	States  []State
	Events  []Event
	// Load reads the subject inside a transaction, locking it.
	Load func(ctx context.Context, tx *store.Tx, id int64, env *Env) (*Subject, error)
	// RolesOf returns the roles an actor holds on a subject.
	RolesOf func(s *Subject, a *Actor) []Role
}

// State returns the state with the given name.
func (d *Definition) State(name string) (State, bool) {
	for _, s := range d.States {
		if s.Name == name {
			return s, true
		}
	}
	return State{}, false
}

// StateLabel returns the French label of a state, or its name.
func (d *Definition) StateLabel(name string) string { return stateLabel(d.States, name) }

func stateLabel(states []State, name string) string {
	for _, s := range states {
		if s.Name == name {
			return s.Label
		}
	}
	return name
}

// Event returns the event with the given name.
func (d *Definition) Event(name string) (*Event, bool) {
	for i := range d.Events {
		if d.Events[i].Name == name {
			return &d.Events[i], true
		}
	}
	return nil, false
}

// Validate checks the definition's consistency: known states, unique names,
// at least one role per event.
func (d *Definition) Validate() error {
	states := map[string]bool{}
	for _, s := range d.States {
		if states[s.Name] {
			return fmt.Errorf("workflow %s: state %q declared twice", d.Name, s.Name)
		}
		if s.Label == "" {
			return fmt.Errorf("workflow %s: state %q has no label", d.Name, s.Name)
		}
		states[s.Name] = true
	}
	if !states[d.Initial] {
		return fmt.Errorf("workflow %s: unknown initial state %q", d.Name, d.Initial)
	}
	events := map[string]bool{}
	for _, e := range d.Events {
		if events[e.Name] {
			return fmt.Errorf("workflow %s: event %q declared twice", d.Name, e.Name)
		}
		events[e.Name] = true
		if e.Label == "" || len(e.Roles) == 0 || len(e.From) == 0 {
			return fmt.Errorf("workflow %s: event %q needs a label, roles and source states", d.Name, e.Name)
		}
		for _, f := range append(slices.Clone(e.From), e.To) {
			if !states[f] {
				return fmt.Errorf("workflow %s: event %q uses unknown state %q", d.Name, e.Name, f)
			}
		}
	}
	return nil
}

// machine returns a fresh looplab/fsm machine at the given state.
func (d *Definition) machine(current string, callbacks fsm.Callbacks) *fsm.FSM {
	descs := make([]fsm.EventDesc, 0, len(d.Events))
	for _, e := range d.Events {
		descs = append(descs, fsm.EventDesc{Name: e.Name, Src: e.From, Dst: e.To})
	}
	return fsm.NewFSM(current, descs, callbacks)
}

// AuditOnlyEvents are the changes recorded in the audit trail that are not
// transitions of a definition, with their French labels.
var AuditOnlyEvents = map[string]string{
	"creer":          "Création",
	"modifier_dates": "Modification des dates",
}

// EventLabel returns the French label of an event as the audit trail shows
// it, transitions and AuditOnlyEvents alike.
func (d *Definition) EventLabel(name string) string {
	if label, ok := AuditOnlyEvents[name]; ok {
		return label
	}
	if e, ok := d.Event(name); ok {
		return e.Label
	}
	return name
}
