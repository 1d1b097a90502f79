package policy_test

import (
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
)

func TestRelations(t *testing.T) {
	t.Parallel()
	user := policy.Principal{UserID: 7, Email: "x@exemple.fr"}
	staff := policy.Principal{UserID: 8, Email: "s@exemple.fr", Staff: true}
	tests := []struct {
		name  string
		who   policy.Principal
		facts policy.Facts
		want  policy.Set
	}{
		{"anonymous", policy.Principal{}, policy.Facts{}, policy.Of(policy.Public)},
		{"platform", policy.Platform(), policy.Facts{Member: domain.MemberElu}, policy.Of(policy.System)},
		{"signed in", user, policy.Facts{}, policy.Of(policy.Public, policy.SignedIn)},
		{"operator", policy.Operator("alice"), policy.Facts{}, policy.Of(policy.Public, policy.SignedIn, policy.Staff)},
		{"élu", user, policy.Facts{Member: domain.MemberElu}, policy.Of(policy.Public, policy.SignedIn, policy.Elu)},
		{"accompagnateur", user, policy.Facts{Member: domain.MemberAccompagnateur}, policy.Of(policy.Public, policy.SignedIn, policy.Accompagnateur)},
		{"jury member", user, policy.Facts{Seat: domain.SeatMember}, policy.Of(policy.Public, policy.SignedIn, policy.Jury)},
		{"assigned juror", user, policy.Facts{Seat: domain.SeatMember, Assigned: true}, policy.Of(policy.Public, policy.SignedIn, policy.Jury, policy.Juror)},
		{"president", user, policy.Facts{Seat: domain.SeatPresident}, policy.Of(policy.Public, policy.SignedIn, policy.Jury, policy.President)},
		{"assigned without a seat is nobody", user, policy.Facts{Assigned: true}, policy.Of(policy.Public, policy.SignedIn)},
		// One does not judge what one wrote.
		{"élu seated in the jury", user, policy.Facts{Member: domain.MemberElu, Seat: domain.SeatMember, Assigned: true}, policy.Of(policy.Public, policy.SignedIn, policy.Elu)},
		{"accompagnateur seated in the jury", user, policy.Facts{Member: domain.MemberAccompagnateur, Seat: domain.SeatPresident}, policy.Of(policy.Public, policy.SignedIn, policy.Accompagnateur)},
		{"conflicted juror", user, policy.Facts{Seat: domain.SeatMember, Assigned: true, Conflicted: true}, policy.Of(policy.Public, policy.SignedIn)},
		{"staff in the jury", staff, policy.Facts{Seat: domain.SeatMember}, policy.Of(policy.Public, policy.SignedIn, policy.Staff, policy.Jury)},
	}
	for _, tt := range tests {
		if got := policy.Relations(tt.who, tt.facts); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestDefaultPolicyDecides(t *testing.T) {
	t.Parallel()
	pol := policy.Default()
	elu := policy.Of(policy.Public, policy.SignedIn, policy.Elu)
	gull := policy.Of(policy.Public, policy.SignedIn, policy.Accompagnateur)
	jury := policy.Of(policy.Public, policy.SignedIn, policy.Jury)
	staff := policy.Of(policy.Public, policy.SignedIn, policy.Staff)
	anonymous := policy.Of(policy.Public)
	tests := []struct {
		action policy.Action
		rels   policy.Set
		code   string // "" when allowed
		msg    string
	}{
		{policy.CandidatureEdit, elu, "", ""},
		{policy.CandidatureEdit, gull, "", ""},
		{policy.CandidatureEdit, jury, domain.EForbidden, "Seuls l’élu référent"},
		{policy.CandidatureSubmit, gull, domain.EForbidden, "Seul l’élu référent dépose"},
		{policy.CandidatureRead, jury, "", ""},
		{policy.CandidatureRead, policy.Of(policy.Public, policy.SignedIn), domain.EForbidden, "ne participez pas"},
		{policy.CandidatureRead, anonymous, domain.EUnauthorized, "Connectez-vous"},
		{policy.Event("candidature", "deposer"), elu, "", ""},
		{policy.Event("candidature", "deposer"), staff, domain.EForbidden, ""},
		{policy.Event("candidature", "publier"), policy.Of(policy.System), "", ""},
		{policy.Event("campagne", "clore"), policy.Of(policy.System), "", ""},
		{policy.OutboxRead, staff, "", ""},
		{policy.OutboxRead, jury, domain.EForbidden, "équipe ADULLACT"},
		{policy.OutboxRetry, staff, "", ""},
		{policy.OutboxRetry, jury, domain.EForbidden, "équipe ADULLACT"},
		{policy.PublicPage, anonymous, "", ""},
		{"inconnue.action", staff, domain.EInternal, ""},
	}
	for _, tt := range tests {
		err := pol.Decide(tt.action, tt.rels, policy.Facts{})
		if domain.ErrorCode(err) != tt.code || !strings.Contains(domain.ErrorMessage(err), tt.msg) {
			t.Errorf("%s by %s: %v, want %q %q", tt.action, tt.rels, err, tt.code, tt.msg)
		}
	}
	if got := pol.ReservedTo(policy.Event("candidature", "demander_complement")); got != "à l’équipe ADULLACT ou au jury" {
		t.Errorf("ReservedTo = %q", got)
	}
}

func TestGrantsWithConditions(t *testing.T) {
	t.Parallel()
	pol, err := policy.New(policy.Table{
		"lire": {Grants: []policy.Grant{
			{Who: policy.Of(policy.Elu)},
			{Who: policy.Of(policy.Jury), When: func(f policy.Facts) bool { return !f.Draft }, Unless: "le dossier n’est pas encore déposé"},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	jury := policy.Of(policy.SignedIn, policy.Jury)
	if pol.Allows("lire", jury, policy.Facts{Draft: true}) || !pol.Allows("lire", jury, policy.Facts{}) {
		t.Error("the condition is not applied")
	}
	if err := pol.Decide("lire", jury, policy.Facts{Draft: true}); !strings.Contains(domain.ErrorMessage(err), "pas encore déposé") {
		t.Errorf("refusal %v", err)
	}
	if _, err := policy.New(policy.Table{"a": policy.To(policy.Staff)}, policy.Table{"a": policy.To(policy.Elu)}); err == nil {
		t.Error("an action declared twice was accepted")
	}
	if _, err := policy.New(policy.Table{"a": {}}); err == nil {
		t.Error("an action granting nothing was accepted")
	}
}

// The level is seen by reviewers once decided, by everybody once
// published; the reviewers' names by reviewers only.
func TestLevelAndReviewerVisibility(t *testing.T) {
	t.Parallel()
	elu := policy.Of(policy.SignedIn, policy.Elu)
	for _, r := range []policy.Relation{policy.Staff, policy.Jury, policy.Juror, policy.President} {
		rels := policy.Of(policy.SignedIn, r)
		if !policy.LevelVisible(rels, policy.Facts{Decided: true}) || policy.LevelVisible(rels, policy.Facts{}) {
			t.Errorf("%s: level visibility", r.Code())
		}
		if !policy.SeesReviewers(rels) {
			t.Errorf("%s does not see the reviewers", r.Code())
		}
	}
	if policy.LevelVisible(elu, policy.Facts{Decided: true}) || !policy.LevelVisible(elu, policy.Facts{Decided: true, Published: true}) {
		t.Error("the élu sees the level before the publication, or not after")
	}
	if policy.SeesReviewers(elu) {
		t.Error("the élu sees the reviewers' names")
	}
	trail := []domain.AuditEntry{{ActorRole: "staff", ActorLabel: "s@exemple.fr"}, {ActorRole: "elu", ActorLabel: "e@exemple.fr"}, {ActorRole: "jure", ActorLabel: "j@exemple.fr"}}
	seen := policy.HistoryAsSeen(elu, trail)
	if seen[0].ActorLabel != "Équipe ADULLACT" || seen[1].ActorLabel != "e@exemple.fr" || seen[2].ActorLabel != "Juré" {
		t.Errorf("history as the élu sees it: %+v", seen)
	}
}
