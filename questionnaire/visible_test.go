package questionnaire

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
)

const chainYAML = `title: Chaîne
version: "1"
sections:
  - key: s
    title: S
    questions:
      - {key: s.a, label: A, type: yesno}
      - key: s.b
        label: B
        type: multichoice
        show_if: {question: s.a, equals: true}
        options: [{value: x, label: X}, {value: y, label: Y}, {value: z, label: Z}]
      - {key: s.c, label: C, type: text, required: true, show_if: {question: s.b, equals: y}}
      - {key: s.d, label: D, type: integer, show_if: {question: s.b, in: [x, z]}}
      - {key: s.e, label: E, type: text, show_if: {question: s.d, equals: 3}}
      - {key: s.f, label: F, type: text, show_if: {question: s.d, not_empty: true}}
      - {key: s.g, label: G, type: yesno, show_if: {question: s.a, equals: false}}
`

func TestVisible(t *testing.T) {
	t.Parallel()
	q, err := Load([]byte(chainYAML), "chaine.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		a       Answers
		visible []string
	}{
		{"no answers", Answers{}, []string{"s.a"}},
		{"yes", answers("s.a", `true`), []string{"s.a", "s.b"}},
		{"no", answers("s.a", `false`), []string{"s.a", "s.g"}},
		{"invalid answer matches nothing", answers("s.a", `"oui"`), []string{"s.a"}},
		{"multichoice equals means contains", answers("s.a", `true`, "s.b", `["x","y"]`), []string{"s.a", "s.b", "s.c", "s.d"}},
		{"in", answers("s.a", `true`, "s.b", `["z"]`, "s.d", `3`), []string{"s.a", "s.b", "s.d", "s.e", "s.f"}},
		{"number equals", answers("s.a", `true`, "s.b", `["z"]`, "s.d", `4`), []string{"s.a", "s.b", "s.d", "s.f"}},
		{"hidden parent hides the chain", answers("s.a", `false`, "s.b", `["z"]`, "s.d", `3`), []string{"s.a", "s.g"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, qu := range q.Questions() {
				if q.Visible(qu.Key, c.a) {
					got = append(got, qu.Key)
				}
			}
			if !slices.Equal(got, c.visible) {
				t.Errorf("visible = %v, want %v", got, c.visible)
			}
			// Prune keeps exactly the visible, non-empty answers.
			pruned := q.Prune(c.a)
			for k := range c.a {
				_, kept := pruned[k]
				if kept != slices.Contains(c.visible, k) {
					t.Errorf("Prune kept %s = %v", k, kept)
				}
			}
		})
	}
	if q.Visible("nope", Answers{}) {
		t.Error("unknown key visible")
	}
}

func TestPrune(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	a := answers(
		"general.oui_non", `false`,
		"general.preuve", `[{"id":1,"name":"a.pdf","kind":"pdf","size":1}]`,
		"general.choix", `"libre"`,
		"general.choix_detail", `"LibreOffice"`,
		"general.texte", `"  "`,
		"general.long", `"caché"`,
		"inconnue", `1`,
		"general.entier", `"invalide"`,
	)
	got := q.Prune(a)
	want := answers("general.oui_non", `false`, "general.choix", `"libre"`, "general.choix_detail", `"LibreOffice"`, "general.entier", `"invalide"`)
	if !maps.EqualFunc(got, want, func(x, y json.RawMessage) bool { return string(x) == string(y) }) {
		t.Errorf("Prune = %v", got)
	}
	if _, ok := a["general.preuve"]; !ok {
		t.Error("Prune modified its argument")
	}
}

func TestProgress(t *testing.T) {
	t.Parallel()
	q := loadDefault(t)
	empty := q.Progress(Answers{})
	if len(empty) != len(q.Sections) || empty[0].Section != q.Sections[0] {
		t.Fatalf("Progress = %+v", empty)
	}
	if p := empty[0]; p.Answered != 0 || p.Required != 5 || p.Missing != 5 {
		t.Errorf("identification = %+v", p)
	}
	if p := empty[1]; p.Required != 4 || p.Missing != 4 {
		t.Errorf("strategie, nothing answered = %+v", p)
	}
	// Saying yes to the deliberation shows two more required questions.
	p := q.Progress(answers("strategie.deliberation", `true`, "strategie.mutualisation", `["epci"]`))[1]
	if p.Answered != 2 || p.Required != 6 || p.Missing != 5 {
		t.Errorf("strategie, deliberation = %+v", p)
	}
	for i, p := range q.Progress(fullDefaultAnswers()) {
		if p.Missing != 0 || p.Answered == 0 {
			t.Errorf("section %d of a complete candidature = %+v", i, p)
		}
	}
}
