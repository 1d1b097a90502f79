package dossier

import (
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/pdf"
)

// certificateView builds the certificate of a candidature the jury
// awarded a level. It is dated by the publication of the results, or,
// before it, by the deliberation.
func (s *Service) certificateView(sub *subject) (*pdf.Certificate, error) {
	c := &sub.data.Candidature
	if !candlc.Facts(&c.Candidature, "").Decided {
		return nil, domain.Errorf(domain.ENotFound, "Le diplôme est disponible une fois la candidature délibérée (elle est « %s »).", candlc.StateLabel(c.State))
	}
	if c.Level == nil || *c.Level <= 0 {
		return nil, domain.Errorf(domain.ENotFound, "Le jury n’a pas attribué de niveau à cette candidature : il n’y a pas de diplôme.")
	}
	issued := c.UpdatedAt
	if c.State == domain.Publiee && sub.campaign.PublishedAt != nil {
		issued = *sub.campaign.PublishedAt
	}
	return &pdf.Certificate{
		Scheme:       labelName,
		Collectivite: c.CollectiviteName,
		Year:         sub.campaign.Year,
		Level:        levelView(sub.campaign.AwardScheme, *c.Level),
		Motivation:   c.Motivation,
		Mentions:     c.Mentions,
		IssuedAt:     issued.UTC(),
	}, nil
}
