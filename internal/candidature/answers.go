package candidature

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// SaveRequest saves (or, with a nil Value, clears) one answer.
type SaveRequest struct {
	CandidatureID int64
	Key           string
	Value         json.RawMessage
	// ExpectedVersion is the answer's version the person saw: 0 when there
	// was no answer yet. A different stored version is a conflict.
	ExpectedVersion int
}

// Save checks one answer of a draft in draft mode (types and limits) and
// saves it, atomically and only if nobody changed it meanwhile (not even
// the same person from another page): a conflict error carries the stored
// answer (*domain.AnswerConflict). The
// common case is one statement. req.CandidatureID is ignored.
func (s *Service) Save(ctx context.Context, d *Draft, req SaveRequest) (*domain.Answer, error) {
	c, q := d.C, d.Q
	if err := d.may(s.policy, policy.CandidatureEdit); err != nil {
		return nil, err
	}
	question := q.Question(req.Key)
	if question == nil {
		return nil, &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("Question inconnue : « %s ».", req.Key),
			Fields: map[string]string{req.Key: "Cette question n’existe pas dans le questionnaire de la campagne."}}
	}
	if question.Type == questionnaire.TypeFile {
		// A file answer lists the evidence stored for the question: only
		// Attach and DeleteEvidence write it, from the files themselves.
		msg := "Joignez le fichier lui-même : la réponse à cette question est la liste des pièces jointes."
		return nil, &domain.Error{Code: domain.EInvalid, Message: msg, Fields: map[string]string{req.Key: msg}}
	}
	if candlc.IsAttestation(question) {
		if err := d.may(s.policy, policy.CandidatureAttest); err != nil {
			return nil, err
		}
	}
	var value json.RawMessage
	if !isEmpty(req.Value) {
		normalized, problems := q.ValidateAnswer(req.Key, req.Value)
		if len(problems) > 0 {
			return nil, fieldErrors(problems)
		}
		value = normalized
	}
	a := &domain.Answer{CandidatureID: c.ID, QuestionKey: req.Key, Value: value, QuestionnaireVersion: q.Version, UpdatedBy: d.Who.UserID}
	if value != nil {
		// The common case (a new value over the version the person saw, in
		// a draft) is one statement; every other one is examined below.
		saved, err := s.store.PutAnswerIfEditable(ctx, a, req.ExpectedVersion, domain.EditableStates())
		if err != nil {
			return nil, err
		}
		if saved {
			return a, nil
		}
	}
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		cur, err := lockedAnswer(ctx, tx, c.ID, req.Key)
		if err != nil {
			return err
		}
		// No answer changes from a page that did not show its current
		// value, whoever wrote it (the same person on a phone and a
		// desktop): a different stored version is a conflict, and the
		// person chooses between both values.
		expected := req.ExpectedVersion
		switch {
		case cur == nil && value == nil:
			return nil // nothing to clear
		case cur != nil && value != nil && string(cur.Value) == string(value):
			*a = *cur // already this value (e.g. autosaved a moment ago): nothing to write
			return nil
		}
		if value == nil {
			return tx.DeleteAnswer(ctx, c.ID, req.Key, expected)
		}
		return tx.PutAnswer(ctx, a, expected)
	})
	if err != nil {
		return nil, err
	}
	if value == nil {
		return nil, nil
	}
	return a, nil
}

// Answers returns a candidature's answers keyed by question, with their versions.
func (s *Service) Answers(ctx context.Context, candidatureID int64) (map[string]domain.Answer, error) {
	rows, err := s.store.Answers(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Answer, len(rows))
	for _, r := range rows {
		out[r.QuestionKey] = r
	}
	return out, nil
}

// AnswerValues returns the answers as the questionnaire package takes them.
func AnswerValues(rows map[string]domain.Answer) questionnaire.Answers {
	out := make(questionnaire.Answers, len(rows))
	for k, a := range rows {
		out[k] = a.Value
	}
	return out
}

func isEmpty(raw json.RawMessage) bool {
	s := string(raw)
	return len(raw) == 0 || s == "null" || s == `""` || s == "[]"
}

// fieldErrors turns questionnaire problems into one invalid-input error.
func fieldErrors(problems []questionnaire.FieldError) error {
	e := &domain.Error{Code: domain.EInvalid, Message: problems[0].Message, Fields: map[string]string{}}
	for _, p := range problems {
		key := p.Key
		if p.Row >= 0 && p.Column != "" {
			key = fmt.Sprintf("%s.%d.%s", p.Key, p.Row, p.Column)
		}
		e.Fields[key] = p.Message
	}
	return e
}
