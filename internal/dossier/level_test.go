package dossier

import (
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
)

func TestLevelView(t *testing.T) {
	t.Parallel()
	metals := domain.AwardScheme{Name: "Métaux", Levels: []domain.AwardLevel{{Value: 1, Label: "Bronze"}, {Value: 2, Label: "Argent"}, {Value: 3, Label: "Or"}}}
	oneToThree := domain.AwardScheme{Name: "Niveaux 1 à 3", Levels: []domain.AwardLevel{{Value: 1, Label: "Niveau 1"}, {Value: 2, Label: "Niveau 2"}, {Value: 3, Label: "Niveau 3"}}}
	tests := []struct {
		name   string
		scheme domain.AwardScheme
		value  int
		want   pdf.Level
	}{
		{"levels 1 to 5 are drawn as marks", domain.DefaultAwardScheme(), 3, pdf.Level{Value: 3, Label: "Niveau 3 — Confirmé", Max: 5}},
		{"top of the scale", domain.DefaultAwardScheme(), 5, pdf.Level{Value: 5, Label: "Niveau 5 — Excellence", Max: 5}},
		{"no level", domain.DefaultAwardScheme(), 0, pdf.Level{Value: 0, Label: "Aucun niveau"}},
		{"a level the scheme lacks", domain.DefaultAwardScheme(), 7, pdf.Level{Value: 7, Label: "Niveau 7", Max: 5}},
		{"another scheme shows its label", metals, 2, pdf.Level{Value: 2, Label: "Argent"}},
		{"a shorter numeric scale shows its label", oneToThree, 3, pdf.Level{Value: 3, Label: "Niveau 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := levelView(tt.scheme, tt.value); got != tt.want {
				t.Errorf("levelView = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestLabels(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{kindLabel(domain.KindCommune, ""), "Commune"},
		{kindLabel(domain.KindEPCI, "CC"), "Communauté de communes"},
		{kindLabel(domain.KindEPCI, "CA"), "Communauté d’agglomération"},
		{kindLabel(domain.KindEPCI, "METRO"), "Métropole"},
		{kindLabel(domain.KindEPCI, ""), "EPCI"},
		{kindLabel(domain.KindRegion, ""), "Région"},
		{departementLabel("Ain", "01"), "Ain (01)"},
		{departementLabel("", "976"), "976"},
		{departementLabel("", ""), ""},
		{fileName("TNL-2026-COM-01001", 7), "TNL-2026-COM-01001"},
		{fileName("TNL-2026-COM-2A004", 7), "TNL-2026-COM-2A004"},
		{fileName("../../etc/passwd", 7), "-..-etc-passwd"},
		{fileName("Saint-Étienne / 2026", 7), "Saint--tienne---2026"},
		{fileName("", 7), "candidature-7"},
		{fileName("☃☃", 8), "candidature-8"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
