package policy_test

import (
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
)

func TestAmbassadeurRelations(t *testing.T) {
	t.Parallel()
	user := policy.Principal{UserID: 7, Email: "x@exemple.fr"}
	contact := policy.ContactOf(policy.Principal{}, "visite", 4, "maire@commune.fr")
	base := policy.Of(policy.Public, policy.SignedIn)
	tests := []struct {
		name  string
		who   policy.Principal
		facts policy.Facts
		want  policy.Set
	}{
		{"ambassadeur of a routed GULL", user, policy.Facts{GullRole: domain.GullAmbassadeur}, base.With(policy.Ambassadeur)},
		{"coordinator", user, policy.Facts{GullRole: domain.GullCoordinateur}, base.With(policy.Ambassadeur).With(policy.Coordinator)},
		{"ambassadeur in charge", user, policy.Facts{GullRole: domain.GullAmbassadeur, TookVisit: true}, base.With(policy.Ambassadeur).With(policy.InCharge)},
		{"in charge after leaving the GULL", user, policy.Facts{TookVisit: true}, base.With(policy.InCharge)},
		{"contact without an account", contact, policy.Facts{Contact: true}, policy.Of(policy.Public, policy.Contact)},
		{"contact signed in", policy.ContactOf(user, "visite", 4, ""), policy.Facts{Contact: true}, base.With(policy.Contact)},
		{"anonymous is no ambassadeur", policy.Principal{}, policy.Facts{GullRole: domain.GullCoordinateur, TookVisit: true}, policy.Of(policy.Public)},
		{"partner", user, policy.Facts{Partner: true}, base.With(policy.Partner)},
		{"platform", policy.Platform(), policy.Facts{GullRole: domain.GullAmbassadeur, Contact: true}, policy.Of(policy.System)},
	}
	for _, tt := range tests {
		if got := policy.Relations(tt.who, tt.facts); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestContactPrincipal(t *testing.T) {
	t.Parallel()
	c := policy.ContactOf(policy.Principal{}, "visite", 9, "maire@commune.fr")
	if !c.Opens("visite", 9) || c.Opens("visite", 8) || c.Opens("gull", 9) {
		t.Errorf("Opens: %+v", c.Link)
	}
	if !c.Anonymous() || c.Label() != "maire@commune.fr" {
		t.Errorf("a contact without an account is anonymous, named by the address: %v %q", c.Anonymous(), c.Label())
	}
	if (policy.Principal{}).Opens("", 0) {
		t.Error("nobody opens a link by default")
	}
	signed := policy.ContactOf(policy.Principal{UserID: 3, Email: "elu@commune.fr"}, "visite", 9, "autre@commune.fr")
	if signed.Label() != "elu@commune.fr" {
		t.Errorf("a signed-in contact keeps their account's address: %q", signed.Label())
	}
}

func TestAmbassadeurRules(t *testing.T) {
	t.Parallel()
	pol := policy.Default()
	amb := policy.Of(policy.Public, policy.SignedIn, policy.Ambassadeur)
	inCharge := amb.With(policy.InCharge)
	coord := amb.With(policy.Coordinator)
	contact := policy.Of(policy.Public, policy.Contact)
	staff := policy.Of(policy.Public, policy.SignedIn, policy.Staff)
	member := policy.Of(policy.Public, policy.SignedIn)
	partner := member.With(policy.Partner)
	tests := []struct {
		action policy.Action
		rels   policy.Set
		code   string
		msg    string
	}{
		{policy.Event("visite", "prendre"), amb, "", ""},
		{policy.Event("visite", "prendre"), member, domain.EForbidden, ""},
		{policy.Event("visite", "decliner"), amb, "", ""},
		{policy.Event("visite", "confirmer"), contact, "", ""},
		{policy.Event("visite", "confirmer"), amb, domain.EForbidden, ""},
		{policy.Event("visite", "liberer"), inCharge, "", ""},
		{policy.Event("visite", "liberer"), coord, "", ""},
		{policy.Event("visite", "liberer"), amb, domain.EForbidden, ""},
		{policy.Event("visite", "fixer_rendez_vous"), amb, domain.EForbidden, ""},
		{policy.Event("visite", "rendre_compte"), inCharge, "", ""},
		{policy.Event("visite", "clore_sans_suite"), contact, "", ""},
		{policy.Event("visite", "relancer"), policy.Of(policy.System), "", ""},
		{policy.Event("visite", "relancer"), staff, domain.EForbidden, ""},
		{policy.Event("visite", "alerter"), policy.Of(policy.System), "", ""},
		{policy.Read("visite"), member, domain.EForbidden, "ambassadeurs des GULL concernés"},
		{policy.Read("visite"), policy.Of(policy.Public), domain.EUnauthorized, ""},
		{policy.VisiteReport, amb, domain.EForbidden, "ambassadeur en charge"},
		{policy.GullManage, coord, "", ""},
		{policy.GullManage, amb, domain.EForbidden, "coordination du GULL"},
		{policy.GullDashboard, amb, "", ""},
		{policy.Event("gull", "valider"), coord, domain.EForbidden, ""},
		{policy.Event("gull", "valider"), staff, "", ""},
		{policy.Event("gull", "suspendre"), coord, "", ""},
		{policy.AmbassadeurTools, amb, "", ""},
		{policy.AmbassadeurTools, member, domain.EForbidden, "GULL validés"},
		{policy.Read("courrier"), partner, "", ""},
		{policy.Read("courrier"), amb, domain.EForbidden, "partenaire"},
		{policy.Event("courrier", "relancer"), policy.Of(policy.System), "", ""},
		{policy.CourrierList, partner, domain.EForbidden, ""},
		{policy.VisiteAsk, policy.Of(policy.Public), "", ""},
		{policy.StaffAmbassadeurs, coord, domain.EForbidden, ""},
	}
	for _, tt := range tests {
		err := pol.Decide(tt.action, tt.rels, policy.Facts{})
		if domain.ErrorCode(err) != tt.code || !strings.Contains(domain.ErrorMessage(err), tt.msg) {
			t.Errorf("%s by %s: %v, want %q %q", tt.action, tt.rels, err, tt.code, tt.msg)
		}
	}
	if !policy.SeesVisitContact(inCharge) || !policy.SeesVisitContact(coord) || policy.SeesVisitContact(amb) {
		t.Error("only the ambassadeur in charge, the coordination, staff and the contact see the contact's details")
	}
	if policy.SeesReportNotes(policy.Of(policy.Public)) || !policy.SeesReportNotes(amb) {
		t.Error("the notes of the reports are for the ambassadeurs")
	}
	if got := pol.ReservedTo(policy.Event("visite", "prendre")); got != "aux ambassadeurs des GULL concernés" {
		t.Errorf("ReservedTo = %q", got)
	}
	if got := inCharge.Primary(pol.Holders(policy.Event("visite", "liberer"))); got != policy.InCharge {
		t.Errorf("the ambassadeur in charge acts as such, not as %s", got.Code())
	}
}
