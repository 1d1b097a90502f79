// Package workflow is tnl's lifecycle engine: it runs any lifecycle — a
// candidature, a campaign, a juror's evaluation, a visit request — given as
// a declarative Definition, on github.com/looplab/fsm.
//
// The vocabulary is Symfony Workflow's. A Definition is data: its States and
// Events with French labels, Guards that say in French why an event is
// blocked, how each event is presented to users (button, confirmation,
// fields to ask for), its timed events, the table its subjects live in and a
// loader returning a typed payload. A definition lives in a package of its
// own (internal/lifecycle/…) and registers with the engine, which validates
// it; the engine never names one.
//
// Who may fire an event is decided by the policy (internal/policy), asked
// for the action « <lifecycle>.<event> » with the relations the actor holds
// on the subject. The Engine builds a fresh state machine per operation
// from the stored state, runs the policy and the guards, and persists the
// state change (with optimistic versioning), the event's side effects, its
// audit row and its notifications in one database transaction.
package workflow

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// State is a place a subject can be in.
type State struct {
	Name  string
	Label string
}

// FieldKind is how a field of an event's form is entered.
type FieldKind string

// Field kinds.
const (
	FieldText     FieldKind = "text"     // one line
	FieldTextArea FieldKind = "textarea" // several lines of text
	FieldLines    FieldKind = "lines"    // a list, one item per line
	FieldCheckbox FieldKind = "checkbox" // yes or no
	FieldChoice   FieldKind = "choice"   // one of the event's Choices
	FieldChoices  FieldKind = "choices"  // any of the event's Choices (checkboxes)
)

// Field is one thing an actor supplies when firing an event.
type Field struct {
	Name  string // form field and JSON member
	Label string
	Help  string
	Kind  FieldKind
	// Required fields are checked by the engine before the guards; Missing
	// is the French message when one is empty (default: « Indiquez … »).
	Required bool
	Missing  string
	// Autocomplete is the HTML autocomplete token, for personal fields.
	Autocomplete string
	// Fills, on a choice field, names the text field that the chosen
	// option's Template starts (the page fills it while it is empty or
	// still holds another option's template).
	Fills string
}

// Choice is one option of a FieldChoice or FieldChoices.
type Choice struct {
	Value string
	Label string
	// Template, optional, is a text to start the field named by the
	// choice field's Fills from (a motivation per level).
	Template string
}

// Presentation is how an event is offered to users: the web pages and the
// API render every lifecycle's actions from it.
type Presentation struct {
	// Button is the button's text (default: the event's label).
	Button string
	// Confirm, when set, is asked before firing (a page of its own
	// without JavaScript, a dialog with it): what happens.
	Confirm string
	// Undo says how to undo it, shown with the confirmation.
	Undo string
	// Destructive and Irreversible mark events that lose work or cannot be
	// taken back: they are styled as such and always confirmed.
	Destructive  bool
	Irreversible bool
	// Comment, when set, asks for the comment recorded in the audit trail.
	Comment *Field
	// Fields are the other values the event takes.
	Fields []Field
	// Page, when set, is the address (with %d for the subject's id) of a
	// page of its own from which the event is fired (a deposit with its
	// attestation): the action links there instead of showing a form.
	Page string
	// Secondary events are listed under « Autres actions ».
	Secondary bool
	// Done is the notice shown once the event is fired.
	Done string
}

// Guard is a condition an event needs. Check returns "" when it holds, or a
// French sentence saying why the event is blocked.
type Guard[P any] struct {
	Name string
	// NeedsInput marks guards on what the actor supplies when firing: they
	// are not evaluated when listing the events one may fire.
	NeedsInput bool
	Check      func(ctx context.Context, s *Subject[P], in Input) string
}

// Event is a transition: from one of From to To.
type Event[P any] struct {
	Name  string
	Label string
	From  []string
	To    string
	// Guards are checked in order; every failing one is reported.
	Guards []Guard[P]
	// Apply writes the event's side effects inside the transition's
	// transaction, after the state change. fx fires events on other
	// subjects in the same transaction (cascades).
	Apply func(ctx context.Context, tx *store.Tx, s *Subject[P], in Input, fx Effects) error
	// Notify returns the messages announcing the transition; they are
	// written to the outbox in the same transaction.
	Notify func(s *Subject[P], in Input) ([]*domain.OutboxMessage, error)
	// Record, when set, returns a line that the audit row (the history)
	// keeps before the comment: what the actor checked (the élu's
	// mandate at admissibility).
	Record func(in Input) string
	// Summary, optional, writes the audit row's comment from the input
	// when the actor gives none (a decision's level and mentions).
	Summary func(s *Subject[P], in Input) string
	// Show is how the event is offered to users.
	Show Presentation
	// Defaults, optional, gives the values the event's form starts from
	// for a subject (the decision already recorded, when changing it).
	Defaults func(s *Subject[P]) url.Values
	// Choices gives the options of the event's FieldChoice fields, by
	// field name, for a subject.
	Choices func(s *Subject[P]) map[string][]Choice
}

// Due is a subject whose timed event is due, at the version it was read.
type Due struct {
	ID      int64
	Version int
}

