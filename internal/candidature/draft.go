package candidature

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/questionnaire"
)

// Draft is a candidature as one person works on it: the candidature, what
// they may do, and the questionnaire of its campaign. Saving answers,
// attaching files and submitting check it, so that a caller that has
// loaded the candidature already (the web layer's guard) does not load it
// again for each of them. The state is checked again, under lock, by every
// write.
type Draft struct {
	C      *domain.Candidature
	Access Access
	Q      *questionnaire.Questionnaire
}

// Open loads the draft of a candidature the user may read.
func (s *Service) Open(ctx context.Context, id int64, u *domain.User) (*Draft, error) {
	c, access, err := s.Get(ctx, id, u)
	if err != nil {
		return nil, err
	}
	return s.draft(ctx, c, access)
}

// DraftOf returns the draft of a candidature already loaded, with the
// person's role in it (store.MemberElu, store.MemberAccompagnateur or "")
// and the hash of its campaign's questionnaire: when that questionnaire is
// parsed already, no query is needed.
func (s *Service) DraftOf(ctx context.Context, c *domain.Candidature, role, questionnaireHash string, u *domain.User) (*Draft, error) {
	if q, ok := s.engine.Env().CachedQuestionnaire(questionnaireHash); ok && questionnaireHash != "" {
		return &Draft{C: c, Access: AccessFor(role, u), Q: q}, nil
	}
	return s.draft(ctx, c, AccessFor(role, u))
}

func (s *Service) draft(ctx context.Context, c *domain.Candidature, access Access) (*Draft, error) {
	cp, err := s.store.Campaign(ctx, c.CampaignID)
	if err != nil {
		return nil, err
	}
	q, err := s.Questionnaire(cp)
	if err != nil {
		return nil, err
	}
	return &Draft{C: c, Access: access, Q: q}, nil
}
