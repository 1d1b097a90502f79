package courrier

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

// Vars are the values of a letter's placeholders for one mairie.
type Vars struct {
	Commune     string // « Ambronay »
	Maire       string // the mayor's name, when the partner gave it
	Departement string // « Ain »
	Sender      string // « Association des maires de l’Ain »
	Link        string // the short link with the personal code
	Code        string
}

// Placeholders are the words between brackets a letter may use, with what
// they become.
var Placeholders = []struct{ Name, What string }{
	{"commune", "le nom de la commune : Ambronay"},
	{"de_commune", "« de » et le nom de la commune, élidé : d’Ambronay"},
	{"maire", "le nom du maire s’il est connu, sinon « Madame, Monsieur le Maire »"},
	{"departement", "le nom du département"},
	{"expediteur", "l’expéditeur de la campagne"},
	{"lien", "le lien court qui ouvre le formulaire de demande déjà rempli"},
	{"code", "le code personnel de la mairie"},
}

var placeholder = regexp.MustCompile(`\[([a-z_]+)\]`)

// Check reports the placeholders of a text that do not exist, in French.
func Check(text string) error {
	known := map[string]bool{}
	for _, p := range Placeholders {
		known[p.Name] = true
	}
	unknown := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		if !known[m[1]] {
			unknown["["+m[1]+"]"] = true
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	names := make([]string, 0, len(unknown))
	for n := range unknown {
		names = append(names, n)
	}
	sort.Strings(names)
	var avail []string
	for _, p := range Placeholders {
		avail = append(avail, "["+p.Name+"]")
	}
	return fmt.Errorf("%s inconnu%s (possibles : %s)", strings.Join(names, ", "), map[bool]string{true: "s"}[len(names) > 1], strings.Join(avail, ", "))
}

// Fill replaces a text's placeholders with a mairie's values.
func Fill(text string, v Vars) string {
	maire := v.Maire
	if strings.TrimSpace(maire) == "" {
		maire = "Madame, Monsieur le Maire"
	}
	return placeholder.ReplaceAllStringFunc(text, func(m string) string {
		switch m[1 : len(m)-1] {
		case "commune":
			return v.Commune
		case "de_commune":
			return fr.De(v.Commune)
		case "maire":
			return maire
		case "departement":
			return v.Departement
		case "expediteur":
			return v.Sender
		case "lien":
			return v.Link
		case "code":
			return v.Code
		}
		return m
	})
}

// Opening is the letter's salutation.
func Opening(v Vars) string {
	if m := strings.TrimSpace(v.Maire); m != "" {
		return "Madame, Monsieur le Maire (" + m + "),"
	}
	return "Madame, Monsieur le Maire,"
}

// DefaultSubject is the subject of the default letter.
const DefaultSubject = "Rencontrer un ambassadeur du libre"

// DefaultLetter is the letter staff and partners start from: the Nord's
// letter of 2009, brought up to date.
const DefaultLetter = `[expediteur] et les groupes d’utilisateurs de logiciels libres (GULL) de votre département proposent à chaque mairie la visite gratuite d’un « ambassadeur du libre ».

Un ambassadeur est un bénévole, souvent membre du GULL le plus proche [de_commune]. Il vient avec un kit : une liste des points à aborder avec vous (bureautique, messagerie, site web, logiciels métiers, données ouvertes), de la documentation, et une clé USB de logiciels libres à essayer sur les postes de la mairie. La visite dure une heure environ et ne vous engage à rien.

Les communes qui le souhaitent sont ensuite accompagnées jusqu’au label Territoire Numérique Libre, qui distingue chaque année les collectivités engagées pour les logiciels libres et les formats ouverts.

Pour demander la visite, il suffit de remplir le formulaire en ligne : l’adresse ci-dessous l’ouvre déjà rempli pour la commune [de_commune].

Nous vous prions d’agréer, [maire], l’expression de nos salutations distinguées.`

// DefaultReminder is the reminder sent to the mairies that have not asked
// for a visit by the date set.
const DefaultReminder = `Il y a quelques semaines, [expediteur] vous proposait la visite gratuite d’un ambassadeur du libre, membre d’un GULL proche de la commune [de_commune].

Nous n’avons pas encore reçu votre demande : si le sujet vous intéresse, il est encore temps. Une heure suffit pour faire le point sur les logiciels de la mairie, avec un kit et des logiciels à essayer.

Le formulaire en ligne est déjà rempli pour votre commune : ouvrez l’adresse ci-dessous.

Nous vous prions d’agréer, [maire], l’expression de nos salutations distinguées.`

// FirstContact are the template letters offered to ambassadeurs for a
// first contact with a mairie near their GULL (the 2019 Normandy GULLs'
// request).
var FirstContact = []struct{ Key, Title, Subject, Body string }{
	{"premier_contact", "Premier contact avec une mairie", "Proposition de visite d’un ambassadeur du libre",
		`Je suis membre de [expediteur], un groupe d’utilisateurs de logiciels libres proche de la commune [de_commune].

Avec le label Territoire Numérique Libre de l’ADULLACT, nous proposons aux mairies de notre secteur une visite gratuite d’une heure : faire le point sur vos logiciels (bureautique, messagerie, site web, logiciels métiers), vous montrer des logiciels libres et vous laisser de la documentation et une clé USB pour les essayer.

Si cela vous intéresse, vous pouvez demander la visite en ligne : l’adresse ci-dessous ouvre le formulaire déjà rempli pour votre commune.

Je vous prie d’agréer, [maire], l’expression de mes salutations distinguées.`},
	{"suite_salon", "Après une rencontre (salon des maires, réunion publique)", "Suite à notre rencontre : la visite d’un ambassadeur du libre",
		`Nous nous sommes rencontrés récemment et vous vous intéressiez aux logiciels libres pour la mairie [de_commune].

Comme convenu, voici comment demander la visite d’un ambassadeur du libre de [expediteur] : une heure à la mairie pour faire le point, montrer des logiciels et répondre à vos questions, sans engagement.

L’adresse ci-dessous ouvre le formulaire de demande déjà rempli pour votre commune.

Je vous prie d’agréer, [maire], l’expression de mes salutations distinguées.`},
	{"label", "Proposer d’accompagner la candidature au label", "Le label Territoire Numérique Libre : nous pouvons vous accompagner",
		`La commune [de_commune] utilise déjà des logiciels libres : elle pourrait candidater au label Territoire Numérique Libre, qui distingue chaque année les collectivités engagées.

Membre de [expediteur], je peux vous aider à remplir le questionnaire du label et préparer les pièces justificatives. Pour commencer, demandez la visite d’un ambassadeur : l’adresse ci-dessous ouvre le formulaire déjà rempli pour votre commune.

Je vous prie d’agréer, [maire], l’expression de mes salutations distinguées.`},
}
