package dossier

import (
	"bytes"
	"context"
	"fmt"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/questionnaire"
	"github.com/adullact/tnl/workflow"
)

// Service builds and renders the documents of candidatures. It is safe for
// concurrent use.
type Service struct {
	store          *store.Store
	questionnaires func(*domain.Campaign) (*questionnaire.Questionnaire, error)
	renderer       pdf.Renderer
	states         *workflow.Definition // for the state labels
}

// New returns a Service reading st, formatting answers with the
// questionnaire each campaign pinned, as returned by questionnaires (the
// server passes workflow's Env.Questionnaire, which parses each one once),
// and rendering with r.
func New(st *store.Store, questionnaires func(*domain.Campaign) (*questionnaire.Questionnaire, error), r pdf.Renderer) *Service {
	return &Service{store: st, questionnaires: questionnaires, renderer: r, states: workflow.Candidature()}
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
	q, err := s.questionnaires(cp)
	if err != nil {
		return nil, fmt.Errorf("questionnaire de la campagne %d : %w", cp.Year, err)
	}
	return &subject{campaign: cp, questionnaire: q, data: &rows[0]}, nil
}

// BuildDossier returns the view of a candidature's dossier.
func (s *Service) BuildDossier(ctx context.Context, candidatureID int64) (*pdf.Dossier, error) {
	sub, err := s.load(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	return s.dossierView(sub, true), nil
}

// Dossier renders a candidature's dossier, whatever its state, as the
// jury and staff read it: with the level once deliberated.
func (s *Service) Dossier(ctx context.Context, candidatureID int64) ([]byte, error) {
	return s.dossier(ctx, candidatureID, true)
}

// PublicDossier renders the dossier as the collectivité reads it: the
// jury's level appears only once the results are published.
func (s *Service) PublicDossier(ctx context.Context, candidatureID int64) ([]byte, error) {
	return s.dossier(ctx, candidatureID, false)
}

func (s *Service) dossier(ctx context.Context, candidatureID int64, reviewer bool) ([]byte, error) {
	sub, err := s.load(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	return render(func(buf *bytes.Buffer) error { return s.renderer.Dossier(buf, s.dossierView(sub, reviewer)) })
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
// deliberated on and awarded a level; otherwise it returns a not-found
// error.
func (s *Service) Certificate(ctx context.Context, candidatureID int64) ([]byte, error) {
	sub, err := s.load(ctx, candidatureID)
	if err != nil {
		return nil, err
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
