package candidature

import (
	"context"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// Draft is a candidature as one person works on it: the candidature, the
// questionnaire of its campaign, and the person's relations to it. Saving
// answers, attaching files and depositing take it, so that a caller that
// has loaded the candidature already (the web layer's guard) does not load
// it again for each of them. The state is checked again, under lock, by
// every write.
type Draft struct {
	C         *domain.Candidature
	Q         *questionnaire.Questionnaire
	Who       policy.Principal
	Relations policy.Set
	Facts     policy.Facts
}

// Open loads the draft of a candidature the person may read.
func (s *Service) Open(ctx context.Context, id int64, who policy.Principal) (*Draft, error) {
	c, access, err := s.store.CandidatureAccess(ctx, id, who.UserID)
	if err != nil {
		return nil, err
	}
	d, err := s.DraftOf(ctx, c, access, who)
	if err != nil {
		return nil, err
	}
	if err := s.policy.Decide(policy.CandidatureRead, d.Relations, d.Facts); err != nil {
		return nil, err
	}
	return d, nil
}

// DraftOf returns the draft of a candidature already loaded with the
// person's links to it (store.CandidatureAccess): when its campaign's
// questionnaire is parsed already, no query is needed.
func (s *Service) DraftOf(ctx context.Context, c *domain.Candidature, access store.Access, who policy.Principal) (*Draft, error) {
	facts := FactsOf(c, access)
	d := &Draft{C: c, Who: who, Relations: policy.Relations(who, facts), Facts: facts}
	if q, ok := s.questionnaires.Cached(access.QuestionnaireHash); ok && access.QuestionnaireHash != "" {
		d.Q = candlc.QuestionnaireFor(q, c)
		return d, nil
	}
	cp, err := s.store.Campaign(ctx, c.CampaignID)
	if err != nil {
		return nil, err
	}
	q, err := s.Questionnaire(cp)
	if err != nil {
		return nil, err
	}
	d.Q = candlc.QuestionnaireFor(q, c)
	return d, nil
}

// may decides an action of the policy on the draft.
func (d *Draft) may(p *policy.Policy, a policy.Action) error {
	return p.Decide(a, d.Relations, d.Facts)
}