// Timer is a timed event: the scheduler fires Event, as the platform, on
// every subject Due lists (a campaign reaching its deadline, a request left
// unclaimed for N days). Guards still apply.
type Timer struct {
	Event string
	Due   func(ctx context.Context, st *store.Store, now time.Time) ([]Due, error)
}

// Loaded is a subject as a definition's loader reads it.
type Loaded[P any] struct {
	ID      int64
	State   string
	Version int
	// Facts are the loading person's links to the subject (ignored for
	// the platform).
	Facts   policy.Facts
	Payload *P
}

// Definition is a lifecycle: data, not code paths.
type Definition[P any] struct {
	Name    string // subject type: "candidature", "campagne"
	Label   string // « Candidature »
	Table   string // the table of its subjects, with state and version columns
	Initial string
	States  []State
	Events  []Event[P]
	// Records are the changes recorded in the audit trail that are not
	// transitions (a creation, a change of dates), with their labels.
	Records map[string]string
	// Load reads a subject inside a transaction (locking it when the
	// transaction writes) with the facts linking who to it.
	Load func(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*Loaded[P], error)
	// LoadMany, optional, reads many subjects at once for cascades fired by
	// the platform (a campaign publishing its candidatures); without it,
	// Load is called for each.
	LoadMany func(ctx context.Context, tx *store.Tx, ids []int64) ([]*Loaded[P], error)
	Timers   []Timer
	// URL is the address of a subject's page, for links and redirects.
	URL func(id int64) string
}

// Subject is what a transition applies to, as loaded inside the transaction.
type Subject[P any] struct {
	Type      string
	ID        int64
	State     string
	Version   int
	Now       time.Time
	Actor     policy.Principal
	Relations policy.Set
	Facts     policy.Facts
	P         *P
}

var tableName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Validate checks the definition's consistency: known states, unique names,
// labels, fields and timers that make sense, and a rule in the policy for
// reading its subjects and for every event.
func (d *Definition[P]) Validate(pol *policy.Policy) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("workflow %s: %s", d.Name, fmt.Sprintf(format, args...))
	}
	if !tableName.MatchString(d.Name) || d.Label == "" {
		return fail("needs a lower-case name and a label")
	}
	if !tableName.MatchString(d.Table) {
		return fail("table %q is not a plain table name", d.Table)
	}
	if d.Load == nil || d.URL == nil {
		return fail("needs Load and URL")
	}
	states := map[string]bool{}
	for _, s := range d.States {
		if states[s.Name] {
			return fail("state %q declared twice", s.Name)
		}
		if s.Name == "" || s.Label == "" {
			return fail("state %q needs a name and a label", s.Name)
		}
		states[s.Name] = true
	}
	if !states[d.Initial] {
		return fail("unknown initial state %q", d.Initial)
	}
	if pol != nil && !pol.Knows(policy.Read(d.Name)) {
		return fail("the policy has no rule %q", policy.Read(d.Name))
	}
	events := map[string]bool{}
	for _, e := range d.Events {
		if events[e.Name] {
			return fail("event %q declared twice", e.Name)
		}
		events[e.Name] = true
		if e.Name == "" || e.Label == "" || len(e.From) == 0 {
			return fail("event %q needs a name, a label and source states", e.Name)
		}
		for _, f := range append(slices.Clone(e.From), e.To) {
			if !states[f] {
				return fail("event %q uses unknown state %q", e.Name, f)
			}
		}
		if pol != nil && !pol.Knows(policy.Event(d.Name, e.Name)) {
			return fail("event %q has no rule %q in the policy", e.Name, policy.Event(d.Name, e.Name))
		}
		if err := validateFields(e.Show, e.Choices != nil); err != nil {
			return fail("event %q: %v", e.Name, err)
		}
		for _, g := range e.Guards {
			if g.Name == "" || g.Check == nil {
				return fail("event %q has a guard without name or check", e.Name)
			}
		}
	}
	for name, label := range d.Records {
		if events[name] || label == "" {
			return fail("record %q clashes with an event or has no label", name)
		}
	}
	for _, t := range d.Timers {
		if !events[t.Event] || t.Due == nil {
			return fail("timer on unknown event %q or without Due", t.Event)
		}
	}
	return nil
}

var fieldName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func validateFields(p Presentation, hasChoices bool) error {
	fields := p.Fields
	if p.Comment != nil {
		fields = append([]Field{*p.Comment}, fields...)
	}
	seen := map[string]bool{"expected_version": true, "version": true, "csrf": true}
	for i, f := range fields {
		if p.Comment != nil && i == 0 {
			continue // the comment's name is fixed
		}
		if !fieldName.MatchString(f.Name) || seen[f.Name] {
			return fmt.Errorf("field %q: invalid or duplicate name", f.Name)
		}
		seen[f.Name] = true
		switch f.Kind {
		case FieldText, FieldTextArea, FieldLines, FieldCheckbox:
		case FieldChoice, FieldChoices:
			if !hasChoices {
				return fmt.Errorf("field %q is a choice but the event has no Choices", f.Name)
			}
		default:
			return fmt.Errorf("field %q: unknown kind %q", f.Name, f.Kind)
		}
		if f.Label == "" {
			return fmt.Errorf("field %q has no label", f.Name)
		}
	}
	return nil
}
