// Package campagne defines the lifecycle of a yearly campaign: preparation,
// the opening and the deadline (timed events), instruction, deliberation,
// the publication of the palmarès and archiving. It registers with the
// engine (workflow); who fires each event is in the policy.
package campagne

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Name is the lifecycle's name.
const Name = "campagne"

// RecordDates is the record of a change of the campaign's dates.
const RecordDates = "modifier_dates"

// RecordSchedule is the record of a change of the palmarès' scheduled
// publication instant.
const RecordSchedule = "programmer_publication"

// RecordJury is the record of an automatic assignment run of the
// campaign's jury (its figures in the comment).
const RecordJury = "affecter_jury"

// States returns the campaign's states with their labels.
func States() []workflow.State {
	return []workflow.State{
		{Name: domain.CampagnePreparation, Label: "En préparation"},
		{Name: domain.CampagneOuverte, Label: "Ouverte"},
		{Name: domain.CampagneClose, Label: "Close"},
		{Name: domain.CampagneInstruction, Label: "En instruction"},
		{Name: domain.CampagneDeliberation, Label: "En délibération"},
		{Name: domain.CampagneResultatsPublies, Label: "Résultats publiés"},
		{Name: domain.CampagneArchivee, Label: "Archivée"},
	}
}

// StateLabel returns the French label of a campaign state.
func StateLabel(state string) string {
	for _, s := range States() {
		if s.Name == state {
			return s.Label
		}
	}
	return state
}

// Payload is a campaign with its candidatures counted per state.
type Payload struct {
	Campaign *domain.Campaign
	Counts   map[string]int
}

type (
	subject = workflow.Subject[Payload]
	guard   = workflow.Guard[Payload]
)

// candidatureStateLabel names the candidatures' states in messages; the
// candidature lifecycle gives it.
type candidatureStateLabel func(string) string

// Definition returns the campaign's lifecycle; candidatureState labels the
// states of candidatures in its messages.
func Definition(candidatureState func(string) string) *workflow.Definition[Payload] {
	label := candidatureStateLabel(candidatureState)
	return &workflow.Definition[Payload]{
		Name:    Name,
		Label:   "Campagne",
		Table:   "campaigns",
		Initial: domain.CampagnePreparation,
		States:  States(),
		Records: map[string]string{workflow.RecordCreate: "Création", RecordDates: "Modification des dates", RecordJury: "Affectation automatique du jury", RecordSchedule: "Programmation de la publication"},
		URL:     func(id int64) string { return fmt.Sprintf("/admin/campagnes/%d", id) },
		Events: []workflow.Event[Payload]{
			{
				Name: "ouvrir", Label: "Ouvrir les candidatures",
				From: []string{domain.CampagnePreparation}, To: domain.CampagneOuverte,
				Guards: []guard{openingReached, closingAhead},
			},
			{
				Name: "clore", Label: "Clore les dépôts",
				From: []string{domain.CampagneOuverte}, To: domain.CampagneClose,
				Guards: []guard{closingReached},
				Show:   workflow.Presentation{Confirm: "Plus aucune candidature ne pourra être déposée.", Irreversible: true},
			},
			{
				Name: "instruire", Label: "Lancer l’instruction",
				From: []string{domain.CampagneClose}, To: domain.CampagneInstruction,
			},
			{
				Name: "deliberer", Label: "Passer en délibération",
				From: []string{domain.CampagneInstruction}, To: domain.CampagneDeliberation,
			},
			{
				Name: "publier", Label: "Publier le palmarès",
				From: []string{domain.CampagneDeliberation}, To: domain.CampagneResultatsPublies,
				Guards: []guard{publicationReached, label.allDecided()},
				Apply:  publishResults,
				Show: workflow.Presentation{Irreversible: true,
					Confirm: "Chaque décision devient publique et chaque collectivité candidate reçoit son résultat par courriel."},
			},
			{
				Name: "archiver", Label: "Archiver la campagne",
				From: []string{domain.CampagneResultatsPublies}, To: domain.CampagneArchivee,
			},
		},
		Timers: []workflow.Timer{
			{Event: "ouvrir", Due: due(domain.CampagnePreparation, "opens_at")},
			{Event: "clore", Due: due(domain.CampagneOuverte, "closes_at")},
			{Event: "publier", Due: due(domain.CampagneDeliberation, "publish_at")},
		},
		Load: load,
	}
}

func load(ctx context.Context, tx *store.Tx, id int64, who policy.Principal) (*workflow.Loaded[Payload], error) {
	cp, err := tx.Campaign(ctx, id)
	if err != nil {
		return nil, err
	}
	counts, err := tx.CountCandidatures(ctx, id)
	if err != nil {
		return nil, err
	}
	var facts policy.Facts
	if who.UserID != 0 && !who.System {
		// The person's seat in the campaign's jury: its president reads
		// the jury's ranking of the campaign.
		if facts.Seat, err = tx.JurySeat(ctx, id, who.UserID); err != nil {
			return nil, err
		}
		if facts.Seat != "" {
			js, err := tx.JurySettings(ctx, id)
			if err != nil {
				return nil, err
			}
			facts.JuryReadsDeliberation = js.DeliberationJurors
		}
	}
	return &workflow.Loaded[Payload]{ID: id, State: cp.State, Version: cp.Version, Facts: facts, Payload: &Payload{Campaign: cp, Counts: counts}}, nil
}

