package domain

import "fmt"

// AwardLevel is one level a jury may award.
type AwardLevel struct {
	Value int    `json:"value"`
	Label string `json:"label"`
	// Track is the track whose candidatures may receive the level:
	// TrackBadge for the Badge, empty for the levels of the label.
	Track string `json:"track,omitempty"`
	// Template is a motivation to start from when deciding this level.
	Template string `json:"template,omitempty"`
}

// AwardScheme is a campaign's set of levels, e.g. 1 to 5 or Badge/Bronze/Argent/Or,
// and its special mentions. It is data, stored with the campaign: a new
// scheme needs no code change.
type AwardScheme struct {
	Name   string       `json:"name"`
	Levels []AwardLevel `json:"levels"`
	// Mentions are the special mentions the jury may give this campaign.
	Mentions []string `json:"mentions,omitempty"`
	// NoAwardTemplate is a motivation to start from for « pas de label ».
	NoAwardTemplate string `json:"no_award_template,omitempty"`
}

// The tracks of a candidature, when the scheme has a Badge: the Badge
// answers only the questionnaire's Badge questions.
const (
	TrackLabel = "label"
	TrackBadge = "badge"
)

// MaxMentions bounds the special mentions of a decision.
const MaxMentions = 20

// HasBadge reports whether the scheme has a level for the Badge track.
func (s AwardScheme) HasBadge() bool {
	for _, l := range s.Levels {
		if l.Track == TrackBadge {
			return true
		}
	}
	return false
}

// LevelsFor returns the levels a candidature of a track may receive: the
// Badge for the Badge track, the other levels for the label's; every level
// when the scheme has no Badge.
func (s AwardScheme) LevelsFor(track string) []AwardLevel {
	if !s.HasBadge() {
		return s.Levels
	}
	var out []AwardLevel
	for _, l := range s.Levels {
		if (l.Track == TrackBadge) == (track == TrackBadge) {
			out = append(out, l)
		}
	}
	return out
}

// DefaultAwardScheme is the label's historical scale, from 1 to 5.
func DefaultAwardScheme() AwardScheme {
	return AwardScheme{
		Name: "Niveaux 1 à 5",
		Levels: []AwardLevel{
			{Value: 1, Label: "Niveau 1 — Découverte", Template: "La collectivité fait ses premiers pas vers le logiciel libre : "},
			{Value: 2, Label: "Niveau 2 — Engagement", Template: "La collectivité s’engage dans une démarche en faveur du logiciel libre : "},
			{Value: 3, Label: "Niveau 3 — Confirmé", Template: "La collectivité mène une politique confirmée en faveur du logiciel libre : "},
			{Value: 4, Label: "Niveau 4 — Avancé", Template: "La collectivité a une politique avancée du logiciel libre et des formats ouverts : "},
			{Value: 5, Label: "Niveau 5 — Excellence", Template: "La démarche de la collectivité est exemplaire : "},
		},
		// The special mentions and « palmes » of past palmarès (2016–2024).
		Mentions:        []string{"Candidature coup de cœur", "Open data", "Communication"},
		NoAwardTemplate: "Le jury n’a pas attribué le label cette année : ",
	}
}

// Scheme2025 is the scheme of 2025 on: an entry-level Badge, then a label
// in three levels.
func Scheme2025() AwardScheme {
	return AwardScheme{
		Name: "Badge, Bronze, Argent, Or",
		Levels: []AwardLevel{
			{Value: 1, Label: "Badge", Track: TrackBadge, Template: "La collectivité obtient le Badge Territoire Numérique Libre : "},
			{Value: 2, Label: "Bronze", Template: "La collectivité obtient le label Bronze : "},
			{Value: 3, Label: "Argent", Template: "La collectivité obtient le label Argent : "},
			{Value: 4, Label: "Or", Template: "La collectivité obtient le label Or, pour une démarche exemplaire : "},
		},
		Mentions:        []string{"Meilleure première candidature", "Mutualisation", "Promotion et sensibilisation au libre", "Sobriété numérique"},
		NoAwardTemplate: "Le jury n’a pas attribué de distinction cette année : ",
	}
}

// Level returns the level with the given value.
func (s AwardScheme) Level(value int) (AwardLevel, bool) {
	for _, l := range s.Levels {
		if l.Value == value {
			return l, true
		}
	}
	return AwardLevel{}, false
}

// Max returns the highest level value of the scheme.
func (s AwardScheme) Max() int {
	m := 0
	for _, l := range s.Levels {
		if l.Value > m {
			m = l.Value
		}
	}
	return m
}

// Validate checks that the scheme has at least one level, positive distinct
// values and labels.
func (s AwardScheme) Validate() error {
	if len(s.Levels) == 0 {
		return Errorf(EInvalid, "Le barème « %s » ne définit aucun niveau.", s.Name)
	}
	seen := map[int]bool{}
	for _, l := range s.Levels {
		if l.Value <= 0 {
			return Errorf(EInvalid, "Le niveau « %s » doit avoir une valeur positive.", l.Label)
		}
		if seen[l.Value] {
			return Errorf(EInvalid, "Le niveau %d est déclaré deux fois.", l.Value)
		}
		if l.Label == "" {
			return Errorf(EInvalid, "Le niveau %d n’a pas de nom.", l.Value)
		}
		if l.Track != "" && l.Track != TrackBadge {
			return Errorf(EInvalid, "Le niveau « %s » a une filière inconnue : « %s » (seule « badge » existe).", l.Label, l.Track)
		}
		seen[l.Value] = true
	}
	names := map[string]bool{}
	for _, m := range s.Mentions {
		if m == "" || names[m] {
			return Errorf(EInvalid, "Les mentions spéciales du barème « %s » doivent être nommées, chacune une seule fois.", s.Name)
		}
		names[m] = true
	}
	if len(s.Mentions) > MaxMentions {
		return Errorf(EInvalid, "Le barème « %s » a %d mentions spéciales : %d au plus.", s.Name, len(s.Mentions), MaxMentions)
	}
	return nil
}

// LevelLabel returns a French label for value, or "Aucun niveau" for nil.
func (s AwardScheme) LevelLabel(value *int) string {
	if value == nil || *value == 0 {
		return "Aucun niveau"
	}
	if l, ok := s.Level(*value); ok {
		return l.Label
	}
	return fmt.Sprintf("Niveau %d", *value)
}
