package candidature

import (
	"context"
	"fmt"
	"time"

	"github.com/adullact/tnl/internal/account"
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 14 * 24 * time.Hour

// Invite sends a co-editor (GULL member, agent…) a link to join the
// candidature. Only the élu référent invites.
func (s *Service) Invite(ctx context.Context, d *Draft, email string) error {
	if err := d.may(s.policy, policy.CandidatureMembers); err != nil {
		return err
	}
	c := d.C
	email, err := account.CheckEmail(email)
	if err != nil {
		return err
	}
	members, err := s.store.Members(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.Email == email {
			return &domain.Error{Code: domain.EConflict, Message: fmt.Sprintf("%s participe déjà à cette candidature.", email),
				Fields: map[string]string{"email": "Cette personne participe déjà."}}
		}
	}
	if sent, err := s.store.LinkSentSince(ctx, domain.LinkInvitation, email, &c.ID, s.store.Now().Add(-account.LinkInterval)); err != nil {
		return err
	} else if sent {
		msg := "Une invitation vient d’être envoyée à cette adresse : attendez quelques minutes avant d’en envoyer une autre."
		return &domain.Error{Code: domain.EUnprocessable, Message: msg, Fields: map[string]string{"email": msg}}
	}
	coll, err := s.store.Collectivite(ctx, c.CollectiviteID)
	if err != nil {
		return err
	}
	token, err := account.RandomToken(32)
	if err != nil {
		return err
	}
	cid, by := c.ID, d.Who.UserID
	link := &domain.AuthLink{TokenHash: account.HashToken(token), Kind: domain.LinkInvitation, Email: email,
		CandidatureID: &cid, CreatedBy: &by, ExpiresAt: s.store.Now().Add(InvitationTTL)}
	msg, err := s.mail.Message("invitation", email, struct {
		From, FromEmail, Collectivite, Token string
	}{d.Who.Name, d.Who.Email, coll.Name, token})
	if err != nil {
		return err
	}
	return s.store.CreateLink(ctx, link, msg)
}

// Invitation returns the candidature an invitation link is for, without using it.
func (s *Service) Invitation(ctx context.Context, token string) (*domain.AuthLink, *domain.Candidature, error) {
	l, err := s.store.PeekLink(ctx, account.HashToken(token), domain.LinkInvitation)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.store.Candidature(ctx, *l.CandidatureID)
	if err != nil {
		return nil, nil, err
	}
	return l, c, nil
}

// AcceptInvitation uses an invitation link: the signed-in person becomes an
// accompagnateur of the candidature (an élu référent stays élu).
func (s *Service) AcceptInvitation(ctx context.Context, token string, u *domain.User) (*domain.Candidature, error) {
	l, err := s.store.UseLink(ctx, account.HashToken(token), domain.LinkInvitation, func(tx *store.Tx, l *domain.AuthLink) error {
		c, err := tx.Candidature(ctx, *l.CandidatureID)
		if err != nil {
			return err
		}
		if c.EluUserID == u.ID {
			return nil
		}
		sameAddress := store.NormalizeEmail(u.Email) == store.NormalizeEmail(l.Email)
		switch {
		case sameAddress && u.EmailVerifiedAt == nil:
			// Opening the link proves the address.
			if err := tx.MarkEmailVerified(ctx, u.ID); err != nil {
				return err
			}
		case !sameAddress && u.EmailVerifiedAt == nil:
			// The invitation is for the address it was sent to: another
			// account must at least have proved its own.
			return domain.Errorf(domain.EForbidden, "Cette invitation a été envoyée à %s. Pour l’accepter avec votre compte (%s), confirmez d’abord votre adresse avec le lien reçu par courriel, ou connectez-vous avec le compte de %s.",
				l.Email, u.Email, l.Email)
		}
		if err := tx.AddMember(ctx, c.ID, u.ID, domain.MemberAccompagnateur); err != nil {
			return err
		}
		// The élu sees who accepted: in the history, and by email.
		who := u.Name
		if who == "" {
			who = u.Email
		}
		note := fmt.Sprintf("Invitation envoyée à %s, acceptée par %s (%s).", l.Email, who, u.Email)
		if err := s.engine.Record(ctx, tx, candlc.Name, c.ID, candlc.RecordInvitationAccepted, c.State, policy.User(u), policy.Accompagnateur, note); err != nil {
			return err
		}
		elu, err := tx.UsersByID(ctx, []int64{c.EluUserID})
		if err != nil {
			return err
		}
		coll, err := tx.Collectivite(ctx, c.CollectiviteID)
		if err != nil {
			return err
		}
		if e := elu[c.EluUserID]; e != nil && e.Email != "" {
			msg, err := s.mail.Message("invitation_acceptee", e.Email, struct {
				Invited, Name, Email, Collectivite string
				ID                                 int64
			}{l.Email, who, u.Email, coll.Name, c.ID})
			if err != nil {
				return err
			}
			return tx.Enqueue(ctx, msg)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.store.Candidature(ctx, *l.CandidatureID)
}

// RemoveMember takes an accompagnateur off the candidature (élu only).
func (s *Service) RemoveMember(ctx context.Context, d *Draft, userID int64) error {
	if err := d.may(s.policy, policy.CandidatureMembers); err != nil {
		return err
	}
	return s.store.RemoveMember(ctx, d.C.ID, userID)
}
