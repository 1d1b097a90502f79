package courrier

import (
	"strings"
	"testing"
)

func TestFillAndCheck(t *testing.T) {
	t.Parallel()
	v := Vars{Commune: "Ambronay", Departement: "Ain", Sender: "AMF 01", Link: "https://tnl.test/ambassadeurs/c/K7", Code: "K7"}
	got := Fill("[expediteur] écrit à la mairie [de_commune] ([departement]), [maire] : [lien] [code] [inconnu]", v)
	want := "AMF 01 écrit à la mairie d’Ambronay (Ain), Madame, Monsieur le Maire : https://tnl.test/ambassadeurs/c/K7 K7 [inconnu]"
	if got != want {
		t.Errorf("Fill = %q\nwant %q", got, want)
	}
	v.Maire = "Jean Dupré"
	if got := Fill("[maire]", v); got != "Jean Dupré" {
		t.Errorf("with the mayor's name: %q", got)
	}
	if Opening(v) != "Madame, Monsieur le Maire (Jean Dupré)," {
		t.Errorf("Opening = %q", Opening(v))
	}
	if err := Check("[commune] [lien]"); err != nil {
		t.Error(err)
	}
	err := Check("[commune] [adresse] [nom] [adresse]")
	if err == nil || !strings.Contains(err.Error(), "[adresse], [nom] inconnus") || !strings.Contains(err.Error(), "[de_commune]") {
		t.Errorf("Check = %v", err)
	}
	for _, text := range []string{DefaultLetter, DefaultReminder, DefaultSubject} {
		if err := Check(text); err != nil {
			t.Errorf("the default texts use unknown placeholders: %v", err)
		}
	}
	for _, l := range FirstContact {
		if err := Check(l.Body); err != nil || l.Key == "" || l.Title == "" {
			t.Errorf("template letter %q: %v", l.Key, err)
		}
	}
}
