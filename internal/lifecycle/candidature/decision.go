package candidature

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// The deliberation's fields besides the level, motivation and mentions.
const (
	// FieldNote is the jury's private note on its decision.
	FieldNote = "note"
	// MaxMotivation bounds a motivation or a note, in characters.
	MaxMotivation = 10000
)

// decisionFields are the fields of a decision, at deliberation and at a
// rectification.
func decisionFields(note bool) []workflow.Field {
	fs := []workflow.Field{
		{Name: FieldLevel, Label: "Décision", Kind: workflow.FieldChoice, Required: true, Fills: FieldMotivation,
			Missing: "Choisissez le niveau attribué, ou « Pas de label »."},
		{Name: FieldMentions, Label: "Mentions spéciales", Kind: workflow.FieldChoices},
		{Name: FieldMotivation, Label: "Motivation publique", Kind: workflow.FieldTextArea, Required: true,
			Help:    "Publiée avec le résultat et envoyée à la collectivité, y compris quand le label n’est pas attribué : elle doit pouvoir lire pourquoi.",
			Missing: "Rédigez la motivation publique : la collectivité doit pouvoir lire pourquoi, y compris sans label."},
	}
	if note {
		fs = append(fs, workflow.Field{Name: FieldNote, Label: "Note privée du jury", Kind: workflow.FieldTextArea,
			Help: "Jamais publiée ni montrée à la collectivité."})
	}
	return fs
}

// decisionChoices are the levels the candidature's track may receive, no
// award, and the campaign's special mentions.
func decisionChoices(s *workflow.Subject[Payload]) map[string][]workflow.Choice {
	scheme := s.P.Campaign.AwardScheme
	levels := []workflow.Choice{}
	for _, l := range scheme.LevelsFor(s.P.Candidature.Track) {
		levels = append(levels, workflow.Choice{Value: strconv.Itoa(l.Value), Label: l.Label, Template: l.Template})
	}
	levels = append(levels, workflow.Choice{Value: "0", Label: "Pas de label", Template: scheme.NoAwardTemplate})
	mentions := []workflow.Choice{}
	for _, m := range scheme.Mentions {
		mentions = append(mentions, workflow.Choice{Value: m, Label: m})
	}
	return map[string][]workflow.Choice{FieldLevel: levels, FieldMentions: mentions}
}

// decisionDefaults start a decision's form from the one recorded, if any.
func decisionDefaults(s *workflow.Subject[Payload]) url.Values {
	c := s.P.Candidature
	if c.Level == nil {
		return nil
	}
	v := url.Values{FieldLevel: {strconv.Itoa(*c.Level)}, FieldMotivation: {c.Motivation}, FieldMentions: c.Mentions}
	if c.PrivateNote != "" {
		v.Set(FieldNote, c.PrivateNote)
	}
	return v
}

// DecisionOf reads a decision from an event's input (checked by the
// decision guards).
func DecisionOf(in workflow.Input) store.Decision {
	level, _ := strconv.Atoi(in.Value(FieldLevel))
	return store.Decision{Level: level, Mentions: in.Choices(FieldMentions),
		Motivation: in.Value(FieldMotivation), Note: in.Value(FieldNote)}
}

