// Package palmares is the public side of the label: the palmarès of each
// edition, every collectivité's history since 2016 with its trend, the
// badges, the open data and the import of past results. It reads only the
// palmares table (written by a campaign's publication and by the import)
// and the collectivités for names and places; a « pas de label » decision
// (awarded = false) never appears on a public page.
package palmares

import "github.com/adullact/tnl/internal/domain"

// Trend compares a laureate's level with its previous edition.
type Trend string

// The trends.
const (
	// TrendNew: the collectivité was never a laureate before.
	TrendNew Trend = "nouvelle"
	// TrendSame: laureate at the previous edition, at the same position.
	TrendSame Trend = "maintenue"
	// TrendUp, TrendDown: laureate at the previous edition, higher or lower.
	TrendUp   Trend = "en hausse"
	TrendDown Trend = "en baisse"
	// TrendBack: a laureate before, but not at the previous edition.
	TrendBack Trend = "de retour"
	// TrendRenewed: laureate at the previous edition too, but one of the two
	// levels was not published, so that no direction can be told.
	TrendRenewed Trend = "renouvelée"
)

// Label is the trend as a page shows it.
func (t Trend) Label() string {
	switch t {
	case TrendNew:
		return "Nouvelle lauréate"
	case TrendSame:
		return "Niveau maintenu"
	case TrendUp:
		return "En hausse"
	case TrendDown:
		return "En baisse"
	case TrendBack:
		return "De retour"
	case TrendRenewed:
		return "Renouvelée (niveau non comparable)"
	}
	return string(t)
}

// Position places a level in its scheme, so that levels of different
// schemes compare: the rank r of the level among the scheme's n levels in
// increasing value (1 for the lowest), as the fraction r/n (the highest
// level is at 1). Under 1–5, level 4 is at 4/5; under Badge, Bronze,
// Argent, Or, Argent is at 3/4: a Niveau 4 of 2024 followed by Argent in
// 2025 is « en baisse », Or after Niveau 5 « maintenue », Bronze (2/4)
// after Niveau 2 (2/5) « en hausse ». It is the rule of the deliberation
// table (internal/deliberation), so that the jury and the public pages
// tell the same trend.
type Position struct{ Num, Den int }

// PositionOf returns the position of value in s; ok is false when the
// scheme has no such level.
func PositionOf(s domain.AwardScheme, value int) (Position, bool) {
	if _, ok := s.Level(value); !ok {
		return Position{}, false
	}
	rank := 1
	for _, l := range s.Levels {
		if l.Value < value {
			rank++
		}
	}
	return Position{rank, len(s.Levels)}, true
}

// Compare returns -1, 0 or 1 as p is below, at or above q.
func (p Position) Compare(q Position) int {
	a, b := p.Num*q.Den, q.Num*p.Den
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SchemeOf returns the scheme an entry's level belongs to: its campaign's
// when it has one, else the scheme of its year (levels 1 to 5 until 2024,
// Badge, Bronze, Argent, Or from 2025).
func SchemeOf(year int, campaign *domain.AwardScheme) domain.AwardScheme {
	if campaign != nil && len(campaign.Levels) > 0 {
		return *campaign
	}
	if year >= 2025 {
		return domain.Scheme2025()
	}
	return domain.DefaultAwardScheme()
}

// Step is one edition of a collectivité, what TrendOf needs.
type Step struct {
	Year   int
	Scheme domain.AwardScheme
	// Level is nil when not published.
	Level *int
}

// TrendOf returns the trend of cur given the collectivité's previous
// awarded edition (nil if none) and the year of the label's previous
// edition before cur (0 if none): an edition is a year with a palmarès,
// so that a year without one (no ceremony) breaks no series.
func TrendOf(cur Step, prev *Step, previousEdition int) Trend {
	if prev == nil {
		return TrendNew
	}
	if prev.Year != previousEdition {
		return TrendBack
	}
	if cur.Level == nil || prev.Level == nil {
		return TrendRenewed
	}
	p, ok1 := PositionOf(cur.Scheme, *cur.Level)
	q, ok2 := PositionOf(prev.Scheme, *prev.Level)
	if !ok1 || !ok2 {
		return TrendRenewed
	}
	switch p.Compare(q) {
	case 1:
		return TrendUp
	case -1:
		return TrendDown
	}
	return TrendSame
}
