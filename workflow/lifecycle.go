package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/looplab/fsm"

	"github.com/adullact/tnl/internal/cleantext"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// lifecycle is a registered definition with its payload type erased.
type lifecycle interface {
	meta() *Meta
	snapshot(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*Snapshot, error)
	actions(ctx context.Context, snap *Snapshot) []Action
	blockers(ctx context.Context, snap *Snapshot, event string, in Input) ([]Blocker, error)
	fire(ctx context.Context, tx *store.Tx, id int64, event string, who policy.Principal, in Input) (*Transition, error)
	fireAll(ctx context.Context, tx *store.Tx, ids []int64, event string, in Input) ([]*Transition, error)
	timers() []Timer
}

// typed is a Definition[P] registered with an engine.
type typed[P any] struct {
	d *Definition[P]
	e *Engine
	m *Meta
}

// meta returns the definition's description, built at registration.
func (t *typed[P]) meta() *Meta { return t.m }

func (t *typed[P]) buildMeta() {
	d := t.d
	m := &Meta{Name: d.Name, Label: d.Label, Table: d.Table, Initial: d.Initial, States: d.States, Records: d.Records,
		Timed: map[string]bool{}, URL: d.URL}
	for _, e := range d.Events {
		m.Events = append(m.Events, EventMeta{Name: e.Name, Label: e.Label, From: e.From, To: e.To, Show: e.Show})
	}
	for _, tm := range d.Timers {
		m.Timed[tm.Event] = true
	}
	t.m = m
}

func (t *typed[P]) timers() []Timer { return t.d.Timers }

func (t *typed[P]) event(name string) (*Event[P], error) {
	for i := range t.d.Events {
		if t.d.Events[i].Name == name {
			return &t.d.Events[i], nil
		}
	}
	return nil, unknownEvent(t.meta(), name)
}

// machine returns a fresh looplab/fsm machine at the given state: the
// transition table.
func (t *typed[P]) machine(current string, callbacks fsm.Callbacks) *fsm.FSM {
	descs := make([]fsm.EventDesc, 0, len(t.d.Events))
	for _, e := range t.d.Events {
		descs = append(descs, fsm.EventDesc{Name: e.Name, Src: e.From, Dst: e.To})
	}
	return fsm.NewFSM(current, descs, callbacks)
}

func (t *typed[P]) subject(tx *store.Tx, l *Loaded[P], who policy.Principal) *Subject[P] {
	return &Subject[P]{Type: t.d.Name, ID: l.ID, State: l.State, Version: l.Version, Now: tx.Now(),
		Actor: who, Relations: policy.Relations(who, l.Facts), Facts: l.Facts, P: l.Payload}
}

func (t *typed[P]) snapshot(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*Snapshot, error) {
	l, err := t.d.Load(ctx, tx, id, who)
	if err != nil {
		return nil, err
	}
	s := t.subject(tx, l, who)
	return &Snapshot{Type: s.Type, ID: s.ID, State: s.State, StateLabel: t.meta().StateLabel(s.State), Version: s.Version,
		Relations: s.Relations, Facts: s.Facts, Payload: s.P, subject: s}, nil
}

func (t *typed[P]) typedSubject(snap *Snapshot) *Subject[P] {
	s, _ := snap.subject.(*Subject[P])
	return s
}

func (t *typed[P]) actions(ctx context.Context, snap *Snapshot) []Action {
	s := t.typedSubject(snap)
	if s == nil {
		return nil
	}
	m := t.machine(s.State, nil)
	var out []Action
	for i := range t.d.Events {
		ev := &t.d.Events[i]
		if !m.Can(ev.Name) || !t.e.policy.Allows(policy.Event(t.d.Name, ev.Name), s.Relations, s.Facts) {
			continue
		}
		a := Action{Event: ev.Name, Label: ev.Label, Show: ev.Show, Blockers: t.guardBlockers(ctx, s, ev, Input{}, false)}
		if ev.Choices != nil {
			a.Choices = ev.Choices(s)
		}
		if ev.Defaults != nil {
			a.Defaults = ev.Defaults(s)
		}
		out = append(out, a)
	}
	return out
}

