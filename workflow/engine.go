package workflow

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/looplab/fsm"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// Env is what definitions may use besides the store: the clock, the public
// address of the platform for links in messages, parsed questionnaires.
type Env struct {
	Now     func() time.Time
	BaseURL string

	mu             sync.Mutex
	questionnaires map[string]*questionnaire.Questionnaire
}

// Questionnaire parses a campaign's pinned questionnaire, once per content hash.
func (e *Env) Questionnaire(c *domain.Campaign) (*questionnaire.Questionnaire, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if q, ok := e.questionnaires[c.QuestionnaireHash]; ok {
		return q, nil
	}
	q, err := questionnaire.Load(c.Questionnaire, fmt.Sprintf("questionnaire-%d.yaml", c.Year))
	if err != nil {
		return nil, fmt.Errorf("questionnaire de la campagne %d illisible : %w", c.Year, err)
	}
	if e.questionnaires == nil {
		e.questionnaires = map[string]*questionnaire.Questionnaire{}
	}
	e.questionnaires[c.QuestionnaireHash] = q
	return q, nil
}

// CachedQuestionnaire returns the questionnaire of this content hash if it
// was parsed already, without reading its campaign.
func (e *Env) CachedQuestionnaire(hash string) (*questionnaire.Questionnaire, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	q, ok := e.questionnaires[hash]
	return q, ok
}

// Engine fires events of the registered definitions.
type Engine struct {
	store  *store.Store
	defs   map[string]*Definition
	env    *Env
	logger *slog.Logger
}

// Option configures an Engine.
type Option func(*Engine)

// WithClock replaces time.Now.
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.env.Now = now } }

// WithBaseURL sets the platform's public address, for links in messages.
func WithBaseURL(u string) Option {
	return func(e *Engine) { e.env.BaseURL = strings.TrimRight(u, "/") }
}

// WithLogger sets the engine's logger.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.logger = l } }

// WithDefinition registers (or replaces) a definition.
func WithDefinition(d *Definition) Option { return func(e *Engine) { e.defs[d.Name] = d } }

// New returns an engine with the candidature and campaign lifecycles.
func New(st *store.Store, opts ...Option) *Engine {
	e := &Engine{
		store:  st,
		defs:   map[string]*Definition{},
		env:    &Env{Now: time.Now, BaseURL: "http://localhost:8080"},
		logger: slog.New(slog.DiscardHandler),
	}
	for _, d := range []*Definition{Candidature(), Campagne()} {
		e.defs[d.Name] = d
	}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Env returns the engine's environment.
func (e *Engine) Env() *Env { return e.env }

// Definition returns the definition of a subject type.
func (e *Engine) Definition(name string) (*Definition, error) {
	d, ok := e.defs[name]
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "Cycle de vie inconnu : « %s ».", name)
	}
	return d, nil
}

// Load reads a subject (in a short read-only transaction, without locks)
// and resolves the actor's roles on it.
func (e *Engine) Load(ctx context.Context, subjectType string, id int64, a *Actor) (*Subject, error) {
	d, err := e.Definition(subjectType)
	if err != nil {
		return nil, err
	}
	var s *Subject
	err = e.store.InReadTx(ctx, func(tx *store.Tx) error {
		s, err = d.Load(ctx, tx, id, e.env)
		return err
	})
	if err != nil {
		return nil, err
	}
	a.Roles = d.RolesOf(s, a)
	return s, nil
}

// EventStatus says whether an actor may fire an event now, and if not why.
type EventStatus struct {
	Event    *Event
	Blockers []Blocker
}

// Allowed reports whether nothing blocks the event.
func (st EventStatus) Allowed() bool { return len(st.Blockers) == 0 }

// Available lists the events an actor may fire now on a loaded subject.
func (e *Engine) Available(s *Subject, a *Actor) []*Event {
	var out []*Event
	for _, st := range e.Statuses(s, a) {
		if st.Allowed() {
			out = append(out, st.Event)
		}
	}
	return out
}

// Statuses returns, for every event leaving the subject's current state
// that the actor's roles allow, whether it is blocked and why: the UI shows
// them as buttons, greyed out with their reasons.
func (e *Engine) Statuses(s *Subject, a *Actor) []EventStatus {
	d := e.defs[s.Type]
	var out []EventStatus
	for i := range d.Events {
		ev := &d.Events[i]
		if !contains(ev.From, s.State) || !hasAnyRole(a, ev.Roles) {
			continue
		}
		out = append(out, EventStatus{Event: ev, Blockers: e.blockers(context.Background(), d, s, a, ev, Input{}, false)})
	}
	return out
}

// Blockers lists every reason the actor cannot fire the event now (nil if
// they can). Guards on input (comment, attestation) are checked against in.
func (e *Engine) Blockers(ctx context.Context, s *Subject, a *Actor, event string, in Input) ([]Blocker, error) {
	d := e.defs[s.Type]
	ev, ok := d.Event(event)
	if !ok {
		return nil, unknownEvent(d, event)
	}
	return e.blockers(ctx, d, s, a, ev, in, true), nil
}

