package questionnaire

import (
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	full := answers(
		"general.oui_non", `true`,
		"general.preuve", `[{"id":1,"name":"d.pdf","kind":"pdf","size":1}]`,
		"general.choix", `"libre"`,
		"general.part", `25`,
		"general.multiple", `["epci","syndicat","association"]`,
		"general.entier", `150`,
		"general.logiciels", `[{"nom":"A"},{"nom":"B"},{"nom":"C"}]`,
	)
	hidden := answers(
		"general.oui_non", `false`,
		"general.preuve", `[{"id":1,"name":"d.pdf","kind":"pdf","size":1}]`,
		"general.choix", `"mixte"`,
		"general.part", `50`,
	)
	cases := []struct {
		name     string
		a        Answers
		p        Profile
		general  float64 // points
		autre    float64
		total    float64
		level    int
		adjusted string
	}{
		{"empty", Answers{}, Profile{}, 0, 0, 0, 0, ""},
		{"full", full, Profile{Kind: "epci", Population: 30000}, 15, 7, 85, 4, ""},
		{"small commune multiplier, capped", full, Profile{Kind: "commune", Population: 500}, 15, 7, 100, 5, "Petites communes"},
		{"unknown population gets no class", full, Profile{Kind: "commune"}, 15, 7, 85, 4, ""},
		{"large collectivité thresholds", full, Profile{Kind: "departement", Population: 60000}, 15, 7, 85, 4, "Grandes collectivités"},
		{"hidden answers do not count", hidden, Profile{}, 12, 0, 36, 2, ""},
		{"proportional and rounding", answers("general.part", `33`), Profile{}, 6.6, 0, 19.8, 1, ""},
		{"invalid answers give nothing", answers("general.part", `"50"`, "general.choix", `"autre"`), Profile{}, 0, 0, 0, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := q.Score(c.a, c.p)
			if len(r.Themes) != 2 || r.Themes[0].Key != "general" || r.Themes[0].Max != 20 || r.Themes[1].Max != 7 || r.Max != 100 {
				t.Fatalf("themes = %+v, max %v", r.Themes, r.Max)
			}
			if r.Themes[0].Points != c.general || r.Themes[1].Points != c.autre || r.Total != c.total || r.Level != c.level {
				t.Errorf("Score = %v + %v points, total %v, level %d; want %v + %v, %v, %d\n%s",
					r.Themes[0].Points, r.Themes[1].Points, r.Total, r.Level, c.general, c.autre, c.total, c.level, r.Explanation)
			}
			adjusted := ""
			if r.Adjustment != nil {
				adjusted = r.Adjustment.Label
			}
			if adjusted != c.adjusted {
				t.Errorf("adjustment = %q, want %q", adjusted, c.adjusted)
			}
		})
	}
}

