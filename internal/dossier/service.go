package dossier

import (
	"bytes"
	"context"
	"fmt"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
)

// Service builds and renders the documents of candidatures. It is safe for
// concurrent use.
type Service struct {
	store          *store.Store
	questionnaires *questionnaire.Cache
	renderer       pdf.Renderer
}

// New returns a Service reading st, formatting answers with the
// questionnaire each campaign pinned (parsed once per content hash by qs),
// and rendering with r.
func New(st *store.Store, qs *questionnaire.Cache, r pdf.Renderer) *Service {
	return &Service{store: st, questionnaires: qs, renderer: r}
}

func (s *Service) questionnaire(cp *domain.Campaign) (*questionnaire.Questionnaire, error) {
	return s.questionnaires.Get(cp.QuestionnaireHash, cp.Questionnaire, cp.QuestionnaireName())
}

// subject is one candidature with everything its documents show.
type subject struct {
	campaign      *domain.Campaign
	questionnaire *questionnaire.Questionnaire
	data          *store.DossierData
}

// load reads one candidature, its campaign and its questionnaire.
func (s *Service) load(ctx context.Context, id int64) (*subject, error) {
	rows, err := s.store.Dossiers(ctx, []int64{id})
	if err != nil {
		return nil, fmt.Errorf("lecture de la candidature %d : %w", id, err)
	}
	if len(rows) == 0 {
		return nil, domain.Errorf(domain.ENotFound, "Candidature n° %d introuvable.", id)
	}
	cp, err := s.store.Campaign(ctx, rows[0].Candidature.CampaignID)
	if err != nil {
		return nil, err
	}
	q, err := s.questionnaire(cp)
	if err != nil {
		return nil, fmt.Errorf("questionnaire de la campagne %d : %w", cp.Year, err)
	}
	return &subject{campaign: cp, questionnaire: candlc.QuestionnaireFor(q, &rows[0].Candidature.Candidature), data: &rows[0]}, nil
}

// Reviewers reads documents as staff and the jury do.
var Reviewers = policy.Of(policy.Staff)

// Dossier renders a candidature's dossier, whatever its state, as a person
// with these relations to it reads it: with the jury's level once the
// policy lets them see it (reviewers once deliberated, everybody once
// published).
func (s *Service) Dossier(ctx context.Context, candidatureID int64, rels policy.Set) ([]byte, error) {
	sub, err := s.load(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	return render(func(buf *bytes.Buffer) error { return s.renderer.Dossier(buf, s.dossierView(sub, rels)) })
}

// View returns the view of a candidature's dossier (cover and answers) as a
// person with these relations reads it, for the documents that extend it
// (the jury's sheet).
func (s *Service) View(ctx context.Context, candidatureID int64, rels policy.Set) (*pdf.Dossier, error) {
	sub, err := s.load(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	return s.dossierView(sub, rels), nil
}

// Receipt renders the acknowledgement of receipt of a submitted
// candidature; before submission it returns a not-found error.
func (s *Service) Receipt(ctx context.Context, candidatureID int64) ([]byte, error) {
	_, data, err := s.receipt(ctx, candidatureID)
	return data, err
}

// receipt renders the receipt and returns the candidature it is about.
func (s *Service) receipt(ctx context.Context, candidatureID int64) (*subject, []byte, error) {
	sub, err := s.load(ctx, candidatureID)
	if err != nil {
		return nil, nil, err
	}
	view, err := s.receiptView(sub)
	if err != nil {
		return nil, nil, err
	}
	data, err := render(func(buf *bytes.Buffer) error { return s.renderer.Receipt(buf, view) })
	return sub, data, err
}

// Certificate renders the certificate of a candidature the jury has
// deliberated on and awarded a level, for a person who may see that level;
// otherwise it returns a not-found or forbidden error that says when it
// will be available.
func (s *Service) Certificate(ctx context.Context, candidatureID int64, rels policy.Set) ([]byte, error) {
	sub, err := s.load(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	if facts := candlc.Facts(&sub.data.Candidature.Candidature, ""); facts.Decided && !policy.LevelVisible(rels, facts) {
		return nil, domain.Errorf(domain.EForbidden, "Le diplôme sera disponible à la publication du palmarès.")
	}
	view, err := s.certificateView(sub)
	if err != nil {
		return nil, err
	}
	return render(func(buf *bytes.Buffer) error { return s.renderer.Certificate(buf, view) })
}

func render(fn func(*bytes.Buffer) error) ([]byte, error) {
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		return nil, fmt.Errorf("rendu du PDF : %w", err)
	}
	return buf.Bytes(), nil
}
