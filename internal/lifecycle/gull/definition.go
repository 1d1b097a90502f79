// Package gull defines the lifecycle of a GULL on the ambassadeurs' side:
// registered through the public form, validated (or refused) by staff, put
// on pause and back by its coordination. Only validated GULLs appear in the
// directory and receive the mairies' requests. It registers with the
// engine; who fires each event is in the policy.
package gull

import (
	"context"
	"fmt"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Name is the lifecycle's name.
const Name = "gull"

// States returns a GULL's states with their labels.
func States() []workflow.State {
	return []workflow.State{
		{Name: domain.GullProposed, Label: "En attente de validation"},
		{Name: domain.GullValidated, Label: "Validé"},
		{Name: domain.GullRefused, Label: "Refusé"},
		{Name: domain.GullSuspended, Label: "En pause"},
	}
}

// StateLabel returns the French label of a GULL's state.
func StateLabel(state string) string {
	for _, s := range States() {
		if s.Name == state {
			return s.Label
		}
	}
	return state
}

// Payload is a GULL with its members, for the messages.
type Payload struct {
	Gull    *domain.Gull
	Members []store.GullMember
}

type subject = workflow.Subject[Payload]

// URL is the address of a GULL's page in the ambassadeurs' space.
func URL(id int64) string { return fmt.Sprintf("/ambassadeurs/espace/gulls/%d", id) }

// Definition returns the GULL's lifecycle.
func Definition(m *mail.Mailer) *workflow.Definition[Payload] {
	tell := func(kind string) func(*subject, workflow.Input) ([]*domain.OutboxMessage, error) {
		return func(s *subject, in workflow.Input) ([]*domain.OutboxMessage, error) {
			var out []*domain.OutboxMessage
			for _, mb := range s.P.Members {
				if mb.Role != domain.GullCoordinateur {
					continue
				}
				msg, err := m.Message(kind, mb.Email, struct {
					Name, Gull, Slug, Comment string
					ID                        int64
				}{mb.Name, s.P.Gull.Name, s.P.Gull.Slug, in.Comment, s.ID})
				if err != nil {
					return nil, err
				}
				out = append(out, msg)
			}
			return out, nil
		}
	}
	return &workflow.Definition[Payload]{
		Name: Name, Label: "GULL", Table: "gulls", Initial: domain.GullProposed,
		States:  States(),
		Records: map[string]string{workflow.RecordCreate: "Inscription", RecordEdit: "Modification de la fiche", RecordMembers: "Changement des membres"},
		URL:     URL,
		Events: []workflow.Event[Payload]{
			{
				Name: "valider", Label: "Valider le GULL", From: []string{domain.GullProposed, domain.GullRefused}, To: domain.GullValidated,
				Apply: func(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
					return tx.MarkGullValidated(ctx, s.ID)
				},
				Notify: tell("gull_valide"),
				Show: workflow.Presentation{Confirm: "Le GULL apparaîtra dans l’annuaire public et recevra les demandes des mairies de sa zone.",
					Done: "Le GULL est validé : il reçoit désormais les demandes de sa zone."},
			},
			{
				Name: "refuser", Label: "Refuser l’inscription", From: []string{domain.GullProposed}, To: domain.GullRefused,
				Notify: tell("gull_refuse"),
				Show: workflow.Presentation{Destructive: true, Secondary: true,
					Confirm: "La coordination du GULL reçoit le motif par courriel ; l’inscription pourra être validée plus tard.",
					Comment: &workflow.Field{Label: "Motif du refus", Kind: workflow.FieldTextArea, Required: true, Missing: "Indiquez le motif du refus."},
					Done:    "L’inscription est refusée."},
			},
			{
				Name: "suspendre", Label: "Mettre le GULL en pause", From: []string{domain.GullValidated}, To: domain.GullSuspended,
				Show: workflow.Presentation{Secondary: true,
					Confirm: "Le GULL ne recevra plus de nouvelle demande et disparaîtra de l’annuaire, jusqu’à sa réactivation. Les visites déjà prises restent à sa charge.",
					Undo:    "« Réactiver le GULL » le remet en service.",
					Done:    "Le GULL est en pause."},
			},
			{
				Name: "reactiver", Label: "Réactiver le GULL", From: []string{domain.GullSuspended}, To: domain.GullValidated,
				Show: workflow.Presentation{Done: "Le GULL est de nouveau en service."},
			},
		},
		Load: func(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*workflow.Loaded[Payload], error) {
			g, err := tx.Gull(ctx, id)
			if err != nil {
				return nil, err
			}
			members, err := tx.GullMembers(ctx, id)
			if err != nil {
				return nil, err
			}
			var facts policy.Facts
			for _, mb := range members {
				if !who.System && who.UserID != 0 && mb.UserID == who.UserID {
					facts.GullRole = mb.Role
				}
			}
			return &workflow.Loaded[Payload]{ID: g.ID, State: g.State, Version: g.Version, Facts: facts,
				Payload: &Payload{Gull: g, Members: members}}, nil
		},
	}
}

// Records of a GULL that are not transitions.
const (
	RecordEdit    = "modifier"
	RecordMembers = "membres"
)
