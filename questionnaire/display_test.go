package questionnaire

import (
	"math"
	"slices"
	"testing"

	"github.com/adullact/tnl/internal/fr"
)

func TestDisplay(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	cases := []struct {
		key, raw, want string
	}{
		{"general.oui_non", `true`, "Oui"},
		{"general.oui_non", `false`, "Non"},
		{"general.oui_non", ``, "Non renseigné"},
		{"general.oui_non", `null`, "Non renseigné"},
		{"general.oui_non", `"oui"`, "Réponse illisible"},
		{"general.choix", `"mixte"`, "Suites libre et propriétaire"},
		{"general.choix", `"retirée"`, "retirée"},
		{"general.multiple", `["epci","association"]`, "Intercommunalité, Association"},
		{"general.multiple", `[]`, "Non renseigné"},
		{"general.entier", `40`, "40"},
		{"general.entier", `12345`, "12" + nnbsp + "345"},
		{"general.decimal", `12.5`, "12,5"},
		{"general.decimal", `-0.125`, "-0,125"},
		{"general.decimal", `1234567.891`, "1" + nnbsp + "234" + nnbsp + "567,891"},
		{"general.part", `42`, "42" + nnbsp + "%"},
		{"general.part", `12.5`, "12,5" + nnbsp + "%"},
		{"general.texte", `" Camille "`, "Camille"},
		{"general.texte", `""`, "Non renseigné"},
		{"general.date", `"2026-10-15"`, "15 octobre 2026"},
		{"general.date", `"2026-08-01"`, "1er août 2026"},
		{"general.date", `"15/10/2026"`, "15/10/2026"},
		{"general.preuve", `[{"id":1,"name":"deliberation.pdf","kind":"pdf","size":1},{"id":2,"name":"annexe.odt","kind":"odt","size":1}]`, "deliberation.pdf, annexe.odt"},
		{"general.logiciels", `[{"nom":"LibreOffice","usage":"bureautique","postes":40},{},{"nom":"Firefox","libre":true,"depuis":"2020-01-01"}]`,
			"LibreOffice, Bureautique, 40 ; Firefox, Oui, 1er janvier 2020"},
	}
	for _, c := range cases {
		if got := q.Question(c.key).Display(raw(c.raw)); got != c.want {
			t.Errorf("Display(%s, %s) = %q, want %q", c.key, c.raw, got, c.want)
		}
	}
}

func TestDisplayRows(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	g := q.Question("general.logiciels")
	header, rows := g.DisplayRows(raw(`[{"nom":"LibreOffice","usage":"bureautique","postes":1500,"part":50},{"nom":" "},{"nom":"Firefox","libre":false,"postes":"x"}]`))
	wantHeader := []string{"Nom du logiciel", "Usage", "Nombre de postes", "Licence libre", "En service depuis", "Part des agents"}
	if !slices.Equal(header, wantHeader) {
		t.Errorf("header = %q", header)
	}
	want := [][]string{
		{"LibreOffice", "Bureautique", "1" + nnbsp + "500", "", "", "50" + nnbsp + "%"},
		{"Firefox", "", "Réponse illisible", "Non", "", ""},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows = %q", rows)
	}
	if h, r := g.DisplayRows(nil); !slices.Equal(h, wantHeader) || r != nil {
		t.Errorf("DisplayRows(nil) = %q, %q", h, r)
	}
	if h, r := q.Question("general.texte").DisplayRows(raw(`"x"`)); h != nil || r != nil {
		t.Errorf("DisplayRows of a text = %q, %q", h, r)
	}
}

func TestFrenchFormats(t *testing.T) {
	t.Parallel()
	numbers := []struct {
		f    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {2026, "2" + nnbsp + "026"}, {63.5, "63,5"}, {1.005, "1"},
		{2.0 / 3, "0,67"}, {-1234.5, "-1" + nnbsp + "234,5"}, {1e6, "1" + nnbsp + "000" + nnbsp + "000"},
	}
	for _, c := range numbers {
		if got := fr.Decimal(c.f, 2); got != c.want {
			t.Errorf("fr.Decimal(%v, 2) = %q, want %q", c.f, got, c.want)
		}
	}
	sizes := []struct {
		s    string
		want int64
		ok   bool
	}{
		{"10 Mo", 10 << 20, true}, {"10Mo", 10 << 20, true}, {"1,5 mo", 3 << 19, true}, {"500 Ko", 500 << 10, true},
		{"2 Go", 2 << 30, true}, {"1024", 1024, true}, {"12 octets", 12, true}, {"10 MB", 10 << 20, true},
		{"dix Mo", 0, false}, {"0 Mo", 0, false}, {"-1 Mo", 0, false}, {"", 0, false}, {"10 To", 0, false},
	}
	for _, c := range sizes {
		got, ok := parseSize(c.s)
		if got != c.want || ok != c.ok {
			t.Errorf("parseSize(%q) = %d, %v", c.s, got, ok)
		}
	}

}
