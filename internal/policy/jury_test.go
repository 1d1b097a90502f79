package policy_test

import (
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
)

// The visibility matrix of the other jurors' evaluations: a juror before
// and after submitting their own, under each setting; a jury member not
// assigned; a conflicted juror; the collectivité; staff; the president.
func TestOthersEvaluationsVisible(t *testing.T) {
	t.Parallel()
	user := policy.Principal{UserID: 7}
	staff := policy.Principal{UserID: 8, Staff: true}
	juror := policy.Relations(user, policy.Facts{Seat: domain.SeatMember, Assigned: true})
	member := policy.Relations(user, policy.Facts{Seat: domain.SeatMember})
	conflicted := policy.Relations(user, policy.Facts{Seat: domain.SeatMember, Assigned: true, Conflicted: true})
	elu := policy.Relations(user, policy.Facts{Member: domain.MemberElu, Seat: domain.SeatMember, Assigned: true})
	president := policy.Relations(user, policy.Facts{Seat: domain.SeatPresident})
	staffRels := policy.Relations(staff, policy.Facts{})
	type seen struct{ never, after, always bool }
	tests := []struct {
		name         string
		rels         policy.Set
		ownSubmitted bool
		want         seen
	}{
		{"juror before submitting", juror, false, seen{false, false, true}},
		{"juror after submitting", juror, true, seen{false, true, true}},
		{"jury member not assigned", member, false, seen{false, false, true}},
		{"conflicted juror", conflicted, true, seen{false, false, false}},
		{"collectivité", elu, true, seen{false, false, false}},
		{"staff", staffRels, false, seen{true, true, true}},
		{"president", president, false, seen{true, true, true}},
	}
	for _, tt := range tests {
		got := seen{
			policy.OthersEvaluationsVisible(tt.rels, domain.VisibilityNever, tt.ownSubmitted),
			policy.OthersEvaluationsVisible(tt.rels, domain.VisibilityAfterOwn, tt.ownSubmitted),
			policy.OthersEvaluationsVisible(tt.rels, domain.VisibilityAlways, tt.ownSubmitted),
		}
		if got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// A conflicted juror is refused with « not found », never « forbidden »:
// the conflict is not shown. The author of an evaluation is its evaluator.
func TestConflictedIsNotFoundAndEvaluator(t *testing.T) {
	t.Parallel()
	pol := policy.Default()
	user := policy.Principal{UserID: 7}
	facts := policy.Facts{Seat: domain.SeatMember, Assigned: true, Conflicted: true}
	err := pol.Decide(policy.CandidatureRead, policy.Relations(user, facts), facts)
	if domain.ErrorCode(err) != domain.ENotFound {
		t.Errorf("conflicted juror reading the candidature: %v", err)
	}
	author := policy.Facts{Seat: domain.SeatMember, Assigned: true, Author: true}
	rels := policy.Relations(user, author)
	if !rels.Has(policy.Evaluator) || pol.Decide(policy.EvaluationEdit, rels, author) != nil {
		t.Errorf("the author %s may not edit their evaluation", rels)
	}
	other := policy.Facts{Seat: domain.SeatMember, Assigned: true}
	if err := pol.Decide(policy.EvaluationEdit, policy.Relations(user, other), other); domain.ErrorCode(err) != domain.EForbidden {
		t.Errorf("another juror edits the evaluation: %v", err)
	}
	if policy.Relations(user, policy.Facts{Author: true}).Has(policy.Evaluator) {
		t.Error("an author without a seat is an evaluator")
	}
}
