package candidature

import (
	"encoding/json"
	"strings"

	"github.com/adullact/tnl/questionnaire"
)

// AttestationSection is the questionnaire section the élu référent answers
// on the deposit page, when attesting: its questions are not asked with the
// others and only the élu may answer them.
const AttestationSection = "attestation"

// IsAttestation reports whether a question belongs to the attestation section.
func IsAttestation(question *questionnaire.Question) bool {
	return question.Section != nil && question.Section.Key == AttestationSection
}

// Attestation is what the élu attests when depositing.
type Attestation struct {
	EluName, Mandate string
	Attest           bool
}

// AttestationAnswers maps an attestation to the questions of the
// attestation section, by type: the texts take the name then the mandate,
// the yes/no question the attestation itself. Empty texts and an unticked
// box give no answer.
func AttestationAnswers(q *questionnaire.Questionnaire, a Attestation) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	texts := []string{strings.TrimSpace(a.EluName), strings.TrimSpace(a.Mandate)}
	for _, question := range attestationQuestions(q) {
		switch question.Type {
		case questionnaire.TypeText, questionnaire.TypeLongText:
			if len(texts) > 0 && texts[0] != "" {
				v, _ := json.Marshal(texts[0])
				out[question.Key] = v
			}
			if len(texts) > 0 {
				texts = texts[1:]
			}
		case questionnaire.TypeYesNo:
			if a.Attest {
				out[question.Key] = json.RawMessage("true")
			}
		}
	}
	return out
}

// AttestationOf reads back the attestation stored in the answers, the
// other way round from AttestationAnswers.
func AttestationOf(q *questionnaire.Questionnaire, answers questionnaire.Answers) Attestation {
	var a Attestation
	texts := []*string{&a.EluName, &a.Mandate}
	for _, question := range attestationQuestions(q) {
		switch question.Type {
		case questionnaire.TypeText, questionnaire.TypeLongText:
			if len(texts) > 0 {
				json.Unmarshal(answers[question.Key], texts[0]) //nolint:errcheck // empty when absent
				texts = texts[1:]
			}
		case questionnaire.TypeYesNo:
			a.Attest = string(answers[question.Key]) == "true"
		}
	}
	return a
}

func attestationQuestions(q *questionnaire.Questionnaire) []*questionnaire.Question {
	for _, sec := range q.Sections {
		if sec.Key == AttestationSection {
			return sec.Questions
		}
	}
	return nil
}
