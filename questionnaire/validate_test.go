package questionnaire

import (
	"slices"
	"testing"
)

const nnbsp = "\u202f"

func TestValidateAnswer(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	file := func(id, kind string, size string) string {
		return `{"id":` + id + `,"name":"preuve.` + kind + `","kind":"` + kind + `","size":` + size + `}`
	}
	cases := []struct {
		key, raw string
		want     string   // normalised answer, "" for none
		errs     []string // exact messages
	}{
		{"general.oui_non", `true`, `true`, nil},
		{"general.oui_non", ` false `, `false`, nil},
		{"general.oui_non", `null`, ``, nil},
		{"general.oui_non", ``, ``, nil},
		{"general.oui_non", `"oui"`, ``, []string{"« Délibération adoptée » : la réponse doit être oui ou non"}},
		{"general.oui_non", `1`, ``, []string{"« Délibération adoptée » : la réponse doit être oui ou non"}},
		{"general.choix", `" libre "`, `"libre"`, nil},
		{"general.choix", `"autre"`, ``, []string{"« Suite bureautique » doit être l'une des réponses proposées"}},
		{"general.choix", `3`, ``, []string{"« Suite bureautique » : la réponse doit être un texte"}},
		{"general.multiple", `["syndicat","epci"]`, `["epci","syndicat"]`, nil},
		{"general.multiple", `[]`, ``, nil},
		{"general.multiple", `["epci","epci"]`, ``, []string{"« Partenaires » contient plusieurs fois la même réponse"}},
		{"general.multiple", `["x","y"]`, ``, []string{"« Partenaires » doit être l'une des réponses proposées"}},
		{"general.multiple", `"epci"`, ``, []string{"« Partenaires » : la réponse doit être une liste de choix"}},
		{"general.multiple", ` [ "epci" , "" , " syndicat " ] `, `["epci","syndicat"]`, nil},
		{"general.multiple", `["epci",null]`, ``, []string{"« Partenaires » : la réponse doit être une liste de choix"}},
		{"general.multiple", `["epci",]`, ``, []string{"« Partenaires » : la réponse doit être une liste de choix"}},
		{"general.multiple", `["\u0065pci"]`, `["epci"]`, nil},
		{"general.entier", `12`, `12`, nil},
		{"general.entier", `1e2`, `100`, nil},
		{"general.entier", `12.0`, `12`, nil},
		{"general.entier", `12.5`, ``, []string{"« Nombre d'agents » doit être un nombre entier"}},
		{"general.entier", `2000`, ``, []string{"« Nombre d'agents » doit être une valeur comprise entre 0 et 1" + nnbsp + "000"}},
		{"general.entier", `"12"`, ``, []string{"« Nombre d'agents » doit être un nombre"}},
		{"general.entier", `1e999`, ``, []string{"« Nombre d'agents » doit être un nombre"}},
		{"general.decimal", `12.50`, `12.5`, nil},
		{"general.decimal", `-0.5`, `-0.5`, nil},
		{"general.decimal", `10000.5`, ``, []string{"« Budget en milliers d'euros » doit être une valeur inférieure ou égale à 10" + nnbsp + "000"}},
		{"general.decimal", `"12,5"`, ``, []string{"« Budget en milliers d'euros » doit être un nombre"}},
		{"general.part", `42.5`, `42.5`, nil},
		{"general.part", `150`, ``, []string{"« Part des postes sous système libre » doit être une valeur comprise entre 0 et 100"}},
		{"general.texte", `"  Camille Martin  "`, `"Camille Martin"`, nil},
		{"general.texte", `"   "`, ``, nil},
		{"general.texte", `"Élo <Dupont> & fils"`, `"Élo <Dupont> & fils"`, nil},
		{"general.texte", `"Caractères accentués éé"`, ``, []string{"« Nom du référent » ne doit pas dépasser 20 caractères"}},
		{"general.texte", `"Tab\tet \"guillemets\""`, `"Tab\tet \"guillemets\""`, nil},
		{"general.long", `"ligne 1\r\nligne 2"`, `"ligne 1\nligne 2"`, nil},
		{"general.site", `"https://data.exemple.fr/"`, `"https://data.exemple.fr/"`, nil},
		{"general.site", `"data.exemple.fr"`, ``, []string{"« Adresse du portail open data » doit être une adresse web valide, commençant par https:// ou http://"}},
		{"general.site", `"ftp://exemple.fr"`, ``, []string{"« Adresse du portail open data » doit être une adresse web valide, commençant par https:// ou http://"}},
		{"general.courriel", `"camille@mairie.fr"`, `"camille@mairie.fr"`, nil},
		{"general.courriel", `"camille@"`, ``, []string{"« Courriel du référent » doit être une adresse électronique valide (par exemple prenom.nom@mairie.fr)"}},
		{"general.date", `"2026-10-15"`, `"2026-10-15"`, nil},
		{"general.date", `"2026-02-30"`, ``, []string{"« Date de la délibération » doit être une date valide (jour, mois et année)"}},
		{"general.date", `"15/10/2026"`, ``, []string{"« Date de la délibération » doit être une date valide (jour, mois et année)"}},
		{"general.preuve", `[` + file("12", "pdf", "1000") + `]`, `[{"id":12,"name":"preuve.pdf","kind":"pdf","size":1000}]`, nil},
		{"general.preuve", `[]`, ``, nil},
		{"general.preuve", `[` + file("12", "docx", "1000") + `]`, ``, []string{"« Délibération signée » : ce type de fichier n'est pas accepté (formats acceptés : PDF, ODT)"}},
		{"general.preuve", `[` + file("12", "pdf", "2000000") + `]`, ``, []string{"« Délibération signée » : un fichier ne doit pas dépasser 1\u00a0Mo"}},
		{"general.preuve", `[` + file("1", "pdf", "1") + `,` + file("2", "odt", "1") + `,` + file("3", "pdf", "1") + `]`, ``, []string{"« Délibération signée » : au plus 2 fichiers"}},
		{"general.preuve", `[` + file("0", "pdf", "1") + `]`, ``, []string{"« Délibération signée » : le fichier n° 1 est mal décrit (identifiant, nom, type, taille ou empreinte)"}},
		{"general.preuve", `[{"id":1,"name":"a.pdf","kind":"pdf","size":1,"sha256":"abc"}]`, ``, []string{"« Délibération signée » : le fichier n° 1 est mal décrit (identifiant, nom, type, taille ou empreinte)"}},
		{"general.preuve", `{"id":1}`, ``, []string{"« Délibération signée » : la réponse doit être une liste de fichiers"}},
		{"general.logiciels", `[{"postes":40,"nom":" LibreOffice ","libre":true,"depuis":"2020-01-01","part":50,"usage":"bureautique"},{},{"nom":""}]`,
			`[{"nom":"LibreOffice","usage":"bureautique","postes":40,"libre":true,"depuis":"2020-01-01","part":50}]`, nil},
		{"general.logiciels", `[{"nom":"LibreOffice"}]`, `[{"nom":"LibreOffice"}]`, nil},
		{"general.logiciels", `[{},{}]`, ``, nil},
		{"general.logiciels", `[{"nom":"A"},{"nom":"B","postes":-1},{"nom":"C","foo":1}]`, ``, []string{
			"« Logiciels libres utilisés », ligne 2 : « Nombre de postes » doit être une valeur supérieure ou égale à 0",
			"« Logiciels libres utilisés », ligne 3 : la colonne « foo » n'existe pas"}},
		{"general.logiciels", `[{"nom":"A"},{"nom":"B"},{"nom":"C"},{"nom":"D"}]`, ``, []string{"« Logiciels libres utilisés » : au plus 3 lignes"}},
		{"general.logiciels", `[{"nom":"A","postes":"40","libre":"oui"}]`, ``, []string{
			"« Logiciels libres utilisés », ligne 1 : « Nombre de postes » doit être un nombre",
			"« Logiciels libres utilisés », ligne 1 : « Licence libre » : la réponse doit être oui ou non"}},
		{"general.logiciels", `[{"nom":"A"}, 3]`, ``, []string{"« Logiciels libres utilisés », ligne 2 : la ligne est mal formée"}},
		{"general.logiciels", `[null, "A", {"nom":"B"}]`, ``, []string{"« Logiciels libres utilisés », ligne 2 : la ligne est mal formée"}},
		{"general.logiciels", `[null, {"\u006eom" : "A"}, null]`, `[{"nom":"A"}]`, nil},
		{"general.logiciels", `[{"nom":"A"},]`, ``, []string{"« Logiciels libres utilisés » : la réponse doit être une liste de lignes"}},
		{"general.logiciels", `[{"nom":"A"}`, ``, []string{"« Logiciels libres utilisés » : la réponse doit être une liste de lignes"}},
		{"general.logiciels", `{"nom":"A"}`, ``, []string{"« Logiciels libres utilisés » : la réponse doit être une liste de lignes"}},
		{"nope", `1`, ``, []string{"la question « nope » n'existe pas dans ce questionnaire"}},
	}
	for _, c := range cases {
		t.Run(c.key+" "+c.raw, func(t *testing.T) {
			got, errs := q.ValidateAnswer(c.key, raw(c.raw))
			if string(got) != c.want {
				t.Errorf("normalised = %s, want %s", got, c.want)
			}
			if !slices.Equal(messages(errs), c.errs) {
				t.Errorf("errors =\n%q\nwant\n%q", messages(errs), c.errs)
			}
			for _, e := range errs {
				if e.Key != c.key {
					t.Errorf("error key = %q", e.Key)
				}
			}
		})
	}
}

