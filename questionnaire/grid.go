package questionnaire

import (
	"math"

	"go.yaml.in/yaml/v3"
)

// Grid is the jury's evaluation grid (the file's « evaluation » section):
// for each scoring theme, the criteria a juror scores on a scale whose
// values have labelled anchors (0 « absent » … 4 « exemplaire »).
type Grid struct {
	Scale  []Anchor // the default scale of the themes
	Themes []*GridTheme

	at positions
}

// Anchor is one value of a scale with its label.
type Anchor struct {
	Value int
	Label string

	at positions
}

// GridTheme is the grid of one scoring theme.
type GridTheme struct {
	Theme    string  // key of a scoring theme
	Label    string  // the scoring theme's label
	Weight   float64 // the scoring theme's weight
	Scale    []Anchor
	Criteria []*Criterion

	ownScale bool
	at       positions
}

// Criterion is one thing a juror scores in a theme.
type Criterion struct {
	Key   string
	Label string
	Help  string

	at positions
}

// Theme returns the grid of a theme, or nil.
func (g *Grid) Theme(key string) *GridTheme {
	for _, t := range g.Themes {
		if t.Theme == key {
			return t
		}
	}
	return nil
}

// Criterion returns a criterion of the theme, or nil.
func (t *GridTheme) Criterion(key string) *Criterion {
	for _, c := range t.Criteria {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// Min and Max are the ends of the theme's scale.
func (t *GridTheme) Min() int { return t.Scale[0].Value }

// Max is the top of the theme's scale.
func (t *GridTheme) Max() int { return t.Scale[len(t.Scale)-1].Value }

// Anchor returns the label of a value of the theme's scale, or "".
func (t *GridTheme) Anchor(value int) string {
	for _, a := range t.Scale {
		if a.Value == value {
			return a.Label
		}
	}
	return ""
}

// Min and Max are the ends of the grid's default scale, on which the
// overall score of an evaluation is given.
func (g *Grid) Min() int { return g.Scale[0].Value }

// Max is the top of the grid's default scale.
func (g *Grid) Max() int { return g.Scale[len(g.Scale)-1].Value }

// ThemeAverage returns the mean of the theme's criteria scores, and false
// when none is given.
func (t *GridTheme) ThemeAverage(scores map[string]int) (float64, bool) {
	sum, n := 0, 0
	for _, c := range t.Criteria {
		if v, ok := scores[c.Key]; ok {
			sum += v
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(sum) / float64(n), true
}

// Overall brings theme averages (in the grid's theme order; NaN for a theme
// without score) onto the default scale and returns their mean weighted by
// the themes' weights, rounded to two decimals; false when no theme has a
// score.
func (g *Grid) Overall(averages []float64) (float64, bool) {
	sum, weights := 0.0, 0.0
	for i, t := range g.Themes {
		if i >= len(averages) || math.IsNaN(averages[i]) {
			continue
		}
		span := float64(t.Max() - t.Min())
		frac := 0.0
		if span > 0 {
			frac = (averages[i] - float64(t.Min())) / span
		}
		w := t.Weight
		if w <= 0 {
			w = 1
		}
		sum += w * frac
		weights += w
	}
	if weights == 0 {
		return 0, false
	}
	v := float64(g.Min()) + sum/weights*float64(g.Max()-g.Min())
	return math.Round(v*100) / 100, true
}

// grid decodes the « evaluation » section.
func (r *reporter) grid(n *yaml.Node) *Grid {
	g := &Grid{}
	var fs []field
	fs, g.at = r.fields(n, "evaluation", "scale", "themes")
	for _, f := range fs {
		switch f.name {
		case "scale":
			g.Scale = r.scale(f.val)
		case "themes":
			for _, tn := range r.mappings(f.val, f.name, "thème de la grille") {
				g.Themes = append(g.Themes, r.gridTheme(tn))
			}
		}
	}
	return g
}

func (r *reporter) scale(n *yaml.Node) []Anchor {
	out := []Anchor{}
	for _, an := range r.mappings(n, "scale", "échelon") {
		a := Anchor{}
		var fs []field
		fs, a.at = r.fields(an, "échelon", "value", "label")
		for _, f := range fs {
			switch f.name {
			case "value":
				a.Value, _ = r.integer(f.val, f.name)
			case "label":
				a.Label = r.text(f.val, f.name)
			}
		}
		out = append(out, a)
	}
	return out
}

func (r *reporter) gridTheme(n *yaml.Node) *GridTheme {
	t := &GridTheme{}
	var fs []field
	fs, t.at = r.fields(n, "thème de la grille", "theme", "scale", "criteria")
	for _, f := range fs {
		switch f.name {
		case "theme":
			t.Theme = r.text(f.val, f.name)
		case "scale":
			t.Scale, t.ownScale = r.scale(f.val), true
		case "criteria":
			for _, cn := range r.mappings(f.val, f.name, "critère") {
				c := &Criterion{}
				var cfs []field
				cfs, c.at = r.fields(cn, "critère", "key", "label", "help")
				for _, cf := range cfs {
					switch cf.name {
					case "key":
						c.Key = r.text(cf.val, cf.name)
					case "label":
						c.Label = r.text(cf.val, cf.name)
					case "help":
						c.Help = r.text(cf.val, cf.name)
					}
				}
				t.Criteria = append(t.Criteria, c)
			}
		}
	}
	return t
}

// Limits of a grid.
const (
	maxAnchors  = 11
	maxCriteria = 20
)

// checkGrid checks the grid against the scoring themes, and completes it:
// each theme takes its label and weight from its scoring theme and the
// default scale unless it has its own.
func (r *reporter) checkGrid(q *Questionnaire, themes map[string]*Theme) {
	g := q.Grid
	if q.Scoring == nil {
		r.at(q.at.of("evaluation"), "la grille d'évaluation (« evaluation ») porte sur les thèmes du barème : ajoutez un barème (« scoring »)")
		return
	}
	if g.Scale == nil {
		r.at(g.at.of(""), "la grille d'évaluation doit donner son échelle (« scale »)")
	} else {
		r.checkScale(g.Scale, g.at.of("scale"), "la grille d'évaluation")
	}
	seen := map[string]*GridTheme{}
	for _, t := range g.Themes {
		at := t.at.of("")
		st := themes[t.Theme]
		switch {
		case t.Theme == "":
			r.at(at, "thème de la grille sans clé (« theme »)")
		case st == nil:
			r.at(t.at.of("theme"), "la grille porte sur le thème « %s », inconnu du barème", t.Theme)
		case seen[t.Theme] != nil:
			r.at(t.at.of("theme"), "la grille du thème « %s » est déclarée deux fois", t.Theme)
		default:
			seen[t.Theme] = t
			t.Label, t.Weight = st.Label, st.Weight
		}
		if t.ownScale {
			r.checkScale(t.Scale, t.at.of("scale"), "le thème « "+t.Theme+" »")
		} else {
			t.Scale = g.Scale
		}
		if len(t.Criteria) == 0 {
			r.at(at, "la grille du thème « %s » n'a aucun critère (« criteria »)", t.Theme)
		}
		if len(t.Criteria) > maxCriteria {
			r.at(at, "la grille du thème « %s » a plus de %d critères", t.Theme, maxCriteria)
		}
		keys := map[string]bool{}
		for _, c := range t.Criteria {
			switch {
			case c.Key == "":
				r.at(c.at.of(""), "critère sans clé (« key ») dans le thème « %s »", t.Theme)
			case !simpleKeyPattern.MatchString(c.Key) || len(c.Key) > maxKeyLength:
				r.at(c.at.of("key"), "la clé de critère « %s » est invalide : lettres minuscules sans accent, chiffres et « _ »", c.Key)
			case keys[c.Key]:
				r.at(c.at.of("key"), "le critère « %s » est déclaré deux fois dans le thème « %s »", c.Key, t.Theme)
			}
			keys[c.Key] = true
			if c.Label == "" {
				r.at(c.at.of(""), "le critère « %s » n'a pas de libellé (« label »)", c.Key)
			}
		}
	}
	for _, st := range q.Scoring.Themes {
		if st.Key != "" && seen[st.Key] == nil {
			r.at(g.at.of("themes"), "le thème « %s » du barème n'a pas de grille d'évaluation", st.Key)
		}
	}
	// The grid follows the scoring themes' order.
	ordered := make([]*GridTheme, 0, len(g.Themes))
	for _, st := range q.Scoring.Themes {
		if t := seen[st.Key]; t != nil {
			ordered = append(ordered, t)
		}
	}
	if len(ordered) == len(g.Themes) {
		g.Themes = ordered
	}
}

func (r *reporter) checkScale(scale []Anchor, at pos, where string) {
	if len(scale) < 2 {
		r.at(at, "l'échelle de %s doit avoir au moins deux échelons", where)
		return
	}
	if len(scale) > maxAnchors {
		r.at(at, "l'échelle de %s a plus de %d échelons", where, maxAnchors)
	}
	for i, a := range scale {
		if a.Label == "" {
			r.at(a.at.of(""), "l'échelon %d de %s n'a pas de libellé (« label »)", a.Value, where)
		}
		if i > 0 && a.Value <= scale[i-1].Value {
			r.at(a.at.of("value"), "les échelons de %s doivent être des entiers strictement croissants (%d après %d)", where, a.Value, scale[i-1].Value)
		}
	}
}

// forgetGrid drops the grid's source positions.
func forgetGrid(g *Grid) {
	g.at = nil
	for i := range g.Scale {
		g.Scale[i].at = nil
	}
	for _, t := range g.Themes {
		t.at = nil
		for i := range t.Scale {
			t.Scale[i].at = nil
		}
		for _, c := range t.Criteria {
			c.at = nil
		}
	}
}
