package publipostage

import (
	"context"
	"io"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/sheet"
	"github.com/adullact/tnl/internal/store"
)

// Steps of a mairie's progress after a letter.
const (
	StepPrepared    = "en_preparation"
	StepSent        = "courrier_envoye"
	StepAsked       = "demande"
	StepVisited     = "visite"
	StepCandidature = "candidature"
)

// StepLabel is a step's French label.
func StepLabel(step string) string {
	return map[string]string{StepPrepared: "Courrier en préparation", StepSent: "Courrier envoyé", StepAsked: "Demande de visite",
		StepVisited: "Visite faite", StepCandidature: "Candidature au label"}[step]
}

// Step returns where a recipient is.
func Step(r store.Recipient) string {
	switch {
	case r.CandidatureID != nil:
		return StepCandidature
	case r.VisiteState != nil && (*r.VisiteState == domain.VisiteFaite || *r.VisiteState == domain.VisiteAccompagnement || *r.VisiteState == domain.VisiteCandidature):
		return StepVisited
	case r.VisiteID != nil:
		return StepAsked
	case r.SentAt != nil:
		return StepSent
	}
	return StepPrepared
}

// Progress is a campaign's recipients with where each is.
type Progress struct {
	Recipients []store.Recipient
	// Counts per step; each mairie counts at its furthest step.
	Counts    map[string]int
	WithEmail int
}

// Progress returns a campaign's progress.
func (s *Service) Progress(ctx context.Context, id int64, who policy.Principal) (*Progress, error) {
	if _, _, err := s.may(ctx, id, who, policy.Read("courrier")); err != nil {
		return nil, err
	}
	rows, err := s.store.Recipients(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &Progress{Recipients: rows, Counts: map[string]int{}}
	for _, r := range rows {
		p.Counts[Step(r)]++
		if r.Email != "" {
			p.WithEmail++
		}
	}
	return p, nil
}

// WriteProgressCSV writes the progress of each mairie as CSV.
func (s *Service) WriteProgressCSV(ctx context.Context, w io.Writer, id int64, who policy.Principal) error {
	p, err := s.Progress(ctx, id, who)
	if err != nil {
		return err
	}
	c, err := s.store.Courrier(ctx, id)
	if err != nil {
		return err
	}
	t := &sheet.Table{Name: "Suivi", Title: "Suivi de la campagne « " + c.Title + " »", Updated: s.store.Now(),
		Columns: []sheet.Column{
			{Name: "code_insee", Title: "Code INSEE", Type: sheet.String, Required: true, Unique: true},
			{Name: "commune", Title: "Commune", Type: sheet.String, Required: true},
			{Name: "departement", Title: "Département", Type: sheet.String},
			{Name: "code", Title: "Code personnel", Type: sheet.String, Required: true},
			{Name: "email", Title: "Courriel", Type: sheet.String},
			{Name: "maire", Title: "Maire", Type: sheet.String},
			{Name: "envoye_le", Title: "Courrier envoyé le", Type: sheet.Date},
			{Name: "relance_le", Title: "Relancé le", Type: sheet.Date},
			{Name: "etape", Title: "Étape", Type: sheet.String, Required: true},
			{Name: "demande", Title: "État de la demande", Type: sheet.String},
		}, PrimaryKey: []string{"code_insee"}}
	for _, r := range p.Recipients {
		var sent, reminded, state any
		if r.SentAt != nil {
			sent = r.SentAt.In(fr.Paris())
		}
		if r.RemindedAt != nil {
			reminded = r.RemindedAt.In(fr.Paris())
		}
		if r.VisiteState != nil {
			state = visitelc.StateLabel(*r.VisiteState)
		}
		t.Rows = append(t.Rows, []any{r.Insee, r.Name, r.DepartementCode, r.Code, r.Email, r.Maire, sent, reminded, StepLabel(Step(r)), state})
	}
	return sheet.WriteCSV(w, t)
}
