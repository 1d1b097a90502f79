package sheet_test

import (
	"errors"
	"math"
	"time"

	"github.com/adullact/tnl/internal/sheet"
)

// palmares returns a small table with every type, accents, neutralised
// formulas, special characters and empty cells.
func palmares() *sheet.Table {
	return &sheet.Table{
		Name:        "Palmarès",
		Title:       "Palmarès du label Territoire Numérique Libre",
		Description: "Les collectivités labellisées, année par année.",
		Columns: []sheet.Column{
			{Name: "annee", Title: "Année", Type: sheet.Integer, Required: true, Description: "Année de la campagne.", Example: 2025},
			{Name: "code_insee", Title: "Code INSEE", Type: sheet.String, Required: true, Description: "Code officiel géographique de la collectivité."},
			{Name: "collectivite", Title: "Collectivité", Type: sheet.String, Required: true},
			{Name: "niveau", Title: "Niveau", Type: sheet.String, Enum: []any{"Niveau 1", "Niveau 2", "Niveau 3", "Niveau 4", "Niveau 5", "Badge", "Bronze", "Argent", "Or"}},
			{Name: "population", Title: "Population", Type: sheet.Integer},
			{Name: "score", Title: "Score", Type: sheet.Number},
			{Name: "date_deliberation", Title: "Date de délibération", Type: sheet.Date},
			{Name: "premiere_fois", Title: "Première labellisation", Type: sheet.Boolean},
		},
		PrimaryKey: []string{"annee", "code_insee"},
		Rows: [][]any{
			{2025, "34172", "Montpellier", "Or", 302454, 87.5, time.Date(2025, 3, 14, 18, 30, 0, 0, time.UTC), false},
			{2025, "01053", "Bourg-en-Bresse & environs <test>", "Argent", 41365, -3.25, time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), true},
			{2019, "2A004", "=HYPERLINK(\"http://evil\")", "Niveau 4", nil, nil, nil, nil},
			{2019, "75056", "+33 1 23", nil, 2133111, 0.0, nil, true},
			{2018, "13055", "-2+3", "Niveau 1", 0, 1e-7, time.Date(2018, 1, 2, 0, 0, 0, 0, time.UTC), false},
			{2018, "69123", "@SUM(A1)", "Niveau 2", -12, 1234567.891, nil, nil},
			{2017, "59350", "\tTab\x00ulé", "Niveau 3", nil, nil, nil, nil},
			{2017, "33063", "\rRetour", "Niveau 5", nil, nil, nil, nil},
			{2016, "31555", "  deux  espaces  \nligne 2\r\nligne 3", "Niveau 5", nil, nil, nil, nil},
			{2016, "67482", "Strasbourg — « Eurométropole » l’été", "Badge", nil, nil, nil, nil},
		},
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disque plein") }

func float64Nan() float64 { return math.NaN() }
