package candidature

import (
	"context"
	"net/url"

	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/workflow"
)

// SubmitRequest is the élu's attestation.
type SubmitRequest struct {
	ExpectedVersion int
	candlc.Attestation
}

// Submit deposits the candidature with the élu's attestation, through the
// workflow engine: the lifecycle checks the deadline, the completeness of
// the answers and the attestation, and writes the attestation into the
// questionnaire's attestation section in the deposit's transaction.
func (s *Service) Submit(ctx context.Context, d *Draft, req SubmitRequest) (*workflow.Transition, error) {
	in := workflow.Input{ExpectedVersion: req.ExpectedVersion, Values: url.Values{
		candlc.FieldEluName: {req.EluName}, candlc.FieldEluMandate: {req.Mandate}}}
	if req.Attest {
		in.Values.Set(candlc.FieldAttest, "true")
	}
	return s.engine.Fire(ctx, candlc.Name, d.C.ID, "deposer", d.Who, in)
}

// Attestation returns the attestation stored in the draft's answers (to
// prefill the deposit page), the élu's name from the account when none is
// stored yet.
func (s *Service) Attestation(ctx context.Context, d *Draft) (candlc.Attestation, error) {
	answers, err := s.Answers(ctx, d.C.ID)
	if err != nil {
		return candlc.Attestation{}, err
	}
	a := candlc.AttestationOf(d.Q, AnswerValues(answers))
	if a.EluName == "" {
		a.EluName = d.Who.Name
	}
	return a, nil
}

// SubmissionBlockers says what prevents the deposit now, besides the
// attestation asked on the deposit page itself.
func (s *Service) SubmissionBlockers(ctx context.Context, d *Draft) ([]string, error) {
	snap, err := s.engine.Load(ctx, candlc.Name, d.C.ID, d.Who)
	if err != nil {
		return nil, err
	}
	actions, err := s.engine.Actions(ctx, snap)
	if err != nil {
		return nil, err
	}
	var blockers []workflow.Blocker
	found := false
	for _, a := range actions {
		if a.Event == "deposer" {
			blockers, found = a.Blockers, true
		}
	}
	if !found {
		all, err := s.engine.Blockers(ctx, snap, "deposer", workflow.Input{})
		if err != nil {
			return nil, err
		}
		for _, b := range all {
			if b.Code != "field" {
				blockers = append(blockers, b)
			}
		}
	}
	out := make([]string, 0, len(blockers))
	for _, b := range blockers {
		out = append(out, b.Message)
	}
	return out, nil
}
