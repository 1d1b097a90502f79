package questionnaire

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

// ThemeScore is the score of one theme: Points out of Max, brought back
// to the theme's weight in Weighted (Points / Max × Weight).
type ThemeScore struct {
	Key      string
	Label    string
	Points   float64
	Max      float64
	Weight   float64
	Weighted float64
}

// Result is the score of a candidature and the level it suggests.
type Result struct {
	Themes      []ThemeScore
	Total       float64     // weighted total, after normalisation
	Max         float64     // sum of the theme weights
	Level       int         // suggested level, 1 to 5; 0 = none
	Levels      []float64   // thresholds used, after normalisation
	Adjustment  *Adjustment // normalisation applied, nil if none
	Explanation string      // in French, one sentence per line
}

// Score computes the score of the answers for a collectivité: points per
// theme (visible answers only), weighted total, normalisation for the
// profile and suggested level. Values are rounded to two decimals.
func (q *Questionnaire) Score(a Answers, p Profile) Result {
	s := q.Scoring
	if s == nil {
		return Result{Explanation: "Ce questionnaire n'a pas de barème : aucun niveau ne peut être suggéré."}
	}
	res := Result{Themes: make([]ThemeScore, len(s.Themes))}
	index := make(map[string]int, len(s.Themes))
	for i, t := range s.Themes {
		index[t.Key] = i
		res.Themes[i] = ThemeScore{Key: t.Key, Label: t.Label, Weight: t.Weight}
		res.Max += t.Weight
	}
	vis := q.visibility(a)
	for _, ru := range s.Rules {
		ts := &res.Themes[index[ru.Theme]]
		ts.Max += ru.max
		qu := ru.question
		if !vis[qu.index] {
			continue
		}
		if v, bad := decodeAnswer(qu, a[qu.Key]); bad == nil {
			ts.Points += rulePoints(ru, v)
		}
	}
	raw := 0.0
	for i := range res.Themes {
		ts := &res.Themes[i]
		ts.Points, ts.Max = round2(ts.Points), round2(ts.Max)
		if ts.Max > 0 {
			ts.Weighted = round2(ts.Points / ts.Max * ts.Weight)
		}
		raw += ts.Weighted
	}
	raw = round2(raw)
	res.Total = raw
	res.Levels = s.Levels
	res.Adjustment = s.adjustmentFor(p)
	if adj := res.Adjustment; adj != nil {
		if adj.Multiplier > 0 {
			res.Total = round2(min(raw*adj.Multiplier, res.Max))
		}
		if adj.Levels != nil {
			res.Levels = adj.Levels
		}
	}
	for i, threshold := range res.Levels {
		if res.Total >= threshold {
			res.Level = i + 1
		}
	}
	res.Explanation = explain(res, raw, len(s.Normalisation) > 0)
	return res
}

// rulePoints returns the points a rule gives for a decoded answer.
func rulePoints(ru *Rule, v answerValue) float64 {
	if v.kind == valueNone {
		return 0
	}
	switch {
	case ru.Options != nil:
		if v.kind == valueString {
			return ru.Options[v.s]
		}
		sum := 0.0
		for _, s := range v.list {
			sum += ru.Options[s]
		}
		return capped(sum, ru.Cap)
	case ru.Brackets != nil:
		pts := 0.0
		for _, b := range ru.Brackets {
			if v.f >= b.From {
				pts = b.Points
			}
		}
		return pts
	case ru.Proportional != nil:
		ratio := min(max(v.f/ru.Proportional.FullAt, 0), 1)
		return ru.Proportional.Points * ratio
	case ru.PerRow > 0:
		return capped(ru.PerRow*float64(len(v.rows)), ru.Cap)
	case v.kind == valueBool:
		if v.b {
			return ru.Points
		}
		return 0
	}
	return ru.Points
}

// adjustmentFor returns the first normalisation entry matching the
// profile. An unknown population (0) only matches entries without a
// population class.
func (s *Scoring) adjustmentFor(p Profile) *Adjustment {
	for _, a := range s.Normalisation {
		if len(a.Kinds) > 0 && !slices.Contains(a.Kinds, p.Kind) {
			continue
		}
		if a.PopulationFrom > 0 || a.PopulationBelow > 0 {
			if p.Population <= 0 || p.Population < a.PopulationFrom ||
				(a.PopulationBelow > 0 && p.Population >= a.PopulationBelow) {
				continue
			}
		}
		return a
	}
	return nil
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// points writes « 1 point », « 1,5 point », « 12 points ».
func points(f float64) string {
	if math.Abs(f) < 2 {
		return fr.Decimal(f, 2) + " point"
	}
	return fr.Decimal(f, 2) + " points"
}

// explain tells in French how the level was reached.
func explain(res Result, raw float64, hasNormalisation bool) string {
	var lines []string
	for _, t := range res.Themes {
		lines = append(lines, t.Label+" : "+points(t.Points)+" sur "+fr.Decimal(t.Max, 2)+
			", soit "+fr.Decimal(t.Weighted, 2)+" sur "+fr.Decimal(t.Weight, 2)+" après pondération.")
	}
	outOf := " / " + fr.Decimal(res.Max, 2)
	total := "Total pondéré " + fr.Decimal(raw, 2) + outOf
	switch adj := res.Adjustment; {
	case adj != nil:
		var what []string
		if adj.Multiplier > 0 {
			w := "total multiplié par " + fr.Decimal(adj.Multiplier, 2)
			if raw*adj.Multiplier > res.Max {
				w += " et plafonné à " + fr.Decimal(res.Max, 2)
			}
			what = append(what, w)
		}
		if adj.Levels != nil {
			ls := make([]string, len(adj.Levels))
			for i, l := range adj.Levels {
				ls[i] = fr.Decimal(l, 2)
			}
			what = append(what, "seuils des niveaux ajustés ("+strings.Join(ls, ", ")+")")
		}
		lines = append(lines, total+".", "Normalisation « "+adj.Label+" » : "+fr.List(what, "et")+".")
		total = "Total après normalisation " + fr.Decimal(res.Total, 2) + outOf
	case hasNormalisation:
		lines = append(lines, "Aucune normalisation ne s'applique à ce profil.")
	}
	level := func(i int) string {
		return "niveau " + strconv.Itoa(i) + " (" + fr.Decimal(res.Levels[i-1], 2) + ")"
	}
	switch {
	case len(res.Levels) == 0:
		lines = append(lines, total+" ; aucun seuil n'est défini.")
	case res.Level == 0:
		lines = append(lines, total+" ; seuil du "+level(1)+" non atteint : aucun niveau suggéré.")
	case res.Level == len(res.Levels):
		lines = append(lines, total+" ; seuil du "+level(res.Level)+" atteint : niveau "+strconv.Itoa(res.Level)+" suggéré, le plus haut.")
	default:
		lines = append(lines, total+" ; seuil du "+level(res.Level)+" atteint, "+level(res.Level+1)+
			" non atteint : niveau "+strconv.Itoa(res.Level)+" suggéré.")
	}
	return strings.Join(lines, "\n")
}