func (e *Engine) blockers(ctx context.Context, d *Definition, s *Subject, a *Actor, ev *Event, in Input, withInput bool) []Blocker {
	var out []Blocker
	if !d.machine(s.State, nil).Can(ev.Name) {
		from := make([]string, len(ev.From))
		for i, f := range ev.From {
			from[i] = "« " + d.StateLabel(f) + " »"
		}
		out = append(out, Blocker{"state", fmt.Sprintf("Impossible depuis l’état « %s » : « %s » n’est possible que depuis %s.",
			d.StateLabel(s.State), ev.Label, joinFrench(from, "ou"))})
	}
	if !hasAnyRole(a, ev.Roles) {
		labels := make([]string, len(ev.Roles))
		for i, r := range ev.Roles {
			labels[i] = r.reservedTo()
		}
		out = append(out, Blocker{"role", fmt.Sprintf("« %s » est réservé %s.", ev.Label, joinFrench(labels, "ou"))})
	}
	for _, g := range ev.Guards {
		if g.NeedsInput && !withInput {
			continue
		}
		if msg := g.Check(ctx, s, a, in); msg != "" {
			out = append(out, Blocker{g.Name, msg})
		}
	}
	return out
}

// Fire fires an event on a subject as the actor, atomically: the state
// change (refused with a conflict error if the subject changed since
// in.ExpectedVersion), the event's side effects, an audit row and the
// notifications are written in one transaction, or nothing is.
func (e *Engine) Fire(ctx context.Context, subjectType string, id int64, event string, a Actor, in Input) (*Transition, error) {
	d, err := e.Definition(subjectType)
	if err != nil {
		return nil, err
	}
	ev, ok := d.Event(event)
	if !ok {
		return nil, unknownEvent(d, event)
	}
	var t *Transition
	err = e.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		t, err = e.fire(ctx, tx, d, ev, id, &a, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	e.logger.Info("transition", "subject", subjectType, "id", id, "event", event, "from", t.From, "to", t.To, "actor", a.Email)
	return t, nil
}

func (e *Engine) fire(ctx context.Context, tx *store.Tx, d *Definition, ev *Event, id int64, a *Actor, in Input) (*Transition, error) {
	if in.Prepare != nil {
		if err := in.Prepare(ctx, tx); err != nil {
			return nil, err
		}
	}
	s, err := d.Load(ctx, tx, id, e.env)
	if err != nil {
		return nil, err
	}
	if in.ExpectedVersion != 0 && in.ExpectedVersion != s.Version {
		return nil, conflict(d, s)
	}
	a.Roles = d.RolesOf(s, a)

	// A fresh machine per operation, from the stored state. The guards run
	// in its before_event callback and cancel the event with every reason.
	m := d.machine(s.State, fsm.Callbacks{
		"before_event": func(ctx context.Context, fe *fsm.Event) {
			if bs := e.blockers(ctx, d, s, a, ev, in, true); len(bs) > 0 {
				fe.Cancel(blocked(ev, bs))
			}
		},
	})
	if err := m.Event(ctx, ev.Name); err != nil {
		var canceled fsm.CanceledError
		if errors.As(err, &canceled) && canceled.Err != nil {
			return nil, canceled.Err
		}
		var invalid fsm.InvalidEventError
		if errors.As(err, &invalid) {
			return nil, blocked(ev, e.blockers(ctx, d, s, a, ev, in, true))
		}
		return nil, fmt.Errorf("workflow %s/%d %s: %w", d.Name, id, ev.Name, err)
	}
	from, to := s.State, m.Current()
	if err := tx.SetState(ctx, d.Name, id, from, to, s.Version); err != nil {
		return nil, err
	}
	if ev.Apply != nil {
		if err := ev.Apply(ctx, tx, s, a, in); err != nil {
			return nil, err
		}
	}
	entry := &domain.AuditEntry{
		SubjectType: d.Name, SubjectID: id, Event: ev.Name, FromState: from, ToState: to,
		ActorRole: string(primaryRole(a, ev.Roles)), ActorLabel: a.Email, Comment: strings.TrimSpace(in.Comment),
	}
	if !a.System && a.UserID != 0 {
		uid := a.UserID
		entry.ActorID = &uid
	}
	if err := tx.AddAudit(ctx, entry); err != nil {
		return nil, err
	}
	if ev.Notify != nil {
		if err := tx.Enqueue(ctx, ev.Notify(s, a, in, e.env)...); err != nil {
			return nil, fmt.Errorf("notifications : %w", err)
		}
	}
	return &Transition{SubjectType: d.Name, SubjectID: id, Event: ev.Name, From: from, To: to, Version: s.Version + 1, At: entry.CreatedAt}, nil
}

func unknownEvent(d *Definition, event string) error {
	names := make([]string, len(d.Events))
	for i, e := range d.Events {
		names[i] = e.Name
	}
	return domain.Errorf(domain.ENotFound, "Action « %s » inconnue pour une %s (actions : %s).",
		event, strings.ToLower(d.Label), strings.Join(names, ", "))
}

func blocked(ev *Event, bs []Blocker) error {
	details := make([]string, len(bs))
	for i, b := range bs {
		details[i] = b.Message
	}
	return &domain.Error{
		Code:    domain.EUnprocessable,
		Message: fmt.Sprintf("Action « %s » impossible.", ev.Label),
		Details: details,
	}
}

func conflict(d *Definition, s *Subject) error {
	return &domain.Error{
		Code: domain.EConflict,
		Message: fmt.Sprintf("Quelqu’un a modifié ce dossier en même temps que vous (il est maintenant « %s ») : rechargez la page.",
			d.StateLabel(s.State)),
	}
}

func hasAnyRole(a *Actor, roles []Role) bool {
	for _, r := range roles {
		if a.Has(r) {
			return true
		}
	}
	return false
}

// primaryRole is the role recorded in the audit trail: the first of the
// event's roles that the actor holds.
func primaryRole(a *Actor, roles []Role) Role {
	for _, r := range roles {
		if a.Has(r) {
			return r
		}
	}
	if len(a.Roles) > 0 {
		return a.Roles[0]
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// joinFrench joins items the French way: "a, b ou c".
func joinFrench(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}
