package workflow

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// Engine fires the events of the registered definitions.
type Engine struct {
	store  *store.Store
	policy *policy.Policy
	logger *slog.Logger
	defs   map[string]lifecycle
	order  []string
	// observe is told of the transitions each transaction committed.
	observe func(lifecycle, event string, n int)
}

// Observe sets the function told, once their transaction has committed, of
// the transitions fired (n subjects of a lifecycle's event; cascades and
// timed events included): the server counts them for its metrics.
func (e *Engine) Observe(fn func(lifecycle, event string, n int)) { e.observe = fn }

// committed counts transitions when tx commits.
func (e *Engine) committed(tx *store.Tx, lifecycle, event string, n int) {
	if e.observe != nil && n > 0 {
		tx.AfterCommit(func() { e.observe(lifecycle, event, n) })
	}
}

// New returns an engine without definitions: register them with Register.
func New(st *store.Store, pol *policy.Policy, logger *slog.Logger) *Engine {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Engine{store: st, policy: pol, logger: logger, defs: map[string]lifecycle{}}
}

// Register validates a definition and adds it to the engine; a bad
// definition, or a second one of the same name, is refused.
func Register[P any](e *Engine, d *Definition[P]) error {
	if err := d.Validate(e.policy); err != nil {
		return err
	}
	if _, dup := e.defs[d.Name]; dup {
		return fmt.Errorf("workflow %s: registered twice", d.Name)
	}
	t := &typed[P]{d: d, e: e}
	t.buildMeta()
	e.defs[d.Name] = t
	e.order = append(e.order, d.Name)
	return nil
}

// Policy returns the policy the engine asks.
func (e *Engine) Policy() *policy.Policy { return e.policy }

// Lifecycles returns the registered definitions, in registration order.
func (e *Engine) Lifecycles() []*Meta {
	out := make([]*Meta, 0, len(e.order))
	for _, name := range e.order {
		out = append(out, e.defs[name].meta())
	}
	return out
}

// Lifecycle returns the description of a registered definition.
func (e *Engine) Lifecycle(name string) (*Meta, error) {
	lc, err := e.lifecycle(name)
	if err != nil {
		return nil, err
	}
	return lc.meta(), nil
}

func (e *Engine) lifecycle(name string) (lifecycle, error) {
	lc, ok := e.defs[name]
	if !ok {
		return nil, domain.Errorf(domain.ENotFound, "Cycle de vie inconnu : « %s ».", name)
	}
	return lc, nil
}

// Load reads a subject (in a short read-only transaction, without locks)
// with the person's relations to it.
func (e *Engine) Load(ctx context.Context, lifecycle string, id int64, who policy.Principal) (*Snapshot, error) {
	lc, err := e.lifecycle(lifecycle)
	if err != nil {
		return nil, err
	}
	var snap *Snapshot
	err = e.store.InReadTx(ctx, func(tx *store.Tx) error {
		snap, err = lc.snapshot(ctx, tx, id, who)
		return err
	})
	if err != nil {
		return nil, err
	}
	return snap, nil
}

// Actions returns, for every event leaving the subject's current state that
// the policy lets the person fire, what blocks it now (guards on input
// aside) and how to present it: the pages and the API show them as
// buttons, or greyed out with their reasons.
func (e *Engine) Actions(ctx context.Context, snap *Snapshot) ([]Action, error) {
	lc, err := e.lifecycle(snap.Type)
	if err != nil {
		return nil, err
	}
	return lc.actions(ctx, snap), nil
}

// Blockers lists every reason the person cannot fire the event now (nil if
// they can), guards on input included, checked against in.
func (e *Engine) Blockers(ctx context.Context, snap *Snapshot, event string, in Input) ([]Blocker, error) {
	lc, err := e.lifecycle(snap.Type)
	if err != nil {
		return nil, err
	}
	return lc.blockers(ctx, snap, event, in)
}

