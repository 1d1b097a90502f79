// Package jury is the jury's side of the platform (issue 12): the jury of a
// campaign (invitations, charter, declared links, preferences, settings),
// conflicts of interest (computed from the links, declared by a juror, set
// by staff), the balanced automatic assignment (internal/jury/assign, run
// on the store's data and recorded), the jurors' evaluations (drafts,
// visibility), their aggregation and ranking (internal/jury/aggregate),
// the exports and the jury's PDFs. Pages, the JSON API and the command
// line all go through it; who may do what is the policy's.
package jury

import (
	"context"
	"log/slog"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/dossier"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// Service implements the jury's use cases.
type Service struct {
	store          *store.Store
	engine         *workflow.Engine
	policy         *policy.Policy
	questionnaires *questionnaire.Cache
	mail           *mail.Mailer
	pdf            pdf.Renderer
	docs           *dossier.Service
	checker        *evallc.Checker
	logger         *slog.Logger
}

// New returns a Service.
func New(st *store.Store, engine *workflow.Engine, qs *questionnaire.Cache, mailer *mail.Mailer, renderer pdf.Renderer, docs *dossier.Service, logger *slog.Logger) *Service {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Service{store: st, engine: engine, policy: engine.Policy(), questionnaires: qs, mail: mailer, pdf: renderer, docs: docs,
		checker: evallc.NewChecker(), logger: logger}
}

// staff decides an action without a subject (staff's pages and commands).
func (s *Service) decide(a policy.Action, who policy.Principal) error {
	return s.policy.Decide(a, policy.Relations(who, policy.Facts{}), policy.Facts{})
}

// questionnaire returns a campaign's questionnaire.
func (s *Service) questionnaire(cp *domain.Campaign) (*questionnaire.Questionnaire, error) {
	return s.questionnaires.Get(cp.QuestionnaireHash, cp.Questionnaire, cp.QuestionnaireName())
}

// grid returns a campaign's evaluation grid, or an error saying it has none.
func (s *Service) grid(cp *domain.Campaign) (*questionnaire.Questionnaire, *questionnaire.Grid, error) {
	q, err := s.questionnaire(cp)
	if err != nil {
		return nil, nil, err
	}
	if q.Grid == nil {
		return nil, nil, domain.Errorf(domain.EUnprocessable, "Le questionnaire de la campagne %d n’a pas de grille d’évaluation (section « evaluation »).", cp.Year)
	}
	return q, q.Grid, nil
}

// Settings returns a campaign's jury settings.
func (s *Service) Settings(ctx context.Context, campaignID int64) (domain.JurySettings, error) {
	return s.store.JurySettings(ctx, campaignID)
}

// PutSettings changes a campaign's jury settings (staff).
func (s *Service) PutSettings(ctx context.Context, js domain.JurySettings, who policy.Principal) error {
	if err := s.decide(policy.JuryManage, who); err != nil {
		return err
	}
	if js.PerCandidature < 1 || js.PerCandidature > 20 {
		return &domain.Error{Code: domain.EInvalid, Message: "Le nombre d’évaluations par candidature va de 1 à 20.",
			Fields: map[string]string{"per_candidature": "De 1 à 20."}}
	}
	switch js.Visibility {
	case domain.VisibilityNever, domain.VisibilityAfterOwn, domain.VisibilityAlways:
	default:
		return &domain.Error{Code: domain.EInvalid, Message: "La visibilité des évaluations est « jamais », « apres » ou « toujours ».",
			Fields: map[string]string{"visibility": "jamais, apres ou toujours"}}
	}
	return s.store.PutJurySettings(ctx, &js)
}