func TestScoreExplanation(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	cases := []struct {
		a    Answers
		p    Profile
		want string
	}{
		{answers("general.oui_non", `false`, "general.preuve", `[{"id":1,"name":"d.pdf","kind":"pdf","size":1}]`, "general.choix", `"mixte"`, "general.part", `50`),
			Profile{Kind: "epci", Population: 20000},
			"Général : 12 points sur 20, soit 36 sur 60 après pondération.\n" +
				"Autre : 0 point sur 7, soit 0 sur 40 après pondération.\n" +
				"Aucune normalisation ne s'applique à ce profil.\n" +
				"Total pondéré 36 / 100 ; seuil du niveau 2 (30) atteint, niveau 3 (50) non atteint : niveau 2 suggéré."},
		{Answers{}, Profile{},
			"Général : 0 point sur 20, soit 0 sur 60 après pondération.\n" +
				"Autre : 0 point sur 7, soit 0 sur 40 après pondération.\n" +
				"Aucune normalisation ne s'applique à ce profil.\n" +
				"Total pondéré 0 / 100 ; seuil du niveau 1 (10) non atteint : aucun niveau suggéré."},
		{answers("general.oui_non", `true`, "general.choix", `"libre"`, "general.part", `12.5`), Profile{Kind: "commune", Population: 800},
			"Général : 11,5 points sur 20, soit 34,5 sur 60 après pondération.\n" +
				"Autre : 0 point sur 7, soit 0 sur 40 après pondération.\n" +
				"Total pondéré 34,5 / 100.\n" +
				"Normalisation « Petites communes » : total multiplié par 1,5.\n" +
				"Total après normalisation 51,75 / 100 ; seuil du niveau 3 (50) atteint, niveau 4 (70) non atteint : niveau 3 suggéré."},
		{answers("general.oui_non", `true`, "general.choix", `"libre"`, "general.part", `50`, "general.preuve", `[{"id":1,"name":"d.pdf","kind":"pdf","size":1}]`),
			Profile{Kind: "region", Population: 3000000},
			"Général : 20 points sur 20, soit 60 sur 60 après pondération.\n" +
				"Autre : 0 point sur 7, soit 0 sur 40 après pondération.\n" +
				"Total pondéré 60 / 100.\n" +
				"Normalisation « Grandes collectivités » : seuils des niveaux ajustés (20, 40, 60, 80, 95).\n" +
				"Total après normalisation 60 / 100 ; seuil du niveau 3 (60) atteint, niveau 4 (80) non atteint : niveau 3 suggéré."},
	}
	for _, c := range cases {
		if got := q.Score(c.a, c.p).Explanation; got != c.want {
			t.Errorf("Explanation =\n%s\nwant\n%s", got, c.want)
		}
	}
}

func TestScoreDefault(t *testing.T) {
	t.Parallel()
	q := loadDefault(t)
	r := q.Score(fullDefaultAnswers(), Profile{Kind: "commune", Population: 2500})
	if r.Max != 100 || len(r.Themes) != 5 {
		t.Fatalf("Score = %+v", r)
	}
	for _, th := range r.Themes {
		if th.Points <= 0 || th.Points > th.Max || th.Weighted > th.Weight {
			t.Errorf("theme %s = %+v", th.Key, th)
		}
	}
	t.Logf("complete candidature:\n%s", r.Explanation)
	if r.Level < 4 || r.Adjustment == nil || !strings.Contains(r.Explanation, "niveau "+string(rune('0'+r.Level))+" suggéré") {
		t.Errorf("a committed small town gets level %d:\n%s", r.Level, r.Explanation)
	}
	if r := q.Score(Answers{}, Profile{Kind: "commune", Population: 2500}); r.Level != 0 || r.Total != 0 {
		t.Errorf("empty candidature = %+v", r)
	}
	// A modest candidature: some free software, no deliberation.
	modest := answers(
		"strategie.deliberation", `false`, "strategie.elu_referent", `true`,
		"pratiques.formats_ouverts", `true`, "pratiques.format_bureautique", `"mixte"`,
		"logiciels.postes_libres", `0`, "logiciels.bureautique", `"mixte"`, "logiciels.bureautique_part", `50`,
		"logiciels.navigateur", `true`, "logiciels.cms", `"libre"`,
		"communaute.formation_agents", `false`, "communaute.sensibilisation_elus", `true`, "communaute.comptoir", `true`,
		"donnees.publication", `false`,
	)
	if r := q.Score(modest, Profile{Kind: "commune", Population: 15000}); r.Level != 1 {
		t.Errorf("modest candidature gets level %d:\n%s", r.Level, r.Explanation)
	}
}

func TestScoreWithoutScoring(t *testing.T) {
	t.Parallel()
	q, err := Load([]byte("title: a\nversion: b\nsections:\n  - {key: s, title: S, questions: [{key: s.a, label: A, type: yesno}]}\n"), "a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if r := q.Score(answers("s.a", `true`), Profile{}); r.Level != 0 || !strings.Contains(r.Explanation, "pas de barème") {
		t.Errorf("Score = %+v", r)
	}
}