func (t *typed[P]) blockers(ctx context.Context, snap *Snapshot, event string, in Input) ([]Blocker, error) {
	s := t.typedSubject(snap)
	if s == nil {
		return nil, fmt.Errorf("workflow %s: snapshot of another lifecycle", t.d.Name)
	}
	ev, err := t.event(event)
	if err != nil {
		return nil, err
	}
	var out []Blocker
	if !t.machine(s.State, nil).Can(ev.Name) {
		out = append(out, t.stateBlocker(s, ev))
	}
	return append(out, t.allBlockers(ctx, s, ev, in)...), nil
}

// allBlockers is everything but the state, which looplab checks: the
// policy, the required fields and the guards.
func (t *typed[P]) allBlockers(ctx context.Context, s *Subject[P], ev *Event[P], in Input) []Blocker {
	var out []Blocker
	action := policy.Event(t.d.Name, ev.Name)
	if !t.e.policy.Allows(action, s.Relations, s.Facts) {
		out = append(out, Blocker{Code: "role", Message: fmt.Sprintf("« %s » est réservé %s.", ev.Label, t.e.policy.ReservedTo(action))})
	}
	out = append(out, missingFields(ev.Show, in)...)
	out = append(out, invalidFields(ev.Show, in)...)
	return append(out, t.guardBlockers(ctx, s, ev, in, true)...)
}

func (t *typed[P]) guardBlockers(ctx context.Context, s *Subject[P], ev *Event[P], in Input, withInput bool) []Blocker {
	var out []Blocker
	for _, g := range ev.Guards {
		if g.NeedsInput && !withInput {
			continue
		}
		if msg := g.Check(ctx, s, in); msg != "" {
			out = append(out, Blocker{Code: g.Name, Message: msg})
		}
	}
	return out
}

func (t *typed[P]) stateBlocker(s *Subject[P], ev *Event[P]) Blocker {
	m := t.meta()
	from := make([]string, len(ev.From))
	for i, f := range ev.From {
		from[i] = "« " + m.StateLabel(f) + " »"
	}
	return Blocker{Code: "state", Message: fmt.Sprintf("Impossible depuis l’état « %s » : « %s » n’est possible que depuis %s.",
		m.StateLabel(s.State), ev.Label, fr.List(from, "ou"))}
}

// missingFields reports the required comment and fields left empty.
func missingFields(p Presentation, in Input) []Blocker {
	var out []Blocker
	check := func(f Field, empty bool) {
		if !f.Required || !empty {
			return
		}
		msg := f.Missing
		if msg == "" {
			msg = "Indiquez : " + lowerFirst(f.Label) + "."
		}
		out = append(out, Blocker{Code: "field", Message: msg, Field: f.Name})
	}
	if p.Comment != nil {
		c := *p.Comment
		c.Name = CommentField
		check(c, cleantext.Blank(in.Comment))
	}
	for _, f := range p.Fields {
		if f.Kind == FieldCheckbox {
			check(f, !in.Bool(f.Name))
		} else {
			check(f, cleantext.Blank(in.Value(f.Name)))
		}
	}
	return out
}

// Limits of the texts of an event's form.
const (
	MaxLongText  = 10000 // a comment, a textarea (motivation)
	MaxShortText = 300   // a one-line field, an item of a list
	MaxLines     = 20    // items of a list (mentions)
)

// invalidFields reports the texts of the comment and fields that cannot be
// taken: not UTF-8, a NUL or a control character, a line break in a
// one-line field, too long, too many items. Each names its field.
func invalidFields(p Presentation, in Input) []Blocker {
	var out []Blocker
	bad := func(name, label, msg string) {
		out = append(out, Blocker{Code: "field", Message: "« " + label + " » " + msg + ".", Field: name})
	}
	text := func(name, label, s string, multiline bool, limit int) bool {
		if msg := cleantext.Problem(s, multiline); msg != "" {
			bad(name, label, msg)
			return false
		}
		if n := utf8.RuneCountInString(s); n > limit {
			bad(name, label, fmt.Sprintf("ne doit pas dépasser %s caractères (%s saisis)", fr.Int(limit), fr.Int(n)))
			return false
		}
		return true
	}
	if in.Comment != "" {
		label := "Commentaire"
		if p.Comment != nil && p.Comment.Label != "" {
			label = p.Comment.Label
		}
		text(CommentField, label, in.Comment, true, MaxLongText)
	}
	for _, f := range p.Fields {
		switch f.Kind {
		case FieldTextArea:
			for _, v := range in.Values[f.Name] {
				text(f.Name, f.Label, v, true, MaxLongText)
			}
		case FieldLines:
			ok := true
			for _, v := range in.Values[f.Name] {
				ok = ok && text(f.Name, f.Label, v, true, MaxLongText)
			}
			if !ok {
				continue
			}
			lines := in.Lines(f.Name)
			if len(lines) > MaxLines {
				bad(f.Name, f.Label, fmt.Sprintf(": au plus %d éléments (%d saisis)", MaxLines, len(lines)))
				continue
			}
			for _, l := range lines {
				if !text(f.Name, f.Label, l, false, MaxShortText) {
					break
				}
			}
		default:
			for _, v := range in.Values[f.Name] {
				text(f.Name, f.Label, strings.TrimSpace(v), false, MaxShortText)
			}
		}
	}
	return out
}

