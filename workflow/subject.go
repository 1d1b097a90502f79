package workflow

import (
	"context"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// Subject is what a transition applies to, as loaded inside the transaction.
type Subject struct {
	Type    string
	ID      int64
	State   string
	Version int
	Now     time.Time

	Campaign *domain.Campaign

	// Candidature subjects only.
	Candidature   *domain.Candidature
	Collectivite  *domain.Collectivite
	Members       []store.Member
	Answers       questionnaire.Answers
	Questionnaire *questionnaire.Questionnaire

	// Campaign subjects only: candidatures per state.
	Counts map[string]int
}

// Actor is who fires an event.
type Actor struct {
	UserID      int64
	Email       string
	AccountRole string // domain.RoleMember, RoleJury or RoleStaff
	System      bool

	// Roles is filled by the engine: the roles the actor holds on the subject.
	Roles []Role
}

// SystemActor is the platform itself: the scheduler, cascades.
func SystemActor() Actor { return Actor{System: true, Email: "plateforme"} }

// UserActor returns the actor for an account.
func UserActor(u *domain.User) Actor {
	return Actor{UserID: u.ID, Email: u.Email, AccountRole: u.Role}
}

// Has reports whether the actor holds role r on the subject.
func (a *Actor) Has(r Role) bool {
	for _, x := range a.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Input is what an actor supplies when firing an event.
type Input struct {
	// ExpectedVersion is the subject's version the actor saw; a different
	// stored version means someone changed it first (conflict). 0 skips the
	// check.
	ExpectedVersion int
	Comment         string

	// Submission (candidature "deposer").
	Attest     bool
	EluName    string
	EluMandate string

	// Deliberation (candidature "deliberer"). Level 0 means no level.
	Level      *int
	Motivation string
	Mentions   []string

	// Prepare, when set, runs first in the transition's transaction, before
	// the subject is loaded and its guards run: writes that must commit
	// with the transition or not at all (the élu's attestation answers
	// with the deposit).
	Prepare func(ctx context.Context, tx *store.Tx) error
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
	Code    string // "state", "role" or the guard's name
	Message string
}