func TestValidateModes(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	cases := []struct {
		name string
		a    Answers
		m    Mode
		want []FieldError
	}{
		{"empty draft saves", Answers{}, Draft, nil},
		{"half-filled draft saves", answers("general.oui_non", `true`, "general.logiciels", `[{"nom":"A"}]`), Draft, nil},
		{"draft checks types and limits, in order, unknown keys last", answers(
			"zz.inconnue", `1`, "general.part", `101`, "general.oui_non", `"oui"`, "aa.inconnue", `1`), Draft, []FieldError{
			{Key: "general.oui_non", Row: -1, Message: "« Délibération adoptée » : la réponse doit être oui ou non"},
			{Key: "general.part", Row: -1, Message: "« Part des postes sous système libre » doit être une valeur comprise entre 0 et 100"},
			{Key: "aa.inconnue", Row: -1, Message: "la question « aa.inconnue » n'existe pas dans ce questionnaire"},
			{Key: "zz.inconnue", Row: -1, Message: "la question « zz.inconnue » n'existe pas dans ce questionnaire"},
		}},
		{"draft checks hidden answers too", answers("general.oui_non", `false`, "general.preuve", `3`), Draft, []FieldError{
			{Key: "general.preuve", Row: -1, Message: "« Délibération signée » : la réponse doit être une liste de fichiers"},
		}},
		{"submission requires visible questions", Answers{}, Submission, []FieldError{
			{Key: "general.oui_non", Row: -1, Message: "« Délibération adoptée » est obligatoire"},
			{Key: "general.choix", Row: -1, Message: "« Suite bureautique » est obligatoire"},
			{Key: "general.part", Row: -1, Message: "« Part des postes sous système libre » est obligatoire"},
			{Key: "general.logiciels", Row: -1, Message: "« Logiciels libres utilisés » : au moins 1 ligne"},
		}},
		{"conditional requirement", answers(
			"general.oui_non", `true`, "general.choix", `"libre"`, "general.part", `0`, "general.logiciels", `[{"nom":"A","postes":1}]`), Submission, []FieldError{
			{Key: "general.preuve", Row: -1, Message: "« Délibération signée » est obligatoire"},
		}},
		{"hidden answers are ignored", answers(
			"general.oui_non", `false`, "general.preuve", `3`, "general.choix", `"proprietaire"`, "general.choix_detail", `4`,
			"general.part", `0`, "general.logiciels", `[{"nom":"A","postes":1}]`), Submission, nil},
		{"group rows complete", answers(
			"general.oui_non", `false`, "general.choix", `"libre"`, "general.part", `0`,
			"general.logiciels", `[{"nom":"A","postes":1},{},{"usage":"metier"}]`), Submission, []FieldError{
			{Key: "general.logiciels", Row: 2, Column: "nom", Message: "« Logiciels libres utilisés », ligne 3 : « Nom du logiciel » est obligatoire"},
			{Key: "general.logiciels", Row: 2, Column: "postes", Message: "« Logiciels libres utilisés », ligne 3 : « Nombre de postes » est obligatoire"},
		}},
		{"empty answers are missing", answers(
			"general.oui_non", `null`, "general.choix", `"  "`, "general.part", `0`, "general.logiciels", `[{}]`), Submission, []FieldError{
			{Key: "general.oui_non", Row: -1, Message: "« Délibération adoptée » est obligatoire"},
			{Key: "general.choix", Row: -1, Message: "« Suite bureautique » est obligatoire"},
			{Key: "general.logiciels", Row: -1, Message: "« Logiciels libres utilisés » : au moins 1 ligne"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := q.Validate(c.a, c.m)
			if !slices.Equal(got, c.want) {
				t.Errorf("Validate =\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

func TestValidateDefaultComplete(t *testing.T) {
	t.Parallel()
	q := loadDefault(t)
	a := fullDefaultAnswers()
	if errs := q.Validate(a, Submission); errs != nil {
		t.Fatalf("complete candidature refused: %v", messages(errs))
	}
	for key := range a {
		if !q.Visible(key, a) {
			t.Errorf("%s hidden in the complete candidature", key)
		}
	}
	visible := 0
	for _, qu := range q.Questions() {
		if q.Visible(qu.Key, a) {
			visible++
		}
	}
	// Only the code link is hidden (no published code).
	if visible != len(a) || len(q.Questions()) != len(a)+1 || len(a) < 50 {
		t.Errorf("%d answers, %d visible questions", len(a), visible)
	}
	// The spec's example message.
	a["logiciels.liste"] = raw(`[{"nom":"LibreOffice","usage":"bureautique","postes":15},{"nom":"Firefox","usage":"internet"}]`)
	errs := q.Validate(a, Submission)
	want := "« Logiciels libres utilisés », ligne 2 : « Nombre de postes » est obligatoire"
	if len(errs) != 1 || errs[0].Message != want || errs[0].Row != 1 || errs[0].Column != "postes" {
		t.Errorf("Validate = %+v, want %q", errs, want)
	}
	if errs := q.Validate(a, Draft); errs != nil {
		t.Errorf("draft refused: %v", messages(errs))
	}
}

func TestFieldErrorsError(t *testing.T) {
	t.Parallel()
	es := FieldErrors{{Message: "un"}, {Message: "deux"}}
	if got := es.Error(); got != "un\ndeux" {
		t.Errorf("Error() = %q", got)
	}
	if got := (FieldError{Message: "un"}).Error(); got != "un" {
		t.Errorf("Error() = %q", got)
	}
	if got := (FieldErrors{}).Error(); got != "" {
		t.Errorf("Error() = %q", got)
	}
}
