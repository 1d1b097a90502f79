package candidature

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/questionnaire"
)

// Score computes the score and suggested level of a candidature's answers,
// normalised for its collectivité's kind and population: a help for the
// jury, who decides.
func (s *Service) Score(ctx context.Context, d *Draft) (*questionnaire.Result, error) {
	if err := d.may(s.policy, policy.CandidatureReview); err != nil {
		return nil, err
	}
	c := d.C
	cp, err := s.store.Campaign(ctx, c.CampaignID)
	if err != nil {
		return nil, err
	}
	coll, err := s.store.Collectivite(ctx, c.CollectiviteID)
	if err != nil {
		return nil, err
	}
	q, err := s.Questionnaire(cp)
	if err != nil {
		return nil, err
	}
	rows, err := s.Answers(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	res := q.Score(AnswerValues(rows), questionnaire.Profile{Kind: string(coll.Kind), Population: coll.Population})
	return &res, nil
}

// Diff lists the answers that changed since the collectivité's previous
// candidature, for the jury. The year is 0 when there is none.
func (s *Service) Diff(ctx context.Context, d *Draft) ([]questionnaire.Change, int, error) {
	if err := d.may(s.policy, policy.CandidatureReview); err != nil {
		return nil, 0, err
	}
	c := d.C
	cp, err := s.store.Campaign(ctx, c.CampaignID)
	if err != nil {
		return nil, 0, err
	}
	prev, prevCp, err := s.store.PreviousCandidature(ctx, c.CollectiviteID, cp.Year)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil, 0, nil
	} else if err != nil {
		return nil, 0, err
	}
	curQ, err := s.Questionnaire(cp)
	if err != nil {
		return nil, 0, err
	}
	prevQ, err := s.Questionnaire(prevCp)
	if err != nil {
		return nil, 0, err
	}
	cur, err := s.Answers(ctx, c.ID)
	if err != nil {
		return nil, 0, err
	}
	old, err := s.Answers(ctx, prev.ID)
	if err != nil {
		return nil, 0, err
	}
	return questionnaire.Diff(prevQ, AnswerValues(old), curQ, AnswerValues(cur)), prevCp.Year, nil
}
