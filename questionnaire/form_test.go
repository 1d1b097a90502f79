package questionnaire

import (
	"errors"
	"maps"
	"slices"
	"testing"
)

type form = map[string][]string

func TestFromForm(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	cases := []struct {
		key  string
		form form
		want string   // JSON, "" for no answer
		errs []string // French messages
	}{
		{"general.oui_non", form{"general.oui_non": {"oui"}}, `true`, nil},
		{"general.oui_non", form{"general.oui_non": {" Non "}}, `false`, nil},
		{"general.oui_non", form{"general.oui_non": {""}}, ``, nil},
		{"general.oui_non", form{}, ``, nil},
		{"general.oui_non", form{"general.oui_non": {"true"}}, ``, []string{"« Délibération adoptée » : répondez « oui » ou « non »"}},
		{"general.choix", form{"general.choix": {"", "libre"}}, `"libre"`, nil},
		{"general.multiple", form{"general.multiple": {"epci", " ", "syndicat"}}, `["epci","syndicat"]`, nil},
		{"general.multiple", form{"general.multiple": {""}}, ``, nil},
		{"general.entier", form{"general.entier": {"1 000"}}, `1000`, nil},
		{"general.entier", form{"general.entier": {"12,5"}}, ``, []string{"« Nombre d'agents » doit être un nombre entier"}},
		{"general.entier", form{"general.entier": {"douze"}}, ``, []string{"« Nombre d'agents » doit être un nombre (par exemple 12 ou 12,5)"}},
		{"general.decimal", form{"general.decimal": {"12,5"}}, `12.5`, nil},
		{"general.decimal", form{"general.decimal": {"-0,25"}}, `-0.25`, nil},
		{"general.decimal", form{"general.decimal": {"1\u202f234,5"}}, `1234.5`, nil},
		{"general.decimal", form{"general.decimal": {"1,2,3"}}, ``, []string{"« Budget en milliers d'euros » doit être un nombre (par exemple 12 ou 12,5)"}},
		{"general.part", form{"general.part": {"42 %"}}, `42`, nil},
		{"general.part", form{"general.part": {"42,5%"}}, `42.5`, nil},
		{"general.texte", form{"general.texte": {"  Camille <Martin>  "}}, `"Camille <Martin>"`, nil},
		{"general.long", form{"general.long": {"a\r\nb"}}, `"a\nb"`, nil},
		{"general.site", form{"general.site": {"www.mairie.fr"}}, `"https://www.mairie.fr"`, nil},
		{"general.site", form{"general.site": {" data.mairie.fr/jeux?x=1 "}}, `"https://data.mairie.fr/jeux?x=1"`, nil},
		{"general.site", form{"general.site": {"http://mairie.fr"}}, `"http://mairie.fr"`, nil},
		{"general.date", form{"general.date": {"2026-10-15"}}, `"2026-10-15"`, nil},
		{"general.date", form{"general.date": {"5/3/2026"}}, `"2026-03-05"`, nil},
		{"general.date", form{"general.date": {"31/02/2026"}}, ``, []string{"« Date de la délibération » doit être une date au format JJ/MM/AAAA"}},
		{"general.preuve", form{"general.preuve": {`{"id":12,"name":"d.pdf","kind":"pdf","size":10}`}}, `[{"id":12,"name":"d.pdf","kind":"pdf","size":10}]`, nil},
		{"general.preuve", form{"general.preuve": {`pas du json`}}, ``, []string{"« Délibération signée » : un des fichiers joints est mal décrit"}},
		{"general.logiciels", form{
			"general.logiciels.1.nom":     {"Firefox"},
			"general.logiciels.0.nom":     {" LibreOffice "},
			"general.logiciels.0.postes":  {"40"},
			"general.logiciels.0.libre":   {"oui"},
			"general.logiciels.0.part":    {"12,5"},
			"general.logiciels.3.nom":     {""},
			"general.logiciels.0.inconnu": {"x"},
			"general.logiciels_autre":     {"x"},
		}, `[{"nom":"LibreOffice","postes":40,"libre":true,"part":12.5},{"nom":"Firefox"}]`, nil},
		{"general.logiciels", form{"general.logiciels.0.nom": {""}}, ``, nil},
		{"general.logiciels", form{"general.logiciels.x.nom": {"A"}}, ``, []string{"« Logiciels libres utilisés » : numéro de ligne invalide dans le formulaire"}},
		{"general.logiciels", form{"general.logiciels.1.nom": {"A"}, "general.logiciels.1.postes": {"beaucoup"}}, ``, []string{
			"« Logiciels libres utilisés », ligne 2 : « Nombre de postes » doit être un nombre (par exemple 12 ou 12,5)"}},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			qu := q.Question(c.key)
			got, err := qu.FromForm(c.form)
			if string(got) != c.want {
				t.Errorf("FromForm(%v) = %s, want %s", c.form, got, c.want)
			}
			var fes FieldErrors
			if err != nil && !errors.As(err, &fes) {
				t.Fatalf("error %T is not FieldErrors", err)
			}
			if !slices.Equal(messages(fes), c.errs) {
				t.Errorf("errors = %q, want %q", messages(fes), c.errs)
			}
			if got != nil {
				if _, errs := q.ValidateAnswer(c.key, got); errs != nil && c.key != "general.logiciels" {
					t.Errorf("FromForm gave an invalid answer: %v", messages(errs))
				}
			}
		})
	}
}

