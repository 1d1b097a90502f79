package evaluation

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/questionnaire"
)

func defaultGrid(t *testing.T) *questionnaire.Grid {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	return q.Grid
}

// fullScores scores every criterion of the grid with v.
func fullScores(g *questionnaire.Grid, v int) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, th := range g.Themes {
		out[th.Theme] = map[string]int{}
		for _, c := range th.Criteria {
			out[th.Theme][c.Key] = v
		}
	}
	return out
}

func intp(v int) *int { return &v }

func TestValidate(t *testing.T) {
	t.Parallel()
	g := defaultGrid(t)
	scheme := domain.DefaultAwardScheme()
	ch := NewChecker()
	long := strings.Repeat("é", MaxComment+1)
	tests := []struct {
		name string
		in   Input
		mode Mode
		want []FieldError
	}{
		{"empty draft", Input{}, Draft, nil},
		{"partial draft", Input{Scores: map[string]map[string]int{"strategie": {"engagement": 0}}, Confidence: domain.ConfidenceHigh}, Draft, nil},
		{"score above the scale", Input{Scores: map[string]map[string]int{"strategie": {"engagement": 5}}}, Draft,
			[]FieldError{{"note.strategie.engagement", "« Engagement politique » (Stratégie et mutualisation) : la note va de 0 (absent) à 4 (exemplaire)."}}},
		{"unknown criterion and theme", Input{Scores: map[string]map[string]int{"strategie": {"x": 1}, "inconnu": {"y": 1}}}, Draft,
			[]FieldError{{"note.inconnu", "Thème inconnu de la grille : « inconnu »."}, {"note.strategie.x", "Critère inconnu dans le thème « Stratégie et mutualisation » : « x »."}}},
		{"level outside the scheme", Input{Level: intp(9)}, Draft,
			[]FieldError{{"niveau", "Le niveau proposé n’existe pas dans le barème « Niveaux 1 à 5 » : niveaux possibles 0 (aucun niveau), 1 (Niveau 1 — Découverte), 2 (Niveau 2 — Engagement), 3 (Niveau 3 — Confirmé), 4 (Niveau 4 — Avancé), 5 (Niveau 5 — Excellence)."}}},
		{"bad confidence", Input{Confidence: "totale"}, Draft, []FieldError{{"confiance", "La confiance est faible, moyenne ou élevée."}}},
		{"long comment", Input{Comments: map[string]string{"donnees": long}}, Draft,
			[]FieldError{{"commentaire.donnees", "Le commentaire du thème « Données ouvertes » ne doit pas dépasser 5\u202f000 caractères."}}},
		{"complete submission", Input{Scores: fullScores(g, 0), Level: intp(0), Confidence: domain.ConfidenceLow}, Submission, nil},
	}
	for _, tt := range tests {
		got := ch.Validate(g, scheme, tt.in, tt.mode)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	// An incomplete submission lists every missing criterion, the level and
	// the confidence.
	scores := fullScores(g, 2)
	delete(scores["donnees"], "qualite")
	got := ch.Validate(g, scheme, Input{Scores: scores}, Submission)
	want := []string{"« Qualité et standards » (Données ouvertes) : choisissez une note.", "Proposez un niveau (ou « aucun niveau »).",
		"Indiquez votre confiance dans cette évaluation (faible, moyenne ou élevée)."}
	if len(got) != len(want) {
		t.Fatalf("incomplete submission: %q", got)
	}
	for i, w := range want {
		if got[i].Message != w {
			t.Errorf("problem %d: %q, want %q", i, got[i].Message, w)
		}
	}
	if s := summary(got); !strings.HasPrefix(s, "3\u00a0points à compléter (« Qualité et standards »") {
		t.Errorf("summary %q", s)
	}
}

func TestFigures(t *testing.T) {
	t.Parallel()
	g := defaultGrid(t)
	scores := fullScores(g, 4)
	scores["strategie"] = map[string]int{"engagement": 1, "pilotage": 2}
	delete(scores, "donnees")
	themes, overall := Figures(g, &domain.Evaluation{Scores: scores})
	if themes != "1.5 4 4 4 -" {
		t.Errorf("theme scores %q", themes)
	}
	// (1.5/4 × 20 + 4/4 × 65) / 85 × 4
	if want := math.Round((0.375*20+65)/85*4*100) / 100; overall != want {
		t.Errorf("overall %v, want %v", overall, want)
	}
	back := ParseThemeScores(themes)
	if len(back) != 5 || back[0] != 1.5 || !math.IsNaN(back[4]) {
		t.Errorf("parsed back %v", back)
	}
}
