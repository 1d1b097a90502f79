package policy

import (
	"strings"

	"github.com/adullact/tnl/internal/domain"
)

// Relation is one way a person stands towards a subject.
type Relation uint32

// The relations. Public holds for everybody, SignedIn for any account; the
// others depend on the subject.
const (
	Public         Relation = 1 << iota // anybody, signed in or not
	SignedIn                            // any account: élus, GULL members, agents, jurors
	Staff                               // ADULLACT staff
	Elu                                 // the élu référent of the candidature
	Accompagnateur                      // a person the élu invited to fill the candidature in
	Jury                                // a member of the jury of the subject's campaign
	Juror                               // a juror assigned to evaluate this candidature
	President                           // the president of the jury of the subject's campaign
	Evaluator                           // the juror whose evaluation the subject is
	System                              // the platform itself: scheduler, cascades
	Ambassadeur                         // a member of the GULL, or of a GULL the visit request is routed to
	Coordinator                         // a coordinator of that GULL
	InCharge                            // the ambassadeur who took the visit request
	Contact                             // the mairie's contact, through the personal link of the request
	Partner                             // the partner of the mailing campaign (association of mayors, centre de gestion)
)

// relationInfo names a relation: its code (stored in the audit trail), its
// title (« Élu référent »), how a sentence names it and how « réservé à … »
// does.
type relationInfo struct {
	rel                      Relation
	code, title, name, toWho string
}

var relationInfos = []relationInfo{
	{Public, "public", "Public", "tout le monde", "à tout le monde"},
	{SignedIn, "membre", "Personne connectée", "une personne connectée", "aux personnes connectées"},
	{Staff, "staff", "Équipe ADULLACT", "l’équipe ADULLACT", "à l’équipe ADULLACT"},
	{Elu, "elu", "Élu référent", "l’élu référent", "à l’élu référent"},
	{Accompagnateur, "accompagnateur", "Accompagnateur", "un accompagnateur", "aux accompagnateurs"},
	{Jury, "jury", "Jury", "le jury", "au jury"},
	{Juror, "jure", "Juré", "un juré assigné", "aux jurés assignés à la candidature"},
	{President, "president", "Présidence du jury", "la présidence du jury", "à la présidence du jury"},
	{Evaluator, "evaluateur", "Auteur de l’évaluation", "l’auteur de l’évaluation", "à l’auteur de l’évaluation"},
	{System, "system", "Plateforme", "la plateforme", "à la plateforme"},
	{Ambassadeur, "ambassadeur", "Ambassadeur du libre", "un ambassadeur du GULL", "aux ambassadeurs des GULL concernés"},
	{Coordinator, "coordinateur", "Coordination du GULL", "la coordination du GULL", "à la coordination du GULL"},
	{InCharge, "ambassadeur_en_charge", "Ambassadeur en charge", "l’ambassadeur en charge", "à l’ambassadeur en charge de la visite"},
	{Contact, "contact", "Contact de la mairie", "le contact de la mairie", "au contact de la mairie"},
	{Partner, "partenaire", "Partenaire", "le partenaire de la campagne", "au partenaire de la campagne"},
}

func (r Relation) info() relationInfo {
	for _, i := range relationInfos {
		if i.rel == r {
			return i
		}
	}
	return relationInfo{rel: r, code: "?", title: "?", name: "?", toWho: "?"}
}

// Code is the relation's stable code, as the audit trail records it.
func (r Relation) Code() string { return r.info().code }

// Title is the relation's French title: « Élu référent ».
func (r Relation) Title() string { return r.info().title }

// Name is how a French sentence names the relation: « l’élu référent ».
func (r Relation) Name() string { return r.info().name }

// RelationByCode returns the relation with this code.
func RelationByCode(code string) (Relation, bool) {
	for _, i := range relationInfos {
		if i.code == code {
			return i.rel, true
		}
	}
	return 0, false
}

// TitleOf returns the French title of a relation code as stored in the
// audit trail (« Équipe ADULLACT » for "staff"), or the code itself.
func TitleOf(code string) string {
	if r, ok := RelationByCode(code); ok {
		return r.Title()
	}
	return code
}

// Set is a set of relations.
type Set uint32

// Of returns the set of the given relations.
func Of(rels ...Relation) Set {
	var s Set
	for _, r := range rels {
		s |= Set(r)
	}
	return s
}

// Has reports whether the set holds r.
func (s Set) Has(r Relation) bool { return s&Set(r) != 0 }

// Any reports whether the two sets share a relation.
func (s Set) Any(o Set) bool { return s&o != 0 }

// With returns the set with r added.
func (s Set) With(r Relation) Set { return s | Set(r) }

// Relations lists the set's relations in declaration order.
func (s Set) Relations() []Relation {
	var out []Relation
	for _, i := range relationInfos {
		if s.Has(i.rel) {
			out = append(out, i.rel)
		}
	}
	return out
}

// Primary is the relation an actor acts under, among those of grant, for the
// audit trail: the most specific one held (élu before accompagnateur, staff
// before jury…), or 0.
func (s Set) Primary(grant Set) Relation {
	for _, r := range []Relation{System, Elu, Accompagnateur, InCharge, Contact, Staff, President, Evaluator, Juror, Jury, Coordinator, Partner, Ambassadeur, SignedIn, Public} {
		if s.Has(r) && grant.Has(r) {
			return r
		}
	}
	return 0
}

// String lists the codes: "membre+elu".
func (s Set) String() string {
	var codes []string
	for _, r := range s.Relations() {
		codes = append(codes, r.Code())
	}
	return strings.Join(codes, "+")
}

// Principal is who acts: an account, the operator at the command line (who
// acts as staff), the platform, or an anonymous visitor (the zero value).
type Principal struct {
	UserID   int64
	Email    string
	Name     string
	Staff    bool
	Verified bool // the account's address is confirmed
	System   bool
	// Link is the subject whose personal link, mailed to a person who may
	// have no account (a mairie's contact), the request came through; only
	// the code that checked the link's token sets it.
	Link LinkRef
}

// LinkRef names a subject by lifecycle and id.
type LinkRef struct {
	Type string
	ID   int64
}

// Opens reports whether the principal came through the personal link of
// this subject.
func (p Principal) Opens(lifecycle string, id int64) bool {
	return p.Link.ID != 0 && p.Link.ID == id && p.Link.Type == lifecycle
}

// ContactOf is the principal of a mairie's contact who opened the personal
// link of a subject; who is the account signed in, if any.
func ContactOf(who Principal, lifecycle string, id int64, email string) Principal {
	who.Link = LinkRef{Type: lifecycle, ID: id}
	if who.UserID == 0 && !who.Staff {
		who.Email = email
	}
	return who
}

// User returns the principal of an account.
func User(u *domain.User) Principal {
	if u == nil {
		return Principal{}
	}
	return Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Staff: u.Role == domain.RoleStaff, Verified: u.EmailVerifiedAt != nil}
}

// Platform is the platform itself, firing timed events and cascades.
func Platform() Principal { return Principal{System: true, Email: "plateforme"} }

// Operator is the person at the command line, who acts as staff.
func Operator(who string) Principal {
	if who == "" {
		who = "opérateur"
	}
	return Principal{Email: "ligne de commande (" + who + ")", Staff: true}
}

// Anonymous reports whether nobody is signed in.
func (p Principal) Anonymous() bool { return p.UserID == 0 && !p.Staff && !p.System }

// Label is how the audit trail names the principal.
func (p Principal) Label() string {
	if p.Email != "" {
		return p.Email
	}
	return "anonyme"
}
