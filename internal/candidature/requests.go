package candidature

import (
	"context"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/cleantext"
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
)

// AskRequest asks about the candidature a collectivité already has in a
// campaign: to join it, or to report an error (the wrong élu référent).
type AskRequest struct {
	CampaignID, CollectiviteID int64
	Kind                       string // store.RequestJoin or store.RequestError
	Message                    string
}

// Ask records a request from someone outside a collectivité's candidature,
// in its history, for staff to decide. The person's address must be
// confirmed.
func (s *Service) Ask(ctx context.Context, who policy.Principal, req AskRequest) (*store.CandidatureRequest, error) {
	if err := s.policy.Decide(policy.CandidatureAsk, policy.Relations(who, policy.Facts{}), policy.Facts{}); err != nil {
		return nil, err
	}
	if !who.Verified {
		return nil, domain.Errorf(domain.EForbidden, "Confirmez d’abord votre adresse électronique avec le lien reçu par courriel.")
	}
	if req.Kind != store.RequestJoin && req.Kind != store.RequestError {
		return nil, domain.Errorf(domain.EUnprocessable, "Choisissez « Demander à rejoindre » ou « Signaler une erreur ».")
	}
	msg := strings.TrimSpace(strings.ReplaceAll(req.Message, "\r\n", "\n"))
	if p := cleantext.Problem(msg, true); p != "" {
		return nil, &domain.Error{Code: domain.EUnprocessable, Message: "Le message " + p + ".", Fields: map[string]string{"message": "Le message " + p + "."}}
	}
	if n := len([]rune(msg)); n > 2000 {
		return nil, &domain.Error{Code: domain.EUnprocessable, Message: "Le message ne doit pas dépasser 2 000 caractères.", Fields: map[string]string{"message": "2 000 caractères au plus."}}
	}
	if req.Kind == store.RequestError && cleantext.Blank(msg) {
		return nil, &domain.Error{Code: domain.EUnprocessable, Message: "Dites ce qui est erroné : qui est l’élu référent de la collectivité ?", Fields: map[string]string{"message": "Expliquez l’erreur."}}
	}
	c, err := s.store.CandidatureOf(ctx, req.CampaignID, req.CollectiviteID)
	if err != nil || c.State == domain.Retiree {
		return nil, domain.Errorf(domain.ENotFound, "Cette collectivité n’a pas de candidature pour cette campagne : vous pouvez en créer une.")
	}
	r := &store.CandidatureRequest{CandidatureID: c.ID, UserID: who.UserID, Kind: req.Kind, Message: msg}
	label := map[string]string{store.RequestJoin: "Demande à rejoindre la candidature", store.RequestError: "Erreur signalée sur la candidature"}[req.Kind]
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.AddRequest(ctx, r); err != nil {
			return err
		}
		note := fmt.Sprintf("%s, par %s (%s).", label, who.Name, who.Email)
		if msg != "" {
			note += "\n" + msg
		}
		return s.engine.Record(ctx, tx, candlc.Name, c.ID, candlc.RecordRequest, c.State, who, policy.SignedIn, note)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// PendingRequests lists the requests staff have to decide.
func (s *Service) PendingRequests(ctx context.Context, staff policy.Principal) ([]store.PendingRequest, error) {
	if err := s.policy.Decide(policy.BackOffice, policy.Relations(staff, policy.Facts{}), policy.Facts{}); err != nil {
		return nil, err
	}
	return s.store.PendingRequests(ctx)
}

// DecideRequest records staff's decision on a request, in one transaction
// with its effect and its history row, and mails the person who asked and
// the élu référent: transfer the élu référent role to them, add them as
// accompagnateur, or refuse.
func (s *Service) DecideRequest(ctx context.Context, staff policy.Principal, requestID int64, decision, comment string) error {
	if err := s.policy.Decide(policy.BackOffice, policy.Relations(staff, policy.Facts{}), policy.Facts{}); err != nil {
		return err
	}
	said := map[string]string{store.RequestTransfer: "devient élu référent", store.RequestAdd: "participe à la candidature comme accompagnateur",
		store.RequestRefuse: "demande refusée"}[decision]
	if said == "" {
		return domain.Errorf(domain.EUnprocessable, "Choisissez : transférer le rôle d’élu référent, ajouter comme accompagnateur ou refuser.")
	}
	comment = strings.TrimSpace(comment)
	if p := cleantext.Problem(comment, true); p != "" {
		return domain.Errorf(domain.EUnprocessable, "Le commentaire %s.", p)
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		r, err := tx.DecideRequest(ctx, requestID, decision, staff.UserID)
		if err != nil {
			return err
		}
		c, err := tx.Candidature(ctx, r.CandidatureID)
		if err != nil {
			return err
		}
		users, err := tx.UsersByID(ctx, []int64{r.UserID, c.EluUserID})
		if err != nil {
			return err
		}
		asker, elu := users[r.UserID], users[c.EluUserID]
		if asker == nil || elu == nil {
			return domain.Errorf(domain.ENotFound, "Compte introuvable.")
		}
		switch decision {
		case store.RequestTransfer:
			if err := tx.SetElu(ctx, c.ID, asker.ID); err != nil {
				return err
			}
		case store.RequestAdd:
			if err := tx.AddMember(ctx, c.ID, asker.ID, domain.MemberAccompagnateur); err != nil {
				return err
			}
		}
		note := fmt.Sprintf("Demande de %s (%s) : %s.", asker.Name, asker.Email, said)
		if comment != "" {
			note += "\n" + comment
		}
		if err := s.engine.Record(ctx, tx, candlc.Name, c.ID, candlc.RecordRequestDecided, c.State, staff, policy.Staff, note); err != nil {
			return err
		}
		coll, err := tx.Collectivite(ctx, c.CollectiviteID)
		if err != nil {
			return err
		}
		for _, to := range []*domain.User{asker, elu} {
			msg, err := s.mail.Message("demande_decision", to.Email, struct {
				Name, Email, Collectivite, Decision, Comment string
				ID                                           int64
				Asker                                        bool
			}{asker.Name, asker.Email, coll.Name, decision, comment, c.ID, to.ID == asker.ID})
			if err != nil {
				return err
			}
			if err := tx.Enqueue(ctx, msg); err != nil {
				return err
			}
		}
		return nil
	})
}
