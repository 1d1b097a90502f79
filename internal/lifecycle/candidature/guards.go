package candidature

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
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

// decision holds when the deliberation names a level of the campaign's
// scheme (or 0, no level).
var decision = guard{
	Name:       "deliberation",
	NeedsInput: true,
	Check: func(_ context.Context, s *workflow.Subject[Payload], in workflow.Input) string {
		raw := in.Value(FieldLevel)
		if raw == "" {
			return "" // a required field: the engine says it is missing
		}
		scheme := s.P.Campaign.AwardScheme
		level, err := strconv.Atoi(raw)
		if _, ok := scheme.Level(level); err == nil && (ok || level == 0) {
			return ""
		}
		values := make([]string, len(scheme.Levels))
		for i, l := range scheme.Levels {
			values[i] = fmt.Sprintf("%d (%s)", l.Value, l.Label)
		}
		return fmt.Sprintf("Le niveau « %s » n’existe pas dans le barème « %s » : niveaux possibles %s, ou 0 pour aucun niveau.",
			raw, scheme.Name, strings.Join(values, ", "))
	},
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
