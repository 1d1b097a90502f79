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
// ignored). The attestation's answers are written in the deposit's
// transaction: a refused deposit leaves no attestation behind.
func (s *Service) SubmitDraft(ctx context.Context, d *Draft, req SubmitRequest, elu *domain.User) (*workflow.Transition, error) {
	c := d.C
	in := workflow.Input{ExpectedVersion: req.ExpectedVersion, Attest: req.Attest, EluName: req.EluName, EluMandate: req.EluMandate}
	if d.Access.Role == store.MemberElu && c.State == workflow.Brouillon {
		var answers []*domain.Answer
		for key, value := range attestationAnswers(d.Q, req) {
			normalized, problems := d.Q.ValidateAnswer(key, value)
			if len(problems) > 0 {
				return nil, fieldErrors(problems)
			}
			answers = append(answers, &domain.Answer{CandidatureID: c.ID, QuestionKey: key, Value: normalized, QuestionnaireVersion: d.Q.Version, UpdatedBy: elu.ID})
		}
		in.Prepare = func(ctx context.Context, tx *store.Tx) error {
			// The candidature is locked for the transition first, so
			// that two deposits at once queue rather than deadlock.
			if _, err := tx.Candidature(ctx, c.ID); err != nil {
				return err
			}
			for _, a := range answers {
				cur, err := lockedAnswer(ctx, tx, c.ID, a.QuestionKey)
				if err != nil {
					return err
				}
				if cur != nil && string(cur.Value) == string(a.Value) {
					continue
				}
				version := 0
				if cur != nil {
					version = cur.Version // only the élu writes the attestation
				}
				if err := tx.PutAnswer(ctx, a, version); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return s.engine.Fire(ctx, "candidature", c.ID, "deposer", workflow.UserActor(elu), in)
}

// IsAttestation reports whether a question belongs to the attestation section.
func IsAttestation(question *questionnaire.Question) bool {
	return question.Section != nil && question.Section.Key == AttestationSection
}
