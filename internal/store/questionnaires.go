package store

import (
	"context"
	"sync"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// questionnaireCache keeps the questionnaire source of each campaign by its
// hash. A campaign's questionnaire is frozen when the campaign is created:
// reading a campaign then costs one small row instead of the whole source,
// and a source whose hash changed is read again.
type questionnaireCache struct {
	mu      sync.Mutex
	sources map[int64]cachedQuestionnaire
}

type cachedQuestionnaire struct {
	hash   string
	source []byte
}

func (c *questionnaireCache) get(id int64, hash string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	q, ok := c.sources[id]
	if !ok || q.hash != hash {
		return nil, false
	}
	return q.source, true
}

func (c *questionnaireCache) put(id int64, hash string, source []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sources == nil {
		c.sources = map[int64]cachedQuestionnaire{}
	}
	c.sources[id] = cachedQuestionnaire{hash: hash, source: source}
}

// withQuestionnaire fills c.Questionnaire, read without it, from the cache
// or else from the database. The source is shared: callers never modify it.
func (s *Store) withQuestionnaire(ctx context.Context, db bun.IDB, c *domain.Campaign) error {
	if src, ok := s.questionnaires.get(c.ID, c.QuestionnaireHash); ok {
		c.Questionnaire = src
		return nil
	}
	var row struct {
		Source []byte `bun:"questionnaire"`
		Hash   string `bun:"questionnaire_hash"`
	}
	err := db.NewSelect().Model((*domain.Campaign)(nil)).Column("questionnaire", "questionnaire_hash").
		Where("id = ?", c.ID).Scan(ctx, &row.Source, &row.Hash)
	if err != nil {
		return notFound(err, "Campagne introuvable.")
	}
	if row.Hash == c.QuestionnaireHash {
		s.questionnaires.put(c.ID, row.Hash, row.Source)
	}
	c.Questionnaire = row.Source
	return nil
}
