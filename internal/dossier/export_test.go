package dossier

import (
	"context"

	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/internal/policy"
)

// BuildDossier returns the view of a candidature's dossier as a person
// with these relations to it reads it, for the tests to check its content
// without going through the PDF.
func (s *Service) BuildDossier(ctx context.Context, candidatureID int64, rels policy.Set) (*pdf.Dossier, error) {
	sub, err := s.load(ctx, candidatureID)
	if err != nil {
		return nil, err
	}
	return s.dossierView(sub, rels), nil
}
