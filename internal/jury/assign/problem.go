package assign

import (
	"errors"
	"fmt"
)

// Problem is one assignment to compute. Jurors and ProfileCost are indexed
// alike: ProfileCost[j][q] is what juror Jurors[j] costs on a candidature of
// profile q (negative or low: wanted; high: avoided). Every row has the same
// length, the number of profiles.
type Problem struct {
	Candidatures []Candidature
	Jurors       []Juror
	ProfileCost  [][]int64
	// Conflicts are pairs that are never assigned. Both IDs must be known;
	// a pair listed twice counts once.
	Conflicts []Pair
	// Previous is the assignment of an earlier run. A pair whose juror or
	// candidature is gone, or that is now conflicted, is dropped (reported in
	// Result.DroppedPairs); the others are kept unless balance or coverage
	// needs them moved.
	Previous []Pair
}

// Candidature is one dossier to evaluate.
type Candidature struct {
	ID      int64
	Need    int // number of distinct jurors wanted (k_i), usually 3
	Profile int // index into the rows of ProfileCost
}

// Juror is one member of the jury.
type Juror struct {
	ID  int64
	Max int // maximum load; 0 means no maximum
}

// Pair is one juror evaluating one candidature, by IDs.
type Pair struct {
	Candidature int64
	Juror       int64
}

// MaxPreferenceCost bounds |ProfileCost| so that the lexicographic weights
// fit in 64-bit integers (see Weights).
const MaxPreferenceCost = 1_000_000

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("problème d’affectation invalide")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w : %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// DropReason tells why a previous pair could not be kept at all.
type DropReason int

const (
	// DropConflict: the pair is conflicted now.
	DropConflict DropReason = iota + 1
	// DropJurorGone: the juror is no longer in the jury.
	DropJurorGone
	// DropCandidatureGone: the candidature is no longer to evaluate.
	DropCandidatureGone
)

// String is the French text shown to users.
func (r DropReason) String() string {
	switch r {
	case DropConflict:
		return "conflit d’intérêts déclaré depuis"
	case DropJurorGone:
		return "juré retiré du jury"
	case DropCandidatureGone:
		return "candidature retirée"
	}
	return "raison inconnue"
}

// DroppedPair is a previous pair that is no longer valid.
type DroppedPair struct {
	Pair   Pair
	Reason DropReason
}
