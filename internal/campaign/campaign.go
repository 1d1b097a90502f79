// Package campaign creates yearly campaigns, pinning their questionnaire and
// award scheme.
package campaign

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// CreateRequest describes a new campaign.
type CreateRequest struct {
	Year     int
	Title    string
	OpensAt  time.Time
	ClosesAt time.Time // exclusive: the first instant when submissions are refused
	// Questionnaire is the YAML source; empty means the shipped default.
	Questionnaire     []byte
	QuestionnaireName string
	// Scheme is the award scheme; zero means levels 1 to 5.
	Scheme domain.AwardScheme
}

// Service creates campaigns and moves their dates.
type Service struct {
	store  *store.Store
	engine *workflow.Engine
}

// New returns a Service.
func New(st *store.Store, engine *workflow.Engine) *Service {
	return &Service{store: st, engine: engine}
}

// Create validates and stores a campaign in state « en préparation »: its
// questionnaire is checked and pinned with its content hash.
func (s *Service) Create(ctx context.Context, req CreateRequest, who policy.Principal) (*domain.Campaign, error) {
	if err := s.engine.Policy().Decide(policy.CampagneManage, policy.Relations(who, policy.Facts{}), policy.Facts{}); err != nil {
		return nil, err
	}
	if req.Year < 2016 || req.Year > 2100 {
		return nil, domain.Errorf(domain.EInvalid, "Année de campagne invalide : %d.", req.Year)
	}
	if !req.ClosesAt.After(req.OpensAt) {
		return nil, domain.Errorf(domain.EInvalid, "La date limite (%s) doit suivre l’ouverture (%s).",
			fr.Deadline(req.ClosesAt), fr.DateTime(req.OpensAt))
	}
	src, name := req.Questionnaire, req.QuestionnaireName
	if len(src) == 0 {
		src, name = questionnaire.DefaultSource(), questionnaire.DefaultName
	}
	q, err := questionnaire.Load(src, name)
	if err != nil {
		return nil, &domain.Error{Code: domain.EInvalid, Message: "Le questionnaire contient des erreurs : " + strings.TrimSpace(err.Error()), Err: err}
	}
	scheme := req.Scheme
	if len(scheme.Levels) == 0 {
		scheme = domain.DefaultAwardScheme()
	}
	if err := scheme.Validate(); err != nil {
		return nil, err
	}
	title := strings.TrimSpace(req.Title)
	if title == "" {
		title = fmt.Sprintf("Label Territoire Numérique Libre %d", req.Year)
	}
	c := &domain.Campaign{
		Year: req.Year, Title: title, State: domain.CampagnePreparation,
		OpensAt: req.OpensAt.UTC(), ClosesAt: req.ClosesAt.UTC(),
		QuestionnaireVersion: q.Version, QuestionnaireHash: q.Hash, Questionnaire: src,
		AwardScheme: scheme,
	}
	// The creation opens the campaign's audit chain, as a candidature's
	// does: its version then counts its audit rows.
	rel := policy.System
	if !who.System {
		rel = policy.Staff
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateCampaign(ctx, c); err != nil {
			return err
		}
		return s.engine.Record(ctx, tx, "campagne", c.ID, workflow.RecordCreate, c.State, who, rel, "")
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
