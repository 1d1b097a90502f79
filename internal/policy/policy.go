package policy

import (
	"fmt"
	"slices"

	"github.com/adullact/tnl/internal/domain"
)

// Action is something a person may do: a page or API route's purpose
// ("candidature.edit") or a lifecycle event ("candidature.deposer").
type Action string

// Event returns the action of a lifecycle event: "candidature.deposer".
func Event(lifecycle, event string) Action { return Action(lifecycle + "." + event) }

// Read returns the action of reading a lifecycle's subject: "candidature.read".
func Read(lifecycle string) Action { return Action(lifecycle + ".read") }

// Grant gives an action to some relations, on the subjects When accepts
// (all when nil).
type Grant struct {
	Who  Set
	When func(Facts) bool
	// Unless says, in French, what When requires, for the refusal message:
	// « le dossier n’est pas encore déposé ».
	Unless string
}

// Rule is an action's grants: the action is allowed when one of them is.
type Rule struct {
	Grants []Grant
	// Refusal is the French message of a refusal (default: « Vous n’avez
	// pas accès à cette page. »).
	Refusal string
}

// To is a rule granting the action to the relations, always.
func To(rels ...Relation) Rule { return Rule{Grants: []Grant{{Who: Of(rels...)}}} }

// Refusing returns the rule with the message of its refusals.
func (r Rule) Refusing(msg string) Rule {
	r.Refusal = msg
	return r
}

// Table maps actions to their rules.
type Table map[Action]Rule

// Policy decides with one table.
type Policy struct {
	table Table
}

// New returns a policy over the union of the tables; an action given twice
// is refused.
func New(tables ...Table) (*Policy, error) {
	merged := Table{}
	for _, t := range tables {
		for a, r := range t {
			if _, dup := merged[a]; dup {
				return nil, fmt.Errorf("policy: action %q declared twice", a)
			}
			if len(r.Grants) == 0 {
				return nil, fmt.Errorf("policy: action %q grants nothing", a)
			}
			merged[a] = r
		}
	}
	return &Policy{table: merged}, nil
}

// Default returns tnl's policy.
func Default() *Policy {
	p, err := New(Tables()...)
	if err != nil {
		// The tables are constants of this package; TestDefaultPolicy
		// loads them.
		panic(err)
	}
	return p
}

// Knows reports whether the action has a rule.
func (p *Policy) Knows(a Action) bool {
	_, ok := p.table[a]
	return ok
}

// Actions lists every action of the table, sorted.
func (p *Policy) Actions() []Action {
	out := make([]Action, 0, len(p.table))
	for a := range p.table {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Holders returns every relation that some grant of the action names.
func (p *Policy) Holders(a Action) Set {
	var s Set
	for _, g := range p.table[a].Grants {
		s |= g.Who
	}
	return s
}

// Allows reports whether a person with these relations may do the action
// on a subject with these facts.
func (p *Policy) Allows(a Action, rels Set, f Facts) bool {
	for _, g := range p.table[a].Grants {
		if rels.Any(g.Who) && (g.When == nil || g.When(f)) {
			return true
		}
	}
	return false
}

// Decide returns nil when the action is allowed, otherwise the error to
// show: unauthorised (sign in) for an anonymous visitor, forbidden for
// anybody else, with the reason when a grant's condition failed. An action
// without a rule is refused as an internal error: every route and event
// must be in the table (the tests check it).
func (p *Policy) Decide(a Action, rels Set, f Facts) error {
	rule, ok := p.table[a]
	if !ok {
		return &domain.Error{Code: domain.EInternal, Message: "Action non prévue par la politique d’accès.", Err: fmt.Errorf("policy: no rule for %q", a)}
	}
	if p.Allows(a, rels, f) {
		return nil
	}
	if rels == Of(Public) {
		return domain.Errorf(domain.EUnauthorized, "Connectez-vous pour continuer.")
	}
	if f.Conflicted {
		// A conflict of interest is never shown: the subject does not
		// exist for the conflicted juror (HotCRP's rule).
		return domain.Errorf(domain.ENotFound, "Élément introuvable.")
	}
	for _, g := range rule.Grants {
		if rels.Any(g.Who) && g.Unless != "" {
			return domain.Errorf(domain.EForbidden, "Pas encore possible : %s.", g.Unless)
		}
	}
	if rule.Refusal != "" {
		return domain.Errorf(domain.EForbidden, "%s", rule.Refusal)
	}
	return domain.Errorf(domain.EForbidden, "Vous n’avez pas accès à cette page.")
}

// ReservedTo says in French who may do the action: « à l’élu référent »,
// « au jury ou à l’équipe ADULLACT ».
func (p *Policy) ReservedTo(a Action) string {
	var parts []string
	for _, r := range p.Holders(a).Relations() {
		parts = append(parts, r.info().toWho)
	}
	switch len(parts) {
	case 0:
		return "à personne"
	case 1:
		return parts[0]
	}
	out := parts[0]
	for i, s := range parts[1:] {
		if i == len(parts)-2 {
			out += " ou " + s
		} else {
			out += ", " + s
		}
	}
	return out
}

// String returns the action's name.
func (a Action) String() string { return string(a) }