// decisionValid holds when the decision names a level of the campaign's
// scheme that the candidature's track may receive (or 0, no award),
// mentions of the campaign's list, and texts within bounds.
var decisionValid = workflow.Guard[Payload]{
	Name:       "decision_valide",
	NeedsInput: true,
	Check: func(_ context.Context, s *workflow.Subject[Payload], in workflow.Input) string {
		scheme := s.P.Campaign.AwardScheme
		var problems []string
		if raw := in.Value(FieldLevel); raw != "" {
			level, err := strconv.Atoi(raw)
			ok := err == nil && level == 0
			for _, l := range scheme.LevelsFor(s.P.Candidature.Track) {
				ok = ok || err == nil && l.Value == level
			}
			if !ok {
				var names []string
				for _, l := range scheme.LevelsFor(s.P.Candidature.Track) {
					names = append(names, fmt.Sprintf("%d (%s)", l.Value, l.Label))
				}
				problems = append(problems, fmt.Sprintf("Le niveau « %s » ne peut pas être attribué à cette candidature (%s) : niveaux possibles %s, ou 0 pour « Pas de label ».",
					raw, trackLabel(s.P.Candidature.Track), strings.Join(names, ", ")))
			}
		}
		mentions := in.Choices(FieldMentions)
		if len(mentions) > domain.MaxMentions {
			problems = append(problems, fmt.Sprintf("%d mentions spéciales : %d au plus.", len(mentions), domain.MaxMentions))
		}
		for _, m := range mentions {
			if !slices.Contains(scheme.Mentions, m) {
				if len(scheme.Mentions) == 0 {
					problems = append(problems, "Cette campagne ne prévoit pas de mention spéciale.")
				} else {
					problems = append(problems, fmt.Sprintf("La mention « %s » n’est pas une mention de la campagne (%s).", m, strings.Join(scheme.Mentions, ", ")))
				}
				break
			}
		}
		for _, f := range []struct{ name, label string }{{FieldMotivation, "La motivation"}, {FieldNote, "La note privée"}} {
			if n := utf8.RuneCountInString(in.Value(f.name)); n > MaxMotivation {
				problems = append(problems, fmt.Sprintf("%s compte %d caractères : %d au plus.", f.label, n, MaxMotivation))
			}
		}
		return strings.Join(problems, " ")
	},
}

// deliberating holds until the campaign's palmarès is published: a
// published decision is frozen, and changes only by a rectification.
var deliberating = workflow.Guard[Payload]{
	Name: "deliberation_ouverte",
	Check: func(_ context.Context, s *workflow.Subject[Payload], _ workflow.Input) string {
		switch s.P.Campaign.State {
		case domain.CampagneResultatsPublies, domain.CampagneArchivee:
			return "Le palmarès est publié : la décision ne change plus que par une rectification de l’équipe ADULLACT."
		}
		return ""
	},
}

// decisionSummary is the audit row's account of a decision: the level and
// the mentions (the motivation is on the candidature; the private note is
// never in the history).
func decisionSummary(s *workflow.Subject[Payload], in workflow.Input) string {
	d := DecisionOf(in)
	level := "Pas de label"
	if d.Level > 0 {
		level = s.P.Campaign.AwardScheme.LevelLabel(&d.Level)
	}
	out := "Décision : " + level
	if len(d.Mentions) > 0 {
		out += " ; mentions : " + strings.Join(d.Mentions, ", ")
	}
	return out + "."
}

func applyDecision(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input, _ workflow.Effects) error {
	return tx.SetDecision(ctx, s.ID, DecisionOf(in))
}

// applyRectification replaces a published decision and its palmarès
// entry; the reason (the event's comment) is shown on the public page.
func applyRectification(ctx context.Context, tx *store.Tx, s *subject, in workflow.Input, _ workflow.Effects) error {
	d := DecisionOf(in)
	d.Note = s.P.Candidature.PrivateNote
	if err := tx.SetDecision(ctx, s.ID, d); err != nil {
		return err
	}
	level := d.Level
	e := store.PalmaresEntryOf(s.P.Campaign, s.ID, s.P.Collectivite.ID, s.P.Collectivite.Name, &level, d.Mentions, d.Motivation, s.Now)
	return tx.RectifyPalmares(ctx, e, in.Comment, s.Now)
}

func applyLabelTrack(ctx context.Context, tx *store.Tx, s *subject, _ workflow.Input, _ workflow.Effects) error {
	return tx.SetTrack(ctx, s.ID, domain.TrackLabel)
}

// trackLabel names a track in French.
func trackLabel(track string) string {
	if track == domain.TrackBadge {
		return "filière Badge"
	}
	return "filière Label"
}