// Fire fires an event on a subject as who, atomically: the state change
// (refused with a conflict error if the subject changed since
// in.ExpectedVersion), the event's side effects, an audit row and the
// notifications are written in one transaction, or nothing is.
func (e *Engine) Fire(ctx context.Context, lifecycle string, id int64, event string, who policy.Principal, in Input) (*Transition, error) {
	lc, err := e.lifecycle(lifecycle)
	if err != nil {
		return nil, err
	}
	var t *Transition
	err = e.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		t, err = lc.fire(ctx, tx, id, event, who, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	e.logger.Info("transition", "subject", lifecycle, "id", id, "event", event, "from", t.From, "to", t.To, "actor", who.Label())
	return t, nil
}

// FireMany fires an event on several subjects as who, in one transaction:
// each is checked as Fire checks it (state, policy, guards, version when
// in.ExpectedVersion is set, for every one), and the first refusal refuses
// them all, as a *ManyError naming the subject. Staff's bulk decisions use
// it.
func (e *Engine) FireMany(ctx context.Context, lifecycle string, ids []int64, event string, who policy.Principal, in Input) ([]*Transition, error) {
	lc, err := e.lifecycle(lifecycle)
	if err != nil {
		return nil, err
	}
	out := make([]*Transition, 0, len(ids))
	err = e.store.InTx(ctx, func(tx *store.Tx) error {
		out = out[:0]
		for _, id := range ids {
			t, err := lc.fire(ctx, tx, id, event, who, in)
			if err != nil {
				return &ManyError{ID: id, Err: err}
			}
			out = append(out, t)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	e.logger.Info("transitions", "subject", lifecycle, "n", len(out), "event", event, "actor", who.Label())
	return out, nil
}

// ManyError is the refusal of one subject of a FireMany.
type ManyError struct {
	ID  int64
	Err error
}

func (m *ManyError) Error() string { return fmt.Sprintf("subject %d: %v", m.ID, m.Err) }
func (m *ManyError) Unwrap() error { return m.Err }

// Record writes, inside a caller's transaction, an audit row for a change
// that is not a transition (one of the definition's Records): the
// creation of a subject, a change of its dates.
func (e *Engine) Record(ctx context.Context, tx *store.Tx, lifecycle string, id int64, record, state string, who policy.Principal, rel policy.Relation, comment string) error {
	lc, err := e.lifecycle(lifecycle)
	if err != nil {
		return err
	}
	m := lc.meta()
	if _, ok := m.Records[record]; !ok {
		return fmt.Errorf("workflow %s: unknown record %q", lifecycle, record)
	}
	from := state
	if record == RecordCreate {
		from = ""
	}
	return tx.AddAudit(ctx, auditEntry(m.Name, id, record, from, state, who, rel, comment))
}

// RecordCreate is the record of a subject's creation, from no state to its
// initial one.
const RecordCreate = "creer"

// RecordDelete is the record of a subject's deletion (its personal data's
// retention ended, or its owner deleted their account): the last row of
// its chain in the audit trail, which outlives it.
const RecordDelete = "supprimer"

func auditEntry(lifecycle string, id int64, event, from, to string, who policy.Principal, rel policy.Relation, comment string) *domain.AuditEntry {
	entry := &domain.AuditEntry{
		SubjectType: lifecycle, SubjectID: id, Event: event, FromState: from, ToState: to,
		ActorLabel: who.Label(), Comment: strings.TrimSpace(comment),
	}
	if rel != 0 {
		entry.ActorRole = rel.Code()
	}
	if !who.System && who.UserID != 0 {
		uid := who.UserID
		entry.ActorID = &uid
	}
	return entry
}

// effects is the Effects of one transaction.
type effects struct {
	e  *Engine
	tx *store.Tx
}

func (fx effects) FireAll(ctx context.Context, name string, ids []int64, event string, in Input) ([]*Transition, error) {
	lc, err := fx.e.lifecycle(name)
	if err != nil {
		return nil, err
	}
	return lc.fireAll(ctx, fx.tx, ids, event, in)
}

func unknownEvent(m *Meta, event string) error {
	names := make([]string, len(m.Events))
	for i, e := range m.Events {
		names[i] = e.Name
	}
	return domain.Errorf(domain.ENotFound, "Action « %s » inconnue pour une %s (actions : %s).",
		event, strings.ToLower(m.Label), strings.Join(names, ", "))
}

// CommentField is the name of an event's comment among its fields, in the
// Fields of a refusal.
const CommentField = "commentaire"

// blocked is the refusal of an event: every reason in Details, and those
// about a field in Fields too, so that a form can show them by the field.
func blocked(label string, bs []Blocker) error {
	e := &domain.Error{Code: domain.EUnprocessable, Message: fmt.Sprintf("Action « %s » impossible.", label)}
	for _, b := range bs {
		e.Details = append(e.Details, b.Message)
		if b.Field != "" {
			if e.Fields == nil {
				e.Fields = map[string]string{}
			}
			e.Fields[b.Field] = b.Message
		}
	}
	return e
}

func conflict(m *Meta, state string) error {
	return &domain.Error{
		Code: domain.EConflict,
		Message: fmt.Sprintf("Quelqu’un a modifié ce dossier en même temps que vous (il est maintenant « %s ») : rechargez la page.",
			m.StateLabel(state)),
	}
}
