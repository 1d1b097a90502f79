package questionnaire

import (
	"math"
	"strings"
	"testing"
)

const gridYAML = `
evaluation:
  scale:
    - {value: 0, label: absent}
    - {value: 1, label: émergent}
    - {value: 2, label: solide}
  themes:
    - theme: autre
      scale:
        - {value: 0, label: non}
        - {value: 4, label: oui}
      criteria:
        - {key: ouverture, label: Ouverture}
    - theme: general
      criteria:
        - {key: engagement, label: Engagement, help: Décisions prises.}
        - {key: pratique, label: Pratique}
`

func TestGridLoads(t *testing.T) {
	t.Parallel()
	q, err := Load([]byte(sampleYAML+gridYAML), "grille.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g := q.Grid
	if len(g.Themes) != 2 || g.Themes[0].Theme != "general" || g.Themes[1].Theme != "autre" {
		t.Fatalf("themes not in the scoring order: %+v", g.Themes)
	}
	gen, other := g.Themes[0], g.Themes[1]
	if gen.Label != "Général" || gen.Weight != 60 || gen.Max() != 2 || gen.Anchor(1) != "émergent" || gen.Criterion("engagement").Help != "Décisions prises." {
		t.Errorf("general theme %+v", gen)
	}
	if other.Min() != 0 || other.Max() != 4 || other.Anchor(4) != "oui" {
		t.Errorf("own scale of the second theme: %+v", other.Scale)
	}
	if avg, ok := gen.ThemeAverage(map[string]int{"engagement": 2, "pratique": 1, "inconnu": 9}); !ok || avg != 1.5 {
		t.Errorf("average %v %v", avg, ok)
	}
	// general 1.5/2 = 0.75 × 60, autre 4/4 = 1 × 40: 0.85 of the default scale (0–2).
	if v, ok := g.Overall([]float64{1.5, 4}); !ok || v != 1.7 {
		t.Errorf("overall %v %v", v, ok)
	}
	if v, ok := g.Overall([]float64{math.NaN(), 2}); !ok || v != 1 {
		t.Errorf("overall without the first theme %v %v", v, ok)
	}
	if _, ok := g.Overall([]float64{math.NaN(), math.NaN()}); ok {
		t.Error("an overall score without any theme score")
	}
}

func TestGridProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, grid, want string
	}{
		{"unknown theme", `
evaluation:
  scale: [{value: 0, label: a}, {value: 1, label: b}]
  themes:
    - {theme: general, criteria: [{key: a, label: A}]}
    - {theme: autre, criteria: [{key: a, label: A}]}
    - {theme: inconnu, criteria: [{key: a, label: A}]}
`, "la grille porte sur le thème « inconnu », inconnu du barème"},
		{"missing theme", `
evaluation:
  scale: [{value: 0, label: a}, {value: 1, label: b}]
  themes:
    - {theme: general, criteria: [{key: a, label: A}]}
`, "le thème « autre » du barème n'a pas de grille d'évaluation"},
		{"repeated criterion", `
evaluation:
  scale: [{value: 0, label: a}, {value: 1, label: b}]
  themes:
    - {theme: general, criteria: [{key: a, label: A}, {key: a, label: B}]}
    - {theme: autre, criteria: [{key: a, label: A}]}
`, "le critère « a » est déclaré deux fois dans le thème « general »"},
		{"decreasing scale", `
evaluation:
  scale: [{value: 2, label: a}, {value: 1, label: b}]
  themes:
    - {theme: general, criteria: [{key: a, label: A}]}
    - {theme: autre, criteria: [{key: a, label: A}]}
`, "strictement croissants (1 après 2)"},
		{"anchor without label", `
evaluation:
  scale: [{value: 0, label: a}, {value: 1}]
  themes:
    - {theme: general, criteria: [{key: a, label: A}]}
    - {theme: autre, criteria: [{key: a, label: A}]}
`, "l'échelon 1 de la grille d'évaluation n'a pas de libellé"},
		{"no scale", `
evaluation:
  themes:
    - {theme: general, criteria: [{key: a, label: A}]}
    - {theme: autre, criteria: [{key: a, label: A}]}
`, "doit donner son échelle"},
		{"no criteria", `
evaluation:
  scale: [{value: 0, label: a}, {value: 1, label: b}]
  themes:
    - {theme: general, criteria: []}
    - {theme: autre, criteria: [{key: A, label: A}]}
`, "la grille du thème « general » n'a aucun critère"},
		{"bad key", `
evaluation:
  scale: [{value: 0, label: a}, {value: 1, label: b}]
  themes:
    - {theme: general, criteria: [{key: a, label: A}]}
    - {theme: autre, criteria: [{key: A, label: A}]}
`, "la clé de critère « A » est invalide"},
		{"unknown field", `
evaluation:
  scale: [{value: 0, label: a}, {value: 1, label: b}]
  themes:
    - {theme: general, critères: [], criteria: [{key: a, label: A}]}
    - {theme: autre, criteria: [{key: a, label: A}]}
`, "champ « critères » inconnu"},
	}
	for _, tt := range tests {
		probs := Check([]byte(sampleYAML+tt.grid), "grille.yaml")
		if !strings.Contains(probs.Error(), tt.want) {
			t.Errorf("%s: problems %q, want %q", tt.name, probs.Error(), tt.want)
		}
	}
	noScoring := "title: T\nversion: \"1\"\nsections:\n  - key: s\n    title: S\n    questions:\n      - {key: s.a, label: A, type: yesno}\n" +
		"evaluation:\n  scale: [{value: 0, label: a}, {value: 1, label: b}]\n  themes: []\n"
	if probs := Check([]byte(noScoring), "g.yaml"); !strings.Contains(probs.Error(), "ajoutez un barème") {
		t.Errorf("a grid without scoring: %v", probs)
	}
}

// The default 2026 questionnaire ships a grid for each of its themes.
func TestDefaultGrid(t *testing.T) {
	t.Parallel()
	q := loadDefault(t)
	if q.Grid == nil || len(q.Grid.Themes) != len(q.Scoring.Themes) {
		t.Fatalf("default grid: %+v", q.Grid)
	}
	if q.Grid.Min() != 0 || q.Grid.Max() != 4 || q.Grid.Scale[4].Label != "exemplaire" {
		t.Errorf("default scale %+v", q.Grid.Scale)
	}
	for _, th := range q.Grid.Themes {
		if len(th.Criteria) < 2 {
			t.Errorf("theme %s has %d criteria", th.Theme, len(th.Criteria))
		}
	}
}

func TestOutlineShowsTheGrid(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	if err := Outline(&b, loadDefault(t)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Grille d’évaluation du jury") || !strings.Contains(b.String(), "4 « exemplaire »") {
		t.Errorf("outline without the grid:\n%s", b.String())
	}
}
