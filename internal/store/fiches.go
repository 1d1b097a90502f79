package store

import (
	"context"

	"github.com/adullact/tnl/internal/domain"
)

// PutFiche writes a mairie's public entry.
func (s *Store) PutFiche(ctx context.Context, f *domain.MairieFiche) error {
	return s.InTx(ctx, func(tx *Tx) error { return tx.PutFiche(ctx, f) })
}

// PutFiche is Store.PutFiche inside the transaction.
func (t *Tx) PutFiche(ctx context.Context, f *domain.MairieFiche) error {
	f.UpdatedAt = t.Now()
	_, err := t.tx.NewInsert().Model(f).On("CONFLICT (collectivite_id) DO UPDATE").
		Set("logiciels = EXCLUDED.logiciels").Set("contact = EXCLUDED.contact").Set("website = EXCLUDED.website").
		Set("updated_at = EXCLUDED.updated_at").Exec(ctx)
	return err
}

// Fiche returns a mairie's public entry.
func (s *Store) Fiche(ctx context.Context, collectiviteID int64) (*domain.MairieFiche, error) {
	f := new(domain.MairieFiche)
	if err := s.db.NewSelect().Model(f).Where("collectivite_id = ?", collectiviteID).Scan(ctx); err != nil {
		return nil, notFound(err, "Pas de fiche.")
	}
	return f, nil
}

// Fiches returns every public entry, by collectivité.
func (s *Store) Fiches(ctx context.Context) (map[int64]domain.MairieFiche, error) {
	var rows []domain.MairieFiche
	if err := s.db.NewSelect().Model(&rows).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[int64]domain.MairieFiche, len(rows))
	for _, f := range rows {
		out[f.CollectiviteID] = f
	}
	return out, nil
}

// ContactVisite returns the latest confirmed request of a collectivité
// whose contact has this address, or a not-found error.
func (s *Store) ContactVisite(ctx context.Context, collectiviteID int64, email string) (*domain.Visite, error) {
	v := new(domain.Visite)
	err := s.db.NewSelect().Model(v).Where("collectivite_id = ? AND contact_email = ? AND confirmed_at IS NOT NULL", collectiviteID, NormalizeEmail(email)).
		Order("id DESC").Limit(1).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Aucune demande.")
	}
	return v, nil
}
