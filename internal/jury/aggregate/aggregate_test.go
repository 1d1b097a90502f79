package aggregate

import (
	"math"
	"strings"
	"testing"
)

var nan = math.NaN()

// fixture: three jurors — A lenient, B strict, C in between — evaluate
// three candidatures; a fourth has no evaluation, only its automatic score.
func fixture() Input {
	ev := func(j int64, overall float64, theme2 float64, level int, conf string) Evaluation {
		return Evaluation{Juror: j, Themes: []float64{overall, theme2}, Overall: overall, Level: level, Confidence: conf}
	}
	const a, b, c = 1, 2, 3
	return Input{
		Themes:  []Theme{{Key: "strategie", Label: "Stratégie", Min: 0, Max: 4}, {Key: "donnees", Label: "Données", Min: 0, Max: 4}},
		Overall: Theme{Key: "global", Label: "Note globale", Min: 0, Max: 4},
		Levels:  []Level{{1, "Découverte"}, {2, "Engagement"}, {3, "Confirmé"}, {4, "Avancé"}, {5, "Excellence"}},
		Candidatures: []Candidature{
			{ID: 10, Evaluations: []Evaluation{ev(a, 4, 2, 4, "elevee"), ev(b, 2, 2, 2, "faible"), ev(c, 3, 2, 3, "moyenne")},
				Automatic: Automatic{Known: true, Total: 62.5, Max: 100, Level: 4}},
			{ID: 11, Evaluations: []Evaluation{ev(a, 4, 3, 4, "moyenne"), ev(b, 1, 3, 1, "moyenne"), ev(c, 2, 3, 2, "moyenne")}},
			{ID: 12, Evaluations: []Evaluation{ev(a, 3, 1, 3, "faible"), ev(b, 0, 1, 1, "faible"), ev(c, 1, nan, 1, "faible")},
				Automatic: Automatic{Known: true, Total: 80, Max: 100, Level: 5}},
			{ID: 13, Automatic: Automatic{Known: true, Total: 31, Max: 100, Level: 2}},
		},
	}
}

