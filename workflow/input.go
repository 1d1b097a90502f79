package workflow

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/cleantext"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// Input is what an actor supplies when firing an event.
type Input struct {
	// ExpectedVersion is the subject's version the actor saw; a different
	// stored version means someone changed it first (conflict). 0 skips the
	// check.
	ExpectedVersion int
	// Comment is recorded in the audit trail.
	Comment string
	// Values are the event's fields (Presentation.Fields), by name.
	Values url.Values
	// Prepare, when set, runs first in the transition's transaction, before
	// the subject is loaded and its guards run: writes that must commit
	// with the transition or not at all (the élu's attestation answers
	// with the deposit).
	Prepare func(ctx context.Context, tx *store.Tx) error
}

// Value returns a field's value, trimmed, without bidirectional controls
// (cleantext.StripBidi: a name shown must read as stored).
func (in Input) Value(name string) string {
	return cleantext.StripBidi(strings.TrimSpace(in.Values.Get(name)))
}

// Bool reports whether a checkbox field is ticked.
func (in Input) Bool(name string) bool {
	switch strings.ToLower(in.Value(name)) {
	case "true", "oui", "on", "1", "yes":
		return true
	}
	return false
}

// Lines returns a list field's items: every value, split at line breaks,
// trimmed, empty ones dropped.
func (in Input) Lines(name string) []string {
	out := []string{}
	for _, v := range in.Values[name] {
		for _, line := range strings.Split(v, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// Choices returns the values ticked in a FieldChoices field, trimmed,
// empty ones dropped.
func (in Input) Choices(name string) []string {
	out := []string{}
	for _, v := range in.Values[name] {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// With returns a copy of in with a field set.
func (in Input) With(name string, values ...string) Input {
	v := url.Values{}
	for k, vs := range in.Values {
		v[k] = vs
	}
	v[name] = values
	in.Values = v
	return in
}

// Transition is a fired event, as persisted.
type Transition struct {
	SubjectType string
	SubjectID   int64
	Event       string
	From, To    string
	Version     int
	At          time.Time
}

// Blocker is one reason an event cannot be fired now.
type Blocker struct {
	Code    string // "state", "role", "field" or the guard's name
	Message string
	// Field names the input field a "field" blocker is about.
	Field string
}

// Snapshot is a subject as a person sees it now: read in a short read-only
// transaction, with the person's relations to it.
type Snapshot struct {
	Type       string
	ID         int64
	State      string
	StateLabel string
	Version    int
	Relations  policy.Set
	Facts      policy.Facts
	// Payload is the definition's typed payload (a pointer).
	Payload any

	subject any // *Subject[P], for the guards
}

// Action is an event leaving the subject's state that the person may fire,
// with what blocks it now and how to present it.
type Action struct {
	Event    string
	Label    string
	Show     Presentation
	Choices  map[string][]Choice
	Defaults url.Values // the values its form starts from, if any
	Blockers []Blocker
}

// Allowed reports whether nothing blocks the action.
func (a Action) Allowed() bool { return len(a.Blockers) == 0 }

// Effects lets an event's Apply fire events on other subjects in the same
// transaction, as the platform: a campaign publishing its candidatures.
type Effects interface {
	FireAll(ctx context.Context, lifecycle string, ids []int64, event string, in Input) ([]*Transition, error)
}
