package questionnaire

import (
	"fmt"
	"sync"
)

// Cache parses frozen questionnaires (a campaign's pinned source) once per
// content hash. It is safe for concurrent use.
type Cache struct {
	mu sync.Mutex
	m  map[string]*Questionnaire
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]*Questionnaire{}} }

// Get returns the questionnaire of this hash, parsing src (named name in
// error messages) the first time.
func (c *Cache) Get(hash string, src []byte, name string) (*Questionnaire, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if q, ok := c.m[hash]; ok {
		return q, nil
	}
	q, err := Load(src, name)
	if err != nil {
		return nil, fmt.Errorf("questionnaire %s illisible : %w", name, err)
	}
	c.m[hash] = q
	return q, nil
}

// Cached returns the questionnaire of this hash if it was parsed already.
func (c *Cache) Cached(hash string) (*Questionnaire, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	q, ok := c.m[hash]
	return q, ok
}
