package dossier_test

import (
	"strings"
	"testing"
)

// The blank questionnaire lists every section and question of the
// campaign's questionnaire with what it expects, and nothing of any
// candidature.
func TestBlankQuestionnaire(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	f.candidature("01001", fullAnswers()) // a candidature exists: none of it shows
	data, err := f.svc.Blank(f.campaign)
	if err != nil {
		t.Fatal(err)
	}
	text := spaces(pdfText(t, data))
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Questionnaire vierge — campagne 2026", "Les questions de la candidature", "Réponse obligatoire.", "Oui ou non."} {
		if !strings.Contains(flat, want) {
			t.Errorf("the blank questionnaire lacks %q", want)
		}
	}
	for _, sec := range f.q.Sections {
		if !strings.Contains(flat, strings.Join(strings.Fields(sec.Title), " ")) {
			t.Errorf("section %q missing", sec.Title)
		}
		for _, qu := range sec.Questions {
			// Long labels wrap: look for their first words.
			words := strings.Fields(qu.Label)
			if len(words) > 4 {
				words = words[:4]
			}
			if !strings.Contains(flat, strings.Join(words, " ")) {
				t.Errorf("question %q missing", qu.Label)
			}
		}
	}
	for _, leak := range []string{"Abergement", "Camille", "Dossier de candidature"} {
		if strings.Contains(flat, leak) {
			t.Errorf("the blank questionnaire shows %q", leak)
		}
	}
}