func TestComputeOnAFixedFixture(t *testing.T) {
	t.Parallel()
	in := fixture()
	rs := Compute(in)
	if len(rs) != 4 {
		t.Fatalf("%d results", len(rs))
	}
	r := rs[0]
	o := r.Overall
	if o.N != 3 || o.Median != 3 || o.Mean != 3 || o.Spread != 2 || !o.Disagree {
		t.Errorf("overall of 10: %+v", o)
	}
	// Normalised (hand-computed): A's 4 is its habit (mean 3.67), B's 2 is
	// B's best (mean 1): 3.15, 3.83, 3.83; median 3.83.
	want := map[int64]float64{1: 3.15, 2: 3.83, 3: 3.83}
	for _, j := range r.Jurors {
		if !j.Normalised || j.Overall.Normalised != want[j.Juror] {
			t.Errorf("juror %d on 10: normalised %v, want %v", j.Juror, j.Overall.Normalised, want[j.Juror])
		}
	}
	if o.NormMedian != 3.83 || o.NormMean != 3.603 {
		t.Errorf("normalised median %v, mean %v", o.NormMedian, o.NormMean)
	}
	if st := r.Themes[1]; st.Spread != 0 || st.Disagree || st.Median != 2 {
		t.Errorf("theme 2 of 10: %+v", st)
	}
	if !r.Disagreement || len(r.Reasons) != 2 || r.Reasons[0] != "« Stratégie » : notes de 2 à 4" || r.Reasons[1] != "niveaux proposés de 2 à 4" {
		t.Errorf("disagreement of 10: %v %q", r.Disagreement, r.Reasons)
	}
	// Levels 2 (weight 1), 3 (2), 4 (3): the weighted median is 3.
	if r.Suggested != 3 {
		t.Errorf("suggested %d", r.Suggested)
	}
	for _, part := range []string{
		"Niveau suggéré : 3 (Confirmé), médiane des niveaux proposés par 3\u00a0jurés, chacun pondéré par la confiance du juré",
		"2 (confiance faible), 3 (confiance moyenne) et 4 (confiance élevée)",
		"Les propositions s’écartent de 2 niveaux",
		"Note globale médiane : 3 sur 4 (3,83 une fois corrigées les habitudes des jurés).",
		"Le score automatique du questionnaire (62,5 sur 100) suggère 4 (Avancé).",
	} {
		if !strings.Contains(r.Explain(in), part) {
			t.Errorf("explanation of 10 lacks %q:\n%s", part, r.Explain(in))
		}
	}

	// Equal confidences: a plain median (4, 1, 2 → 2); no disagreement on
	// theme 2 (all 3).
	if r := rs[1]; r.Suggested != 2 || strings.Contains(r.Explain(in), "pondéré") || r.Themes[1].Disagree {
		t.Errorf("11: %d %q %+v", r.Suggested, r.Explain(in), r.Themes[1])
	}
	// A theme C did not score counts two scores; the automatic level is 3
	// levels above the jury's: flagged.
	r = rs[2]
	if r.Themes[1].N != 2 || r.Jurors[2].Themes[1].Known || r.Suggested != 1 || !strings.Contains(r.Explain(in), "suggère 5 (Excellence) : écart à examiner.") {
		t.Errorf("12: %+v %d %q", r.Themes[1], r.Suggested, r.Explain(in))
	}
	if r.Jurors[0].Overall.Normalised != 0.36 || r.Jurors[1].Overall.Normalised != 0.61 {
		t.Errorf("12 normalised: %+v", r.Jurors)
	}
	// Without evaluations: the automatic level.
	if r := rs[3]; r.Suggested != 2 || r.Overall.N != 0 || r.Explain(in) != "Aucune évaluation remise : niveau suggéré par le score automatique du questionnaire, 31 sur 100, soit 2 (Engagement)." {
		t.Errorf("13: %d %q", r.Suggested, r.Explain(in))
	}
}

// A juror with fewer than MinHabits evaluations keeps raw scores; one who
// never varies is only shifted to everybody's mean.
func TestNormalisationEdges(t *testing.T) {
	t.Parallel()
	in := Input{
		Themes:  nil,
		Overall: Theme{Min: 0, Max: 4},
		Candidatures: []Candidature{
			{ID: 1, Evaluations: []Evaluation{{Juror: 1, Overall: 3}, {Juror: 2, Overall: 1}, {Juror: 3, Overall: 4}}},
			{ID: 2, Evaluations: []Evaluation{{Juror: 1, Overall: 3}, {Juror: 2, Overall: 3}}},
			{ID: 3, Evaluations: []Evaluation{{Juror: 1, Overall: 3}, {Juror: 2, Overall: 2}}},
		},
	}
	rs := Compute(in)
	// Everybody's mean: (3+1+4+3+3+3+2)/7 = 19/7 = 2.714…; juror 1 always
	// gives 3: shifted by −0.29 to 2.71; juror 3 has one evaluation: raw.
	j1, j3 := rs[0].Jurors[0], rs[0].Jurors[2]
	if j1.Overall.Normalised != 2.71 || !j1.Normalised {
		t.Errorf("constant juror: %+v", j1)
	}
	if j3.Overall.Normalised != 4 || j3.Normalised {
		t.Errorf("juror with one evaluation: %+v", j3)
	}
	if rs[0].Suggested != 0 || !strings.Contains(rs[0].Explain(in), "Niveau suggéré : aucun niveau") {
		t.Errorf("levels 0 proposed: %d %q", rs[0].Suggested, rs[0].Explain(in))
	}
	none := Compute(Input{Candidatures: []Candidature{{ID: 9}}})
	if none[0].Suggested != 0 || !strings.HasPrefix(none[0].Explain(in), "Aucune évaluation remise et pas de score automatique") {
		t.Errorf("nothing at all: %+v", none[0])
	}
}
