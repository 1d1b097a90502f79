package ambassadeurs

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// FicheTTL is how long a link to update a public entry works.
const FicheTTL = 7 * 24 * time.Hour

// FicheRequest is a mairie's public entry as it edits it.
type FicheRequest struct {
	Logiciels string // the free software it uses, one a line
	Contact   string // how to reach whoever deals with it at the mairie
	Website   string
}

func (s *Service) saveFiche(ctx context.Context, collectiviteID int64, f FicheRequest) error {
	fields := map[string]string{}
	f.Logiciels, f.Contact, f.Website = strings.TrimSpace(f.Logiciels), strings.TrimSpace(f.Contact), strings.TrimSpace(f.Website)
	if utf8.RuneCountInString(f.Logiciels) > 2000 {
		fields["logiciels"] = "Liste trop longue (2 000 caractères au plus)."
	}
	if utf8.RuneCountInString(f.Contact) > 300 {
		fields["contact"] = "Contact trop long (300 caractères au plus)."
	}
	if f.Website != "" {
		if u, err := url.Parse(f.Website); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fields["website"] = "Adresse du site invalide : elle commence par https://."
		}
	}
	if len(fields) > 0 {
		return &domain.Error{Code: domain.EInvalid, Message: "Le formulaire contient des erreurs.", Fields: fields}
	}
	return s.store.PutFiche(ctx, &domain.MairieFiche{CollectiviteID: collectiviteID, Logiciels: f.Logiciels, Contact: f.Contact, Website: f.Website})
}

// RequestFicheLink sends the contact of a commune's request a link to
// update its public entry, when the address is that of one of its
// requests; it says nothing either way, so that nobody can probe for them.
func (s *Service) RequestFicheLink(ctx context.Context, collectiviteID int64, email string) error {
	email, err := account.CheckEmail(email)
	if err != nil {
		return err
	}
	v, err := s.store.ContactVisite(ctx, collectiviteID, email)
	if domain.ErrorCode(err) == domain.ENotFound {
		return nil
	} else if err != nil {
		return err
	}
	if sent, err := s.store.AmbassadeurLinkSentSince(ctx, domain.LinkFiche, email, nil, &v.ID, s.store.Now().Add(-account.LinkInterval)); err != nil || sent {
		return err
	}
	c, err := s.store.Collectivite(ctx, collectiviteID)
	if err != nil {
		return err
	}
	token, hash := store.NewLinkToken()
	id := v.ID
	l := &domain.AmbassadeurLink{TokenHash: hash, Kind: domain.LinkFiche, Email: email, VisiteID: &id, ExpiresAt: s.store.Now().Add(FicheTTL)}
	msg, err := s.mail.Message("fiche_lien", email, struct{ Commune, Token string }{c.Name, token})
	if err != nil {
		return err
	}
	return s.store.CreateAmbassadeurLink(ctx, l, msg)
}

// FicheByToken returns the commune and public entry a link opens, without
// using the link.
func (s *Service) FicheByToken(ctx context.Context, token string) (*domain.Collectivite, *domain.MairieFiche, error) {
	l, err := s.store.AmbassadeurLink(ctx, store.HashLinkToken(token), domain.LinkFiche)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.store.Visite(ctx, *l.VisiteID)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.store.Collectivite(ctx, v.CollectiviteID)
	if err != nil {
		return nil, nil, err
	}
	f, err := s.store.Fiche(ctx, c.ID)
	if domain.ErrorCode(err) == domain.ENotFound {
		f, err = &domain.MairieFiche{CollectiviteID: c.ID}, nil
	}
	return c, f, err
}

// SaveFicheByToken saves the public entry through its link, which then
// stops working.
func (s *Service) SaveFicheByToken(ctx context.Context, token string, f FicheRequest) error {
	c, _, err := s.FicheByToken(ctx, token)
	if err != nil {
		return err
	}
	if err := s.saveFiche(ctx, c.ID, f); err != nil {
		return err
	}
	_, err = s.store.UseAmbassadeurLink(ctx, store.HashLinkToken(token), domain.LinkFiche, nil)
	return err
}