func TestFormRoundTrip(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	cases := []struct {
		key, raw string
		form     form
	}{
		{"general.oui_non", `true`, form{"general.oui_non": {"oui"}}},
		{"general.oui_non", `false`, form{"general.oui_non": {"non"}}},
		{"general.choix", `"mixte"`, form{"general.choix": {"mixte"}}},
		{"general.multiple", `["epci","association"]`, form{"general.multiple": {"epci", "association"}}},
		{"general.entier", `1234`, form{"general.entier": {"1234"}}},
		{"general.decimal", `12.5`, form{"general.decimal": {"12,5"}}},
		{"general.part", `42`, form{"general.part": {"42"}}},
		{"general.texte", `"Camille"`, form{"general.texte": {"Camille"}}},
		{"general.date", `"2026-10-15"`, form{"general.date": {"2026-10-15"}}},
		{"general.preuve", `[{"id":12,"name":"d.pdf","kind":"pdf","size":10,"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}]`,
			form{"general.preuve": {`{"id":12,"name":"d.pdf","kind":"pdf","size":10,"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}`}}},
		{"general.logiciels", `[{"nom":"LibreOffice","postes":40},{},{"nom":"Firefox","libre":false}]`, form{
			"general.logiciels.0.nom": {"LibreOffice"}, "general.logiciels.0.postes": {"40"},
			"general.logiciels.1.nom": {"Firefox"}, "general.logiciels.1.libre": {"non"}}},
		{"general.texte", `null`, form{}},
		{"general.texte", `12`, form{}},
	}
	for _, c := range cases {
		qu := q.Question(c.key)
		got := qu.FormValues(raw(c.raw))
		if !maps.EqualFunc(got, c.form, slices.Equal) {
			t.Errorf("FormValues(%s) = %v, want %v", c.raw, got, c.form)
			continue
		}
		if len(c.form) == 0 {
			continue
		}
		back, err := qu.FromForm(got)
		if err != nil {
			t.Errorf("FromForm(FormValues(%s)): %v", c.raw, err)
		}
		want, _ := q.ValidateAnswer(c.key, raw(c.raw))
		norm, _ := q.ValidateAnswer(c.key, back)
		if string(norm) != string(want) {
			t.Errorf("round trip of %s gave %s", c.raw, back)
		}
	}
}
