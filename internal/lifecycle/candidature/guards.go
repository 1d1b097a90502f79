package candidature

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

type guard = workflow.Guard[Payload]

// beforeDeadline holds while the campaign takes submissions: open (at its
// opening instant, or earlier when staff open it) and before its closing
// instant (exclusive).
func beforeDeadline(campaignState func(string) string) guard {
	return guard{
		Name: "date_limite",
		Check: func(_ context.Context, s *workflow.Subject[Payload], _ workflow.Input) string {
			cp := s.P.Campaign
			switch {
			case !s.Now.Before(cp.ClosesAt):
				return fmt.Sprintf("La date limite de dépôt est passée (%s, heure de Paris).", fr.Deadline(cp.ClosesAt))
			case cp.State != domain.CampagneOuverte:
				return fmt.Sprintf("La campagne %d n’est pas ouverte aux dépôts (elle est « %s »).", cp.Year, campaignState(cp.State))
			}
			return ""
		},
	}
}

// questionnaireComplete holds when the answers pass the submission checks,
// the attestation aside (it is given with the deposit).
var questionnaireComplete = guard{
	Name: "questionnaire_complet",
	Check: func(_ context.Context, s *workflow.Subject[Payload], _ workflow.Input) string {
		if s.P.Questionnaire == nil {
			return "Le questionnaire n’a pas été lu : rechargez la page."
		}
		problems := Missing(s.P.Questionnaire, s.P.Answers)
		if len(problems) == 0 {
			return ""
		}
		examples := make([]string, 0, 3)
		for _, p := range problems[:min(3, len(problems))] {
			examples = append(examples, p.Message)
		}
		more := ""
		if len(problems) > 3 {
			more = " ; …"
		}
		return fmt.Sprintf("Le questionnaire n’est pas complet : %s (%s%s).",
			fr.Count(len(problems), "réponse manquante ou à corriger", "réponses manquantes ou à corriger"), strings.Join(examples, " ; "), more)
	},
}

// Missing returns the submission problems of the answers, but those of the
// attestation section, which the élu answers when depositing.
func Missing(q *questionnaire.Questionnaire, answers questionnaire.Answers) []questionnaire.FieldError {
	var out []questionnaire.FieldError
	for _, p := range q.Validate(answers, questionnaire.Submission) {
		if question := q.Question(p.Key); question != nil && IsAttestation(question) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// resultsPublished holds once the campaign's palmarès is published: a
// candidature's result is published with it.
var resultsPublished = guard{
	Name: "resultats_publies",
	Check: func(_ context.Context, s *workflow.Subject[Payload], _ workflow.Input) string {
		if s.P.Campaign.State != domain.CampagneResultatsPublies {
			return "Le résultat est publié avec le palmarès de la campagne, par l’équipe ADULLACT."
		}
		return ""
	},
}

// replyDays holds when the complement's reply deadline, if given, is a
// number of days between 1 and 90.
var replyDays = guard{
	Name:       "delai_reponse",
	NeedsInput: true,
	Check: func(_ context.Context, _ *workflow.Subject[Payload], in workflow.Input) string {
		if _, ok := ReplyDays(in); !ok {
			return "Le délai de réponse est un nombre de jours, de 1 à 90."
		}
		return ""
	},
}

// ReplyDays returns the complement's reply deadline in days (the default
// when none is given), and false when it is not a number of days from 1 to
// 90.
func ReplyDays(in workflow.Input) (int, bool) {
	raw := in.Value(FieldReplyDays)
	if raw == "" {
		return DefaultReplyDays, true
	}
	days, err := strconv.Atoi(raw)
	return days, err == nil && days >= 1 && days <= 90
}

// ReplyDeadline is the end of the day, in Paris, days after now: the
// instant after which a complement request is no longer answered.
func ReplyDeadline(now time.Time, days int) time.Time {
	p := now.In(fr.Paris()).AddDate(0, 0, days)
	return time.Date(p.Year(), p.Month(), p.Day()+1, 0, 0, 0, 0, fr.Paris()).UTC()
}

// replyDeadlinePassed holds, for the platform, once the complement's reply
// deadline has passed: the candidature then returns to instruction by
// itself.
var replyDeadlinePassed = guard{
	Name: "delai_depasse",
	Check: func(_ context.Context, s *workflow.Subject[Payload], _ workflow.Input) string {
		due := s.P.Candidature.ComplementDueAt
		switch {
		case due == nil:
			return "La demande de complément n’a pas de délai de réponse."
		case s.Now.Before(*due):
			return fmt.Sprintf("La collectivité peut répondre jusqu’au %s (heure de Paris).", fr.Deadline(*due))
		}
		return ""
	},
}

// evaluationsSubmitted holds when every evaluation assigned on the
// candidature is submitted (at least one); staff may go past it with a
// reason (overrideReason).
var evaluationsSubmitted = guard{
	Name: "evaluations_remises",
	Check: func(_ context.Context, s *workflow.Subject[Payload], _ workflow.Input) string {
		ev := s.P.Evaluations
		if ev.Assigned > 0 && ev.Submitted == ev.Assigned || s.Relations.Has(policy.Staff) {
			return ""
		}
		return ev.missing() + " L’équipe ADULLACT peut terminer l’évaluation malgré tout, en indiquant le motif."
	},
}

// overrideReason holds when staff ending an evaluation whose assigned
// evaluations are not all submitted say why.
var overrideReason = guard{
	Name:       "motif_derogation",
	NeedsInput: true,
	Check: func(_ context.Context, s *workflow.Subject[Payload], in workflow.Input) string {
		ev := s.P.Evaluations
		if ev.Assigned > 0 && ev.Submitted == ev.Assigned || !s.Relations.Has(policy.Staff) || strings.TrimSpace(in.Comment) != "" {
			return ""
		}
		return ev.missing() + " Indiquez le motif de la dérogation."
	},
}

// missing says which evaluations are missing.
func (ev Progress) missing() string {
	if ev.Assigned == 0 {
		return "Aucune évaluation n’est assignée sur cette candidature."
	}
	return fmt.Sprintf("%s sur %d %s.", fr.Count(ev.Assigned-ev.Submitted, "évaluation", "évaluations"), ev.Assigned,
		map[bool]string{true: "n’est pas remise", false: "ne sont pas remises"}[ev.Assigned-ev.Submitted == 1])
}
