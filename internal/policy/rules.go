package policy

import "github.com/adullact/tnl/internal/domain"

// The finer rules the services ask, each written once.

// reviewers are those who read candidatures to judge them.
var reviewers = Of(Staff, Jury, President, Juror)

// LevelVisible reports whether the person sees the jury's level (and its
// motivation and mentions): reviewers once it is decided, everybody else
// once it is published. The API, the web pages, the PDF dossier and the
// certificate all ask this.
func LevelVisible(rels Set, f Facts) bool {
	return f.Published || f.Decided && rels.Any(reviewers)
}

// SeesReviewers reports whether the person sees which member of the jury or
// of staff did something (in the history, the audit API); the collectivité's
// members read « Jury » or « Équipe ADULLACT ».
func SeesReviewers(rels Set) bool { return rels.Any(reviewers) }

// Reviewer reports whether the person reads the candidature as a reviewer
// (staff or jury) rather than as one of its members.
func Reviewer(rels Set) bool { return rels.Any(reviewers) }

// HistoryAsSeen returns an audit trail as a person with these relations
// sees it: a person who does not see the reviewers (SeesReviewers) reads
// « Jury » or « Équipe ADULLACT » instead of which member of the jury or of
// staff made a change. The trail is changed in place and returned.
func HistoryAsSeen(rels Set, trail []domain.AuditEntry) []domain.AuditEntry {
	if SeesReviewers(rels) {
		return trail
	}
	for i := range trail {
		e := &trail[i]
		if r, ok := RelationByCode(e.ActorRole); ok && reviewers.Has(r) {
			e.ActorLabel, e.ActorID = r.Title(), nil
		}
	}
	return trail
}

// SeesVisitContact reports whether the person sees how to reach a visit
// request's contact (address, telephone): whoever is in charge of it, the
// coordination of a GULL it is routed to, staff, and the contact. The other
// ambassadeurs of the GULLs it is routed to see the commune, the function,
// the topics and the availability, enough to take it or not.
func SeesVisitContact(rels Set) bool { return rels.Any(Of(InCharge, Coordinator, Staff, Contact)) }

// SeesReportNotes reports whether the person reads a visit report's notes
// and next step, which are for the ambassadeurs and staff, not the public.
func SeesReportNotes(rels Set) bool { return rels.Any(Of(Ambassadeur, InCharge, Staff)) }

// OthersEvaluationsVisible reports whether a person sees the other jurors'
// evaluations of a candidature, under the campaign's visibility setting
// (domain.VisibilityNever, VisibilityAfterOwn, VisibilityAlways): staff and
// the jury's president always; a jury member as the setting says, « after
// one's own » meaning once their own evaluation of it is submitted;
// anybody else (the collectivité, a conflicted juror) never.
func OthersEvaluationsVisible(rels Set, visibility string, ownSubmitted bool) bool {
	switch {
	case rels.Any(Of(Staff, President)):
		return true
	case !rels.Has(Jury):
		return false
	}
	switch visibility {
	case domain.VisibilityAlways:
		return true
	case domain.VisibilityAfterOwn:
		return rels.Has(Juror) && ownSubmitted
	}
	return false
}
