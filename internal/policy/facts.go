package policy

import "github.com/adullact/tnl/internal/domain"

// Facts is what is known of a person's links to a subject, loaded with it
// (in one query where it matters): the raw material of Relations. A field
// that does not apply to a subject stays zero.
type Facts struct {
	// Member is the person's role among the candidature's members:
	// domain.MemberElu, domain.MemberAccompagnateur or "".
	Member string
	// Seat is the person's seat in the jury of the subject's campaign,
	// charter accepted: domain.SeatMember, domain.SeatPresident or "".
	Seat string
	// Assigned: the person is assigned to evaluate this candidature.
	Assigned bool
	// Conflicted: the person has a conflict of interest with this
	// candidature (declared or computed).
	Conflicted bool
	// Author: the subject (an evaluation) is the person's own.
	Author bool
	// Draft: the candidature has not been deposited (or was taken back).
	Draft bool
	// Decided: the jury's decision is recorded (deliberated or published).
	Decided bool
	// Published: the decision is public.
	Published bool
	// Badge: the candidature is on the Badge track.
	Badge bool
	// JuryReadsDeliberation: the campaign lets its jury's members read
	// the deliberation table.
	JuryReadsDeliberation bool

	// GullRole is the person's role in the GULL the subject is (a GULL,
	// whatever its state), or their best role among the validated GULLs it
	// is routed to (a visit request): domain.GullCoordinateur,
	// domain.GullAmbassadeur or "".
	GullRole string
	// TookVisit: the person is the ambassadeur who took the visit request.
	TookVisit bool
	// Contact: the request came through the personal link mailed to the
	// mairie's contact for this subject (see Principal.Link).
	Contact bool
	// Partner: the person is the partner of the mailing campaign.
	Partner bool
}

// Relations computes a person's relations to a subject from the facts.
//
// A member of a candidature (élu, accompagnateur) is never its juror, nor
// sees it as a jury member: one does not evaluate what one wrote. A
// conflicted juror is not a juror of it either.
//
// The ambassadeurs' relations: a member of a GULL (of the GULL that is the
// subject, or of one a visit request is routed to) is an ambassadeur of
// it, its coordinator a coordinator too; the ambassadeur who took a request
// is in charge of it; whoever comes through the personal link of a
// request's contact is its contact, with or without an account.
func Relations(p Principal, f Facts) Set {
	if p.System {
		return Of(System)
	}
	s := Of(Public)
	if f.Contact {
		s = s.With(Contact)
	}
	if p.Anonymous() {
		return s
	}
	s = s.With(SignedIn)
	if p.Staff {
		s = s.With(Staff)
	}
	switch f.GullRole {
	case domain.GullCoordinateur:
		s = s.With(Ambassadeur).With(Coordinator)
	case domain.GullAmbassadeur:
		s = s.With(Ambassadeur)
	}
	if f.TookVisit {
		s = s.With(InCharge)
	}
	if f.Partner {
		s = s.With(Partner)
	}
	switch f.Member {
	case domain.MemberElu:
		return s.With(Elu)
	case domain.MemberAccompagnateur:
		return s.With(Accompagnateur)
	}
	// A conflict hides the candidature from the jury; so does a draft:
	// the jury reads only deposited candidatures.
	if f.Conflicted || f.Draft {
		return s
	}
	switch f.Seat {
	case domain.SeatPresident:
		s = s.With(Jury).With(President)
	case domain.SeatMember:
		s = s.With(Jury)
	}
	if f.Assigned && f.Seat != "" {
		s = s.With(Juror)
	}
	if f.Author && f.Seat != "" {
		s = s.With(Evaluator)
	}
	return s
}
