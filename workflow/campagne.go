package workflow

import (
	"context"
	"fmt"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/store"
)

// Campaign states.
const (
	CampagnePreparation      = "en_preparation"
	CampagneOuverte          = "ouverte"
	CampagneClose            = "close"
	CampagneInstruction      = "en_instruction"
	CampagneDeliberation     = "en_deliberation"
	CampagneResultatsPublies = "resultats_publies"
	CampagneArchivee         = "archivee"
)

// pendingStates are the candidature states that still await a decision:
// results cannot be published while one remains.
var pendingStates = []string{Deposee, Recevable, EnInstruction, ComplementDemande, Evaluee}

var campagneStates = []State{
	{CampagnePreparation, "En préparation"},
	{CampagneOuverte, "Ouverte"},
	{CampagneClose, "Close"},
	{CampagneInstruction, "En instruction"},
	{CampagneDeliberation, "En délibération"},
	{CampagneResultatsPublies, "Résultats publiés"},
	{CampagneArchivee, "Archivée"},
}

// Campagne is the lifecycle of a yearly campaign.
func Campagne() *Definition {
	return &Definition{
		Name:    "campagne",
		Label:   "Campagne",
		Initial: CampagnePreparation,
		States:  campagneStates,
		Events: []Event{
			{
				Name: "ouvrir", Label: "Ouvrir les candidatures",
				From: []string{CampagnePreparation}, To: CampagneOuverte,
				Roles:  []Role{RoleStaff, RoleSystem},
				Guards: []Guard{openingReached, closingAhead},
			},
			{
				Name: "clore", Label: "Clore les dépôts",
				From: []string{CampagneOuverte}, To: CampagneClose,
				Roles:  []Role{RoleStaff, RoleSystem},
				Guards: []Guard{closingReached},
			},
			{
				Name: "instruire", Label: "Lancer l’instruction",
				From: []string{CampagneClose}, To: CampagneInstruction,
				Roles: []Role{RoleStaff},
			},
			{
				Name: "deliberer", Label: "Passer en délibération",
				From: []string{CampagneInstruction}, To: CampagneDeliberation,
				Roles: []Role{RoleStaff},
			},
			{
				Name: "publier", Label: "Publier le palmarès",
				From: []string{CampagneDeliberation}, To: CampagneResultatsPublies,
				Roles:  []Role{RoleStaff},
				Guards: []Guard{allDecided},
				Apply:  publishResults,
			},
			{
				Name: "archiver", Label: "Archiver la campagne",
				From: []string{CampagneResultatsPublies}, To: CampagneArchivee,
				Roles: []Role{RoleStaff},
			},
		},
		Load:    loadCampagne,
		RolesOf: campagneRoles,
	}
}

func loadCampagne(ctx context.Context, tx *store.Tx, id int64, env *Env) (*Subject, error) {
	cp, err := tx.Campaign(ctx, id)
	if err != nil {
		return nil, err
	}
	counts, err := tx.CountCandidatures(ctx, id)
	if err != nil {
		return nil, err
	}
	return &Subject{Type: "campagne", ID: id, State: cp.State, Version: cp.Version, Now: env.Now().UTC(), Campaign: cp, Counts: counts}, nil
}

func campagneRoles(_ *Subject, a *Actor) []Role {
	switch {
	case a.System:
		return []Role{RoleSystem}
	case a.AccountRole == domain.RoleStaff:
		return []Role{RoleStaff}
	case a.AccountRole == domain.RoleJury:
		return []Role{RoleJury}
	}
	return nil
}

// The scheduler (system) opens and closes campaigns at their instants; staff
// may force either earlier.
var openingReached = Guard{
	Name: "ouverture_atteinte",
	Check: func(_ context.Context, s *Subject, a *Actor, _ Input) string {
		if a.Has(RoleSystem) && s.Now.Before(s.Campaign.OpensAt) {
			return fmt.Sprintf("L’ouverture est prévue le %s (heure de Paris).", fr.DateTime(s.Campaign.OpensAt))
		}
		return ""
	},
}

var closingAhead = Guard{
	Name: "cloture_a_venir",
	Check: func(_ context.Context, s *Subject, _ *Actor, _ Input) string {
		if !s.Now.Before(s.Campaign.ClosesAt) {
			return fmt.Sprintf("La date limite de dépôt (%s, heure de Paris) est déjà passée : reportez-la avant d’ouvrir (tnl campaign dates).",
				fr.Deadline(s.Campaign.ClosesAt))
		}
		return ""
	},
}

var closingReached = Guard{
	Name: "cloture_atteinte",
	Check: func(_ context.Context, s *Subject, a *Actor, _ Input) string {
		if a.Has(RoleSystem) && s.Now.Before(s.Campaign.ClosesAt) {
			return fmt.Sprintf("La clôture est prévue le %s (heure de Paris).", fr.Deadline(s.Campaign.ClosesAt))
		}
		return ""
	},
}

var allDecided = Guard{
	Name: "toutes_deliberees",
	Check: func(_ context.Context, s *Subject, _ *Actor, _ Input) string {
		var parts []string
		for _, st := range pendingStates {
			if n := s.Counts[st]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d « %s »", n, stateLabel(candidatureStates, st)))
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return "Des candidatures attendent encore une décision : " + strings.Join(parts, ", ") + "."
	},
}

// publishResults publishes every délibérée candidature of the campaign in the
// campaign's transaction: one bulk state change, one audit row and one
// message per candidature.
func publishResults(ctx context.Context, tx *store.Tx, s *Subject, _ *Actor, _ Input) error {
	if err := tx.MarkCampaignPublished(ctx, s.ID, s.Now); err != nil {
		return err
	}
	moved, err := tx.MoveCandidatures(ctx, s.ID, Deliberee, Publiee)
	if err != nil || len(moved) == 0 {
		return err
	}
	entries := make([]domain.AuditEntry, len(moved))
	ids := make([]int64, 0, len(moved))
	for i, c := range moved {
		entries[i] = domain.AuditEntry{
			SubjectType: "candidature", SubjectID: c.ID, Event: "publier", FromState: Deliberee, ToState: Publiee,
			ActorRole: string(RoleSystem), ActorLabel: SystemActor().Email,
			Comment: fmt.Sprintf("Palmarès %d publié", s.Campaign.Year),
		}
		ids = append(ids, c.EluUserID)
	}
	if err := tx.AddAudits(ctx, entries); err != nil {
		return err
	}
	elus, err := tx.UsersByID(ctx, ids)
	if err != nil {
		return err
	}
	msgs := make([]*domain.OutboxMessage, 0, len(moved))
	for i := range moved {
		c := &moved[i]
		if u, ok := elus[c.EluUserID]; ok {
			msgs = append(msgs, publicationMessage(s.Campaign, c, u.Email))
		}
	}
	return tx.Enqueue(ctx, msgs...)
}
