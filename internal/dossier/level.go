package dossier

import (
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
)

// levelView is a level of the campaign's award scheme. Only the levels 1
// to 5 scale is drawn as marks; another scheme (Bronze, Argent, Or…) shows
// the level's label alone, as does « Aucun niveau » (0).
func levelView(scheme domain.AwardScheme, value int) pdf.Level {
	lv := pdf.Level{Value: value, Label: scheme.LevelLabel(&value)}
	if value > 0 && oneToFive(scheme) {
		lv.Max = scheme.Max()
	}
	return lv
}

// oneToFive reports whether the scheme's levels are exactly 1, 2, 3, 4, 5.
func oneToFive(scheme domain.AwardScheme) bool {
	if len(scheme.Levels) != 5 {
		return false
	}
	for v := 1; v <= 5; v++ {
		if _, ok := scheme.Level(v); !ok {
			return false
		}
	}
	return true
}
