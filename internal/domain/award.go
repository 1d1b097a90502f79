package domain

import "fmt"

// AwardLevel is one level a jury may award.
type AwardLevel struct {
	Value int    `json:"value"`
	Label string `json:"label"`
}

// AwardScheme is a campaign's set of levels, e.g. 1 to 5 or Badge/Bronze/Argent/Or.
// It is data, stored with the campaign: a new scheme needs no code change.
type AwardScheme struct {
	Name   string       `json:"name"`
	Levels []AwardLevel `json:"levels"`
}

// DefaultAwardScheme is the label's historical scale, from 1 to 5.
func DefaultAwardScheme() AwardScheme {
	return AwardScheme{
		Name: "Niveaux 1 à 5",
		Levels: []AwardLevel{
			{1, "Niveau 1 — Découverte"},
			{2, "Niveau 2 — Engagement"},
			{3, "Niveau 3 — Confirmé"},
			{4, "Niveau 4 — Avancé"},
			{5, "Niveau 5 — Excellence"},
		},
	}
}

// Scheme2025 is the scheme of 2025 on: an entry-level Badge, then a label
// in three levels.
func Scheme2025() AwardScheme {
	return AwardScheme{
		Name: "Badge, Bronze, Argent, Or",
		Levels: []AwardLevel{
			{1, "Badge"},
			{2, "Bronze"},
			{3, "Argent"},
			{4, "Or"},
		},
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
		seen[l.Value] = true
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