// recorded is the comment of an event's audit row: its Record line, then
// the actor's comment.
func recorded[P any](s *Subject[P], ev *Event[P], in Input) string {
	if ev.Record == nil {
		return comment(s, ev, in)
	}
	line := strings.TrimSpace(ev.Record(in))
	if c := strings.TrimSpace(comment(s, ev, in)); c != "" {
		return line + "\n" + c
	}
	return line
}

func (t *typed[P]) fire(ctx context.Context, tx *store.Tx, id int64, event string, who policy.Principal, in Input) (*Transition, error) {
	ev, err := t.event(event)
	if err != nil {
		return nil, err
	}
	if in.Prepare != nil {
		if err := in.Prepare(ctx, tx); err != nil {
			return nil, err
		}
	}
	l, err := t.d.Load(ctx, tx, id, who)
	if err != nil {
		return nil, err
	}
	if in.ExpectedVersion != 0 && in.ExpectedVersion != l.Version {
		return nil, conflict(t.meta(), l.State)
	}
	s := t.subject(tx, l, who)
	return t.transition(ctx, tx, s, ev, in)
}

// transition runs one event on a loaded subject: looplab checks the source
// state (once), the policy and the guards run in its before_event callback,
// then the change is written.
func (t *typed[P]) transition(ctx context.Context, tx *store.Tx, s *Subject[P], ev *Event[P], in Input) (*Transition, error) {
	m := t.machine(s.State, fsm.Callbacks{
		"before_event": func(ctx context.Context, fe *fsm.Event) {
			if bs := t.allBlockers(ctx, s, ev, in); len(bs) > 0 {
				fe.Cancel(blocked(ev.Label, bs))
			}
		},
	})
	var same fsm.NoTransitionError
	if err := m.Event(ctx, ev.Name); err != nil && !(errors.As(err, &same) && same.Err == nil) {
		// An event that stays in its state (looplab's NoTransitionError)
		// is a transition like any other: recorded, versioned.
		var canceled fsm.CanceledError
		if errors.As(err, &canceled) && canceled.Err != nil {
			return nil, canceled.Err
		}
		var invalid fsm.InvalidEventError
		if errors.As(err, &invalid) {
			// The state is wrong: say so, with whatever else blocks it.
			return nil, blocked(ev.Label, append([]Blocker{t.stateBlocker(s, ev)}, t.allBlockers(ctx, s, ev, in)...))
		}
		return nil, fmt.Errorf("workflow %s/%d %s: %w", t.d.Name, s.ID, ev.Name, err)
	}
	from, to := s.State, m.Current()
	if err := tx.SetState(ctx, t.d.Table, s.ID, from, to, s.Version); err != nil {
		return nil, err
	}
	return t.written(ctx, tx, s, ev, in, from, to)
}

// written applies the event's side effects and records it, once the state
// has changed.
func (t *typed[P]) written(ctx context.Context, tx *store.Tx, s *Subject[P], ev *Event[P], in Input, from, to string) (*Transition, error) {
	if ev.Apply != nil {
		if err := ev.Apply(ctx, tx, s, in, effects{t.e, tx}); err != nil {
			return nil, err
		}
	}
	rel := s.Relations.Primary(t.e.policy.Holders(policy.Event(t.d.Name, ev.Name)))
	entry := auditEntry(t.d.Name, s.ID, ev.Name, from, to, s.Actor, rel, recorded(s, ev, in))
	if err := tx.AddAudit(ctx, entry); err != nil {
		return nil, err
	}
	t.e.committed(tx, t.d.Name, ev.Name, 1)
	if ev.Notify != nil {
		msgs, err := ev.Notify(s, in)
		if err != nil {
			return nil, fmt.Errorf("notifications : %w", err)
		}
		if err := tx.Enqueue(ctx, msgs...); err != nil {
			return nil, fmt.Errorf("notifications : %w", err)
		}
	}
	return &Transition{SubjectType: t.d.Name, SubjectID: s.ID, Event: ev.Name, From: from, To: to, Version: s.Version + 1, At: entry.CreatedAt}, nil
}

