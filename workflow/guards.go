package workflow

import (
	"context"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/questionnaire"
)

// beforeDeadline holds while the campaign takes submissions: open (at its
// opening instant, or earlier when staff open it) and before its closing
// instant (exclusive).
var beforeDeadline = Guard{
	Name: "date_limite",
	Check: func(_ context.Context, s *Subject, _ *Actor, _ Input) string {
		cp := s.Campaign
		switch {
		case !s.Now.Before(cp.ClosesAt):
			return fmt.Sprintf("La date limite de dépôt est passée (%s, heure de Paris).", fr.Deadline(cp.ClosesAt))
		case cp.State != CampagneOuverte:
			return fmt.Sprintf("La campagne %d n’est pas ouverte aux dépôts (elle est « %s »).", cp.Year, stateLabel(campagneStates, cp.State))
		}
		return ""
	},
}

// questionnaireComplete holds when the answers pass the submission checks.
var questionnaireComplete = Guard{
	Name: "questionnaire_complet",
	Check: func(_ context.Context, s *Subject, _ *Actor, _ Input) string {
		problems := s.Questionnaire.Validate(s.Answers, questionnaire.Submission)
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
		return fmt.Sprintf("Le questionnaire n’est pas complet : %d réponse(s) manquante(s) ou à corriger (%s%s).",
			len(problems), strings.Join(examples, " ; "), more)
	},
}

// attestation holds when the élu attests on their honour, with name and mandate.
var attestation = Guard{
	Name:       "attestation",
	NeedsInput: true,
	Check: func(_ context.Context, _ *Subject, _ *Actor, in Input) string {
		var missing []string
		if !in.Attest {
			missing = append(missing, "cochez l’attestation sur l’honneur")
		}
		if strings.TrimSpace(in.EluName) == "" {
			missing = append(missing, "indiquez le nom de l’élu référent")
		}
		if strings.TrimSpace(in.EluMandate) == "" {
			missing = append(missing, "indiquez son mandat (par exemple : maire, adjointe au numérique)")
		}
		if len(missing) == 0 {
			return ""
		}
		return "Attestation incomplète : " + joinFrench(missing, "et") + "."
	},
}

// commentRequired holds when the actor wrote a comment; what names it, e.g.
// "le motif d’irrecevabilité".
func commentRequired(what string) Guard {
	return Guard{
		Name:       "commentaire",
		NeedsInput: true,
		Check: func(_ context.Context, _ *Subject, _ *Actor, in Input) string {
			if strings.TrimSpace(in.Comment) == "" {
				return "Indiquez " + what + "."
			}
			return ""
		},
	}
}

// decision holds when the deliberation names a level of the campaign's
// scheme (or 0, no level) and a public motivation.
var decision = Guard{
	Name:       "deliberation",
	NeedsInput: true,
	Check: func(_ context.Context, s *Subject, _ *Actor, in Input) string {
		scheme := s.Campaign.AwardScheme
		var problems []string
		if in.Level == nil {
			problems = append(problems, "indiquez le niveau délibéré par le jury (0 pour aucun niveau)")
		} else if _, ok := scheme.Level(*in.Level); !ok && *in.Level != 0 {
			values := make([]string, len(scheme.Levels))
			for i, l := range scheme.Levels {
				values[i] = fmt.Sprintf("%d (%s)", l.Value, l.Label)
			}
			problems = append(problems, fmt.Sprintf("le niveau %d n’existe pas dans le barème « %s » : niveaux possibles %s, ou 0 pour aucun niveau",
				*in.Level, scheme.Name, strings.Join(values, ", ")))
		}
		if strings.TrimSpace(in.Motivation) == "" {
			problems = append(problems, "indiquez la motivation publique du jury")
		}
		if len(problems) == 0 {
			return ""
		}
		return "Délibération incomplète : " + joinFrench(problems, "et") + "."
	},
}
