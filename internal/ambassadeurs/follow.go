package ambassadeurs

import (
	"context"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Follow is a request as its contact sees it through their personal link.
type Follow struct {
	Token    string
	Snapshot *workflow.Snapshot
	Payload  *visitelc.Payload
	Actions  []workflow.Action
	Trail    []domain.AuditEntry
	// Confirmed: this opening of the link confirmed the request.
	Confirmed bool
	Fiche     *domain.MairieFiche
	// Candidature: the request's visit took place and the current
	// campaign takes candidatures: the contact may start one.
	Candidature bool
	Campaign    *domain.Campaign
}

// contact resolves a personal link to its request and the principal of
// whoever opened it (who: the account signed in, if any).
func (s *Service) contact(ctx context.Context, token string, who policy.Principal) (*domain.Visite, policy.Principal, error) {
	l, err := s.store.AmbassadeurLink(ctx, store.HashLinkToken(token), domain.LinkSuivi)
	if err != nil || l.VisiteID == nil {
		return nil, policy.Principal{}, domain.Errorf(domain.ENotFound, "Ce lien de suivi n’est plus valable : il a expiré, ou il est incomplet. Ouvrez le lien du dernier courriel reçu.")
	}
	v, err := s.store.Visite(ctx, *l.VisiteID)
	if err != nil {
		return nil, policy.Principal{}, err
	}
	if l.UsedAt == nil {
		if err := s.store.MarkLinkSeen(ctx, l.TokenHash); err != nil {
			return nil, policy.Principal{}, err
		}
	}
	return v, policy.ContactOf(who, visitelc.Name, v.ID, v.ContactEmail), nil
}

// Follow opens a request through its contact's personal link; the first
// opening of an unconfirmed request confirms it (the address is proved)
// and routes it.
func (s *Service) Follow(ctx context.Context, token string, who policy.Principal) (*Follow, error) {
	v, contact, err := s.contact(ctx, token, who)
	if err != nil {
		return nil, err
	}
	f := &Follow{Token: token}
	if v.State == domain.VisiteDemandee {
		if _, err := s.engine.Fire(ctx, visitelc.Name, v.ID, "confirmer", contact, workflow.Input{}); err != nil {
			return nil, err
		}
		f.Confirmed = true
	}
	if f.Snapshot, err = s.engine.Load(ctx, visitelc.Name, v.ID, contact); err != nil {
		return nil, err
	}
	f.Payload = f.Snapshot.Payload.(*visitelc.Payload)
	if f.Actions, err = s.engine.Actions(ctx, f.Snapshot); err != nil {
		return nil, err
	}
	trail, err := s.store.AuditTrail(ctx, visitelc.Name, v.ID)
	if err != nil {
		return nil, err
	}
	f.Trail = contactTrail(trail)
	if fiche, err := s.store.Fiche(ctx, v.CollectiviteID); err == nil {
		f.Fiche = fiche
	}
	st := f.Snapshot.State
	if st == domain.VisiteFaite || st == domain.VisiteAccompagnement {
		if cp, err := s.store.CurrentCampaign(ctx); err == nil && cp.State == domain.CampagneOuverte && s.store.Now().Before(cp.ClosesAt) {
			f.Campaign, f.Candidature = cp, true
		}
	}
	return f, nil
}

// contactTrail is the history as the contact reads it: the ambassadeurs by
// name, staff and the platform by their title, the reasons of « Pas pour
// moi » left out (they are for the ambassadeurs).
func contactTrail(trail []domain.AuditEntry) []domain.AuditEntry {
	out := trail[:0]
	for _, e := range trail {
		if e.Event == "decliner" || e.Event == "relancer" {
			continue
		}
		if e.ActorRole == policy.Staff.Code() {
			e.ActorLabel, e.ActorID = policy.Staff.Title(), nil
		}
		if e.ActorRole == policy.System.Code() {
			e.ActorLabel = "la plateforme"
		}
		out = append(out, e)
	}
	return out
}

// FireAsContact fires an event of the request as its contact.
func (s *Service) FireAsContact(ctx context.Context, token, event string, who policy.Principal, in workflow.Input) error {
	v, contact, err := s.contact(ctx, token, who)
	if err != nil {
		return err
	}
	_, err = s.engine.Fire(ctx, visitelc.Name, v.ID, event, contact, in)
	return err
}

// SetConsent records whether the mairie agrees to appear on the public site.
func (s *Service) SetConsent(ctx context.Context, token string, consent bool, who policy.Principal) error {
	v, contact, err := s.contact(ctx, token, who)
	if err != nil {
		return err
	}
	if err := s.store.SetVisiteConsent(ctx, v.ID, consent); err != nil {
		return err
	}
	comment := "Ne plus apparaître sur le site public"
	if consent {
		comment = "Apparaître sur le site public"
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		return s.engine.Record(ctx, tx, visitelc.Name, v.ID, visitelc.RecordConsent, v.State, contact, policy.Contact, comment)
	})
}

// SaveFicheAsContact updates the commune's public entry from the personal link.
func (s *Service) SaveFicheAsContact(ctx context.Context, token string, f FicheRequest, who policy.Principal) error {
	v, _, err := s.contact(ctx, token, who)
	if err != nil {
		return err
	}
	return s.saveFiche(ctx, v.CollectiviteID, f)
}

// StartCandidature starts, in one click from the personal link, the
// commune's candidature to the current campaign: the signed-in person
// becomes its élu référent, the ambassadeur who visited its accompagnateur,
// and the request is closed as « candidature au label ».
func (s *Service) StartCandidature(ctx context.Context, token string, u *domain.User) (*domain.Candidature, error) {
	if u == nil {
		return nil, domain.Errorf(domain.EUnauthorized, "Connectez-vous, ou créez un compte, pour devenir l’élu référent de la candidature.")
	}
	v, _, err := s.contact(ctx, token, policy.User(u))
	if err != nil {
		return nil, err
	}
	if v.State != domain.VisiteFaite && v.State != domain.VisiteAccompagnement {
		return nil, domain.Errorf(domain.EUnprocessable, "La candidature se commence après la visite de l’ambassadeur.")
	}
	cp, err := s.store.CurrentCampaign(ctx)
	if err != nil || cp.State != domain.CampagneOuverte {
		return nil, domain.Errorf(domain.EUnprocessable, "Aucune campagne du label n’accepte de candidature en ce moment : revenez à l’ouverture de la prochaine.")
	}
	// The personal link proves the contact's address: an account with the
	// same address is confirmed by it.
	if u.EmailVerifiedAt == nil && strings.EqualFold(u.Email, v.ContactEmail) {
		if err := s.store.MarkEmailVerified(ctx, u.ID); err != nil {
			return nil, err
		}
		if u, err = s.store.User(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	c, err := s.cands.Create(ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: v.CollectiviteID, Prefill: true}, policy.User(u))
	if err != nil {
		return nil, err
	}
	if v.AmbassadeurID != nil && *v.AmbassadeurID != u.ID {
		if err := s.store.InTx(ctx, func(tx *store.Tx) error {
			return tx.AddMember(ctx, c.ID, *v.AmbassadeurID, domain.MemberAccompagnateur)
		}); err != nil {
			return nil, err
		}
	}
	in := workflow.Input{Values: map[string][]string{visitelc.FieldReference: {c.Reference}},
		Comment: fmt.Sprintf("Candidature %s commencée par %s", c.Reference, u.Email)}
	if _, err := s.engine.Fire(ctx, visitelc.Name, v.ID, "candidater", policy.Platform(), in); err != nil {
		return nil, err
	}
	return c, nil
}