// fireAll fires an event on many subjects as the platform, in the caller's
// transaction: each is checked like a single transition (state by looplab,
// policy, guards) and any refusal refuses them all; the state changes, the
// audit rows and the messages are then written in bulk.
func (t *typed[P]) fireAll(ctx context.Context, tx *store.Tx, ids []int64, event string, in Input) ([]*Transition, error) {
	ev, err := t.event(event)
	if err != nil {
		return nil, err
	}
	who := policy.Platform()
	loaded, err := t.loadMany(ctx, tx, ids, who)
	if err != nil {
		return nil, err
	}
	byFrom := map[string][]int64{}
	subjects := make([]*Subject[P], 0, len(loaded))
	for _, l := range loaded {
		s := t.subject(tx, l, who)
		m := t.machine(s.State, nil)
		if !m.Can(ev.Name) {
			return nil, blocked(ev.Label, []Blocker{t.stateBlocker(s, ev)})
		}
		if bs := t.allBlockers(ctx, s, ev, in); len(bs) > 0 {
			return nil, blocked(ev.Label, bs)
		}
		byFrom[s.State] = append(byFrom[s.State], s.ID)
		subjects = append(subjects, s)
	}
	froms := make([]string, 0, len(byFrom))
	for f := range byFrom {
		froms = append(froms, f)
	}
	slices.Sort(froms)
	for _, from := range froms {
		if err := tx.SetStates(ctx, t.d.Table, byFrom[from], from, ev.To); err != nil {
			return nil, err
		}
	}
	rel := policy.System
	entries := make([]domain.AuditEntry, 0, len(subjects))
	var msgs []*domain.OutboxMessage
	out := make([]*Transition, 0, len(subjects))
	for _, s := range subjects {
		if ev.Apply != nil {
			if err := ev.Apply(ctx, tx, s, in, effects{t.e, tx}); err != nil {
				return nil, err
			}
		}
		entries = append(entries, *auditEntry(t.d.Name, s.ID, ev.Name, s.State, ev.To, who, rel, recorded(s, ev, in)))
		if ev.Notify != nil {
			m, err := ev.Notify(s, in)
			if err != nil {
				return nil, fmt.Errorf("notifications : %w", err)
			}
			msgs = append(msgs, m...)
		}
		out = append(out, &Transition{SubjectType: t.d.Name, SubjectID: s.ID, Event: ev.Name, From: s.State, To: ev.To, Version: s.Version + 1, At: s.Now})
	}
	if err := tx.AddAudits(ctx, entries); err != nil {
		return nil, err
	}
	t.e.committed(tx, t.d.Name, ev.Name, len(entries))
	if err := tx.Enqueue(ctx, msgs...); err != nil {
		return nil, fmt.Errorf("notifications : %w", err)
	}
	return out, nil
}

func (t *typed[P]) loadMany(ctx context.Context, tx *store.Tx, ids []int64, who policy.Principal) ([]*Loaded[P], error) {
	if t.d.LoadMany != nil {
		loaded, err := t.d.LoadMany(ctx, tx, ids)
		if err != nil {
			return nil, err
		}
		if len(loaded) != len(ids) {
			return nil, domain.Errorf(domain.EConflict, "Des éléments ont changé pendant l’opération : réessayez.")
		}
		return loaded, nil
	}
	out := make([]*Loaded[P], 0, len(ids))
	for _, id := range ids {
		l, err := t.d.Load(ctx, tx, id, who)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// comment is the audit row's comment: the actor's, or the event's summary
// of the input.
func comment[P any](s *Subject[P], ev *Event[P], in Input) string {
	if in.Comment == "" && ev.Summary != nil {
		return ev.Summary(s, in)
	}
	return in.Comment
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}
