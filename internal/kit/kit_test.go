package kit_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/kit"
)

func TestDefaultKit(t *testing.T) {
	t.Parallel()
	k := kit.Default()
	if k.Version == "" || len(k.Points) < 5 || len(k.Documents) == 0 || len(k.Software) == 0 || len(k.Hash) != 64 {
		t.Fatalf("default kit: %+v", k)
	}
	if got := k.Titles(kit.Software, []string{"firefox", "libreoffice", "disparu"}); !slices.Equal(got, []string{"LibreOffice", "Firefox", "disparu"}) {
		t.Errorf("Titles = %q", got)
	}
	if got := k.Keep(kit.Points, []string{"label", "inconnu", "libertes", "label"}); !slices.Equal(got, []string{"libertes", "label"}) {
		t.Errorf("Keep = %q", got)
	}
}

func TestCheckReportsEveryProblemWithItsLine(t *testing.T) {
	t.Parallel()
	src := `version: "1"
titre: Essai
couleur: bleu
points:
  - cle: Libertes
    titre: Libertés
  - cle: a
    lien: https://exemple.fr
  - cle: a
    titre: Deux fois
documents:
  - cle: doc
    titre: Un document
    lien: "ftp://exemple.fr"
logiciels: aucun
`
	ps := kit.Check([]byte(src), "essai.yaml")
	want := []string{
		"essai.yaml:3: clé inconnue « couleur »",
		"essai.yaml:5: points, entrée n° 1 : clé « Libertes » invalide",
		"essai.yaml:8: points, entrée n° 2 : un point à aborder n’a pas de lien",
		"essai.yaml:7: points, entrée n° 2 : « titre » manque",
		"essai.yaml:9: points, entrée n° 3 : clé « a » déjà employée (entrée n° 2)",
		"essai.yaml:14: documents, entrée n° 1 : lien « ftp://exemple.fr » invalide",
		"essai.yaml:15: « logiciels » doit être une liste",
	}
	text := ps.Error()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(ps), len(want), text)
	}
	if _, err := kit.Load([]byte(src), "essai.yaml"); err == nil {
		t.Error("an invalid kit was loaded")
	}
}

func TestCheckEmptyAndMissing(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"", "fichier vide"},
		{"- a\n- b\n", "le kit doit être une table"},
		{"titre: x\npoints: []\n", "« version » manque"},
		{"version: 1\ntitre: x\n", "« points » manque ou est vide"},
		{"version: [1]\ntitre: x\npoints:\n  - cle: a\n    titre: A\n", "« version » doit être un texte"},
		{"version: 1\nversion: 2\ntitre: x\npoints:\n  - cle: a\n    titre: A\n", "« version » est donné deux fois"},
	}
	for _, tt := range tests {
		if got := kit.Check([]byte(tt.src), "k.yaml").Error(); !strings.Contains(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.src, got, tt.want)
		}
	}
	if ps := kit.Check(kit.DefaultSource(), kit.DefaultName); ps != nil {
		t.Errorf("the default kit has problems:\n%s", ps.Error())
	}
}
