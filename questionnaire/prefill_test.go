package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// nextYear derives next year's questionnaire from the sample: an option
// removed from each choice, a type changed, a shorter limit, a question
// removed, a column added to the group and a new question.
func nextYear(t *testing.T) *Questionnaire {
	t.Helper()
	src := sampleYAML
	for _, r := range []struct{ old, new string }{
		{"          - {value: mixte, label: Suites libre et propriétaire}\n", ""},
		{"          - {value: syndicat, label: Syndicat mixte}\n", ""},
		{"    - question: general.multiple\n      theme: autre\n      options: {epci: 2, syndicat: 2, association: 1}", "    - question: general.multiple\n      theme: autre\n      options: {epci: 2, association: 1}"},
		{"      options: {libre: 5, mixte: 2}", "      options: {libre: 5}"},
		{"        label: Nombre d'agents\n        type: integer", "        label: Nombre d'agents\n        type: decimal"},
		{"        max_length: 20\n", "        max_length: 5\n"},
		{"      - key: general.site\n        label: Adresse du portail open data\n        type: url\n", "      - key: general.nouvelle\n        label: Nouvelle question\n        type: yesno\n"},
		{"          - {key: part, label: Part des agents, type: percentage}\n", "          - {key: part, label: Part des agents, type: percentage}\n          - {key: version, label: Version, type: text}\n"},
		{"show_if: {question: general.choix, in: [libre, mixte]}", "show_if: {question: general.choix, in: [libre]}"},
		{"version: \"1\"", "version: \"2\""},
	} {
		if !strings.Contains(src, r.old) {
			t.Fatalf("sample changed: %q not found", r.old)
		}
		src = strings.Replace(src, r.old, r.new, 1)
	}
	q, err := Load([]byte(src), "suivant.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestPrefill(t *testing.T) {
	t.Parallel()
	prev, cur := loadSample(t), nextYear(t)
	prevAnswers := answers(
		"general.oui_non", `true`,
		"general.preuve", `[{"id":1,"name":"d.pdf","kind":"pdf","size":1}]`,
		"general.choix", `"mixte"`,
		"general.multiple", `["syndicat","epci"]`,
		"general.entier", `12`,
		"general.decimal", `12.50`,
		"general.part", `40`,
		"general.texte", `"Camille Martin"`,
		"general.long", `"Projet"`,
		"general.site", `"https://data.exemple.fr"`,
		"general.courriel", `" camille@mairie.fr "`,
		"general.date", `"2025-06-01"`,
		"general.logiciels", `[{"nom":"LibreOffice","postes":4}]`,
		"disparue", `true`,
	)
	got := Prefill(prev, prevAnswers, cur)
	want := answers(
		"general.oui_non", `true`,
		"general.multiple", `["epci"]`,
		"general.decimal", `12.5`,
		"general.part", `40`,
		"general.long", `"Projet"`,
		"general.courriel", `"camille@mairie.fr"`,
		"general.date", `"2025-06-01"`,
	)
	if len(got) != len(want) {
		t.Errorf("Prefill kept %d answers, want %d: %v", len(got), len(want), keys(got))
	}
	for k, v := range want {
		if string(got[k]) != string(v) {
			t.Errorf("Prefill[%s] = %s, want %s", k, got[k], v)
		}
	}
	// Same questionnaire: every valid answer but files is kept, groups too.
	same := Prefill(prev, prevAnswers, prev)
	if string(same["general.logiciels"]) != `[{"nom":"LibreOffice","postes":4}]` || same["general.preuve"] != nil || string(same["general.choix"]) != `"mixte"` {
		t.Errorf("Prefill onto the same questionnaire = %v", same)
	}
	if got := Prefill(nil, prevAnswers, cur); got["general.preuve"] != nil || string(got["general.entier"]) != `12` {
		t.Errorf("Prefill without the previous questionnaire = %v", got)
	}
	if got := Prefill(prev, prevAnswers, nil); len(got) != 0 {
		t.Errorf("Prefill to nil = %v", got)
	}
}

func keys(a Answers) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestDiff(t *testing.T) {
	t.Parallel()
	prevQ, curQ := loadSample(t), nextYear(t)
	prev := answers(
		"general.oui_non", `false`,
		"general.choix", `"mixte"`,
		"general.multiple", `["syndicat","epci"]`,
		"general.entier", `12`,
		"general.part", `40`,
		"general.texte", `"Camille"`,
		"general.site", `"https://data.exemple.fr"`,
		"general.date", `"2025-06-01"`,
	)
	cur := answers(
		"general.oui_non", `true`,
		"general.choix", `"libre"`,
		"general.multiple", `["epci"]`,
		"general.entier", `12.0`,
		"general.part", `40.0`,
		"general.texte", `"Camille"`,
		"general.date", `" 2025-06-01 "`,
		"general.nouvelle", `true`,
		"general.courriel", `"camille@mairie.fr"`,
	)
	want := []Change{
		{Key: "general.oui_non", Label: "Délibération adoptée", Kind: Changed, Before: "Non", After: "Oui"},
		{Key: "general.choix", Label: "Suite bureautique", Kind: Changed, Before: "Suites libre et propriétaire", After: "Suite libre"},
		{Key: "general.multiple", Label: "Partenaires", Kind: Changed, Before: "Syndicat mixte, Intercommunalité", After: "Intercommunalité"},
		{Key: "general.nouvelle", Label: "Nouvelle question", Kind: Added, Before: "Non renseigné", After: "Oui"},
		{Key: "general.courriel", Label: "Courriel du référent", Kind: Added, Before: "Non renseigné", After: "camille@mairie.fr"},
		{Key: "general.site", Label: "Adresse du portail open data", Kind: Removed, Before: "https://data.exemple.fr", After: "Non renseigné"},
	}
	got := Diff(prevQ, prev, curQ, cur)
	if !slices.Equal(got, want) {
		t.Errorf("Diff =\n%+v\nwant\n%+v", got, want)
	}
	// An answer removed from a question that still exists.
	got = Diff(prevQ, answers("general.texte", `"Camille"`), curQ, Answers{})
	if len(got) != 1 || got[0].Kind != Removed || got[0].Before != "Camille" {
		t.Errorf("Diff = %+v", got)
	}
	if Changed.String() != "modifiée" || Added.String() != "nouvelle" || Removed.String() != "retirée" || ChangeKind(0).String() != "" {
		t.Error("ChangeKind names")
	}
	if got := Diff(nil, nil, curQ, answers("general.oui_non", `true`)); len(got) != 1 || got[0].Kind != Added {
		t.Errorf("Diff without a previous campaign = %+v", got)
	}
}