// due lists the campaigns in state whose instant column has come.
func due(state, column string) func(ctx context.Context, st *store.Store, now time.Time) ([]workflow.Due, error) {
	return func(ctx context.Context, st *store.Store, now time.Time) ([]workflow.Due, error) {
		campaigns, err := st.CampaignsDue(ctx, state, column, now)
		if err != nil {
			return nil, err
		}
		out := make([]workflow.Due, len(campaigns))
		for i, c := range campaigns {
			out[i] = workflow.Due{ID: c.ID, Version: c.Version}
		}
		return out, nil
	}
}

// The scheduler (the platform) opens and closes campaigns at their
// instants; staff may force either earlier.
var openingReached = guard{
	Name: "ouverture_atteinte",
	Check: func(_ context.Context, s *subject, _ workflow.Input) string {
		if s.Relations.Has(policy.System) && s.Now.Before(s.P.Campaign.OpensAt) {
			return fmt.Sprintf("L’ouverture est prévue le %s (heure de Paris).", fr.DateTime(s.P.Campaign.OpensAt))
		}
		return ""
	},
}

var closingAhead = guard{
	Name: "cloture_a_venir",
	Check: func(_ context.Context, s *subject, _ workflow.Input) string {
		if !s.Now.Before(s.P.Campaign.ClosesAt) {
			return fmt.Sprintf("La date limite de dépôt (%s, heure de Paris) est déjà passée : reportez-la avant d’ouvrir (formulaire « Dates » de la campagne, ou tnl campaign dates).",
				fr.Deadline(s.P.Campaign.ClosesAt))
		}
		return ""
	},
}

var closingReached = guard{
	Name: "cloture_atteinte",
	Check: func(_ context.Context, s *subject, _ workflow.Input) string {
		if s.Relations.Has(policy.System) && s.Now.Before(s.P.Campaign.ClosesAt) {
			return fmt.Sprintf("La clôture est prévue le %s (heure de Paris).", fr.Deadline(s.P.Campaign.ClosesAt))
		}
		return ""
	},
}

// publicationReached: the scheduler publishes at the scheduled instant
// (the ceremony's), never before; staff may publish at any time.
var publicationReached = guard{
	Name: "publication_programmee",
	Check: func(_ context.Context, s *subject, _ workflow.Input) string {
		at := s.P.Campaign.PublishAt
		switch {
		case !s.Relations.Has(policy.System):
			return ""
		case at == nil:
			return "Aucune publication n’est programmée."
		case s.Now.Before(*at):
			return fmt.Sprintf("La publication est programmée le %s (heure de Paris).", fr.DateTime(*at))
		}
		return ""
	},
}

func (label candidatureStateLabel) allDecided() guard {
	return guard{
		Name: "toutes_deliberees",
		Check: func(_ context.Context, s *subject, _ workflow.Input) string {
			var parts []string
			for _, st := range domain.PendingStates() {
				if n := s.P.Counts[st]; n > 0 {
					parts = append(parts, fmt.Sprintf("%s « %s »", fr.Int(n), label(st)))
				}
			}
			if len(parts) == 0 {
				return ""
			}
			return "Des candidatures attendent encore une décision : " + strings.Join(parts, ", ") + "."
		},
	}
}

// publishResults publishes the campaign's palmarès in the campaign's
// transaction: every délibérée candidature's « publier » event is fired
// through the engine (its state, audit row and result email), then their
// decisions are written to the public palmarès. Any failure publishes
// nothing.
func publishResults(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, fx workflow.Effects) error {
	if err := tx.MarkCampaignPublished(ctx, s.ID, s.Now); err != nil {
		return err
	}
	if err := tx.SetPublishAt(ctx, s.ID, nil); err != nil {
		return err
	}
	ids, err := tx.CandidatureIDs(ctx, s.ID, domain.Deliberee)
	if err != nil || len(ids) == 0 {
		return err
	}
	if _, err = fx.FireAll(ctx, "candidature", ids, "publier", workflow.Input{Comment: fmt.Sprintf("Palmarès %d publié", s.P.Campaign.Year)}); err != nil {
		return err
	}
	entries, err := tx.PublicationEntries(ctx, s.P.Campaign, s.Now)
	if err != nil {
		return err
	}
	if err := tx.InsertPalmares(ctx, entries); err != nil {
		if domain.ErrorCode(err) == domain.EConflict {
			return domain.Errorf(domain.EConflict, "Le palmarès %d contient déjà un résultat pour une collectivité de cette campagne (un import de l’historique ?) : rien n’est publié. Retirez ce résultat importé, puis publiez.", s.P.Campaign.Year)
		}
		return err
	}
	return nil
}
