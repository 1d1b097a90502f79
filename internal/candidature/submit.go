package candidature

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// AttestationSection is the questionnaire section the élu référent answers
// on the submission page, when attesting: its questions are not asked with
// the others and only the élu may answer them.
const AttestationSection = "attestation"

// SubmitRequest is the élu's attestation.
type SubmitRequest struct {
	CandidatureID   int64
	ExpectedVersion int
	EluName         string
	EluMandate      string
	Attest          bool
}

// attestationAnswers maps the attestation to the questions of the
// attestation section, by type: the texts take the name then the mandate,
// the yes/no question the attestation itself.
func attestationAnswers(q *questionnaire.Questionnaire, req SubmitRequest) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for _, sec := range q.Sections {
		if sec.Key != AttestationSection {
			continue
		}
		texts := []string{strings.TrimSpace(req.EluName), strings.TrimSpace(req.EluMandate)}
		for _, question := range sec.Questions {
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
				if req.Attest {
					out[question.Key] = json.RawMessage("true")
				}
			}
		}
	}
	return out
}

// Submit records the élu's attestation in the questionnaire's attestation
// section, then fires « deposer » through the workflow engine (which checks
// the deadline, the completeness of the answers and the attestation).
func (s *Service) Submit(ctx context.Context, req SubmitRequest, elu *domain.User) (*workflow.Transition, error) {
	d, err := s.Open(ctx, req.CandidatureID, elu)
	if err != nil {
		return nil, err
	}
	return s.SubmitDraft(ctx, d, req, elu)
}

// SubmitDraft is Submit on a draft already loaded (req.CandidatureID is
// ignored).
func (s *Service) SubmitDraft(ctx context.Context, d *Draft, req SubmitRequest, elu *domain.User) (*workflow.Transition, error) {
	c := d.C
	if d.Access.Role == store.MemberElu && c.State == workflow.Brouillon {
		current, err := s.Answers(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		for key, value := range attestationAnswers(d.Q, req) {
			if _, err := s.Save(ctx, d, SaveRequest{CandidatureID: c.ID, Key: key, Value: value, ExpectedVersion: current[key].Version}, elu); err != nil {
				return nil, err
			}
		}
	}
	return s.engine.Fire(ctx, "candidature", c.ID, "deposer", workflow.UserActor(elu), workflow.Input{
		ExpectedVersion: req.ExpectedVersion, Attest: req.Attest, EluName: req.EluName, EluMandate: req.EluMandate,
	})
}

// IsAttestation reports whether a question belongs to the attestation section.
func IsAttestation(question *questionnaire.Question) bool {
	return question.Section != nil && question.Section.Key == AttestationSection
}
