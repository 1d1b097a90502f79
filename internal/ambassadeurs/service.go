// Package ambassadeurs is the use cases of the ambassadeurs du libre: the
// GULLs and their members, the mairies' visit requests (the public form,
// the personal links of their contacts, the reports), the ambassadeurs'
// space, the public site with its map and GeoJSON feed, the dashboards,
// the exports and the import of the geography. It decides with the policy
// and fires the lifecycles' events through the engine.
package ambassadeurs

import (
	"sync"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/kit"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Service is the ambassadeurs' use cases.
type Service struct {
	store   *store.Store
	engine  *workflow.Engine
	policy  *policy.Policy
	mail    *mail.Mailer
	kit     *kit.Kit
	cands   *candidature.Service
	letters pdf.LetterRenderer
	maps    *mapCache
}

// New returns the service; k is the ambassadeurs' kit (nil: the default).
func New(st *store.Store, engine *workflow.Engine, mailer *mail.Mailer, cands *candidature.Service, letters pdf.LetterRenderer, k *kit.Kit) *Service {
	if k == nil {
		k = kit.Default()
	}
	return &Service{store: st, engine: engine, policy: engine.Policy(), mail: mailer, kit: k, cands: cands, letters: letters,
		maps: &mapCache{}}
}

// Kit returns the ambassadeurs' kit.
func (s *Service) Kit() *kit.Kit { return s.kit }

// mapCache keeps the outlines read from the database until a new import.
type mapCache struct {
	mu   sync.Mutex
	key  string
	deps []areaOutline
	regs []areaOutline
}
