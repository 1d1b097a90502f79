package questionnaire

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestOutline(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	var b strings.Builder
	if err := Outline(&b, q); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	space := regexp.MustCompile(` {2,}`)
	flat := space.ReplaceAllString(out, " | ")
	for _, want := range []string{
		"Questionnaire d'essai\n",
		"Version 1 — empreinte SHA-256 " + q.Hash + "\n",
		"14 questions, dont 1 dans le Badge\n",
		"1. Général [general] — thème « Général »\n",
		" general.oui_non | oui/non | obligatoire ; Badge\n",
		" general.preuve | fichier | obligatoire ; si « general.oui_non » = Oui ; PDF, ODT ; 1\u00a0Mo par fichier ; 2\u00a0fichiers au plus\n",
		" · libre | Suite libre\n",
		" general.choix_detail | texte court | si « general.choix » vaut libre ou mixte ; 200 caractères au plus\n",
		" general.entier | nombre entier | de 0 à 1" + nnbsp + "000\n",
		" general.decimal | nombre décimal | au plus 10" + nnbsp + "000\n",
		" general.part | pourcentage | obligatoire ; de 0 à 100\n",
		" general.long | texte long | si « general.texte » est renseignée ; 50 caractères au plus\n",
		" general.logiciels | tableau | de 1 à 3\u00a0lignes\n",
		" └ postes | nombre entier | obligatoire ; au moins 0\n",
		"Barème\n",
		" Général [general] | poids 60 | 20 points possibles\n",
		" Autre [autre] | poids 40 | 7 points possibles\n",
		" Seuils des niveaux 1 à 5 : 10, 30, 50, 70, 90 (sur 100)\n",
		" Normalisation « Petites communes » (commune ; moins de 1" + nnbsp + "000 habitants) : total × 1,5\n",
		" Normalisation « Grandes collectivités » (50" + nnbsp + "000 habitants et plus) : seuils 20, 40, 60, 80, 95\n",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("outline lacks %q:\n%s", want, out)
		}
	}
	if err := Outline(failingWriter{}, q); err == nil {
		t.Error("write error not returned")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disque plein") }
