package questionnaire

import (
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

// Expected describes in plain French what answer a question expects, for
// the blank questionnaire (web page and PDF): its kind and limits, whether
// it is required, and when it is asked.
func (q *Question) Expected() []string {
	var out []string
	out = append(out, q.expectedKind())
	if c := q.ShowIf; c != nil && c.target != nil {
		out = append(out, "Question posée selon la réponse à « "+c.target.Label+" »"+c.expectedValue()+".")
	}
	if q.Required {
		out = append(out, "Réponse obligatoire.")
	} else {
		out = append(out, "Réponse facultative.")
	}
	return out
}

func (c *Condition) expectedValue() string {
	t := c.target
	switch {
	case c.NotEmpty:
		return ""
	case c.In != nil:
		labels := make([]string, len(c.In))
		for i, v := range c.In {
			labels[i] = "« " + t.optionLabel(v) + " »"
		}
		return " (" + fr.List(labels, "ou") + ")"
	case c.equals.kind != valueNone:
		return " (« " + t.display(c.equals) + " »)"
	}
	return ""
}

func (q *Question) expectedKind() string {
	options := func() string {
		labels := make([]string, len(q.Options))
		for i, o := range q.Options {
			labels[i] = "« " + o.Label + " »"
		}
		return fr.List(labels, "ou")
	}
	switch q.Type {
	case TypeYesNo:
		return "Oui ou non."
	case TypeChoice:
		return "Un choix parmi " + options() + "."
	case TypeMultiChoice:
		return "Un ou plusieurs choix parmi " + options() + "."
	case TypeInteger, TypeDecimal, TypePercentage:
		what := map[Type]string{TypeInteger: "Un nombre entier", TypeDecimal: "Un nombre", TypePercentage: "Un pourcentage"}[q.Type]
		switch {
		case q.Min != nil && q.Max != nil:
			what += ", de " + frenchExact(*q.Min) + " à " + frenchExact(*q.Max)
		case q.Min != nil:
			what += ", au moins " + frenchExact(*q.Min)
		case q.Max != nil:
			what += ", au plus " + frenchExact(*q.Max)
		}
		return what + "."
	case TypeText, TypeLongText:
		what := "Un texte court"
		if q.Type == TypeLongText {
			what = "Un texte"
		}
		if q.MaxLength > 0 {
			what += " (" + fr.Count(q.MaxLength, "caractère", "caractères") + " au plus)"
		}
		return what + "."
	case TypeURL:
		return "Une adresse web."
	case TypeEmail:
		return "Une adresse électronique."
	case TypeDate:
		return "Une date."
	case TypeFile:
		return "Jusqu’à " + fr.Count(q.MaxFiles, "fichier", "fichiers") + " (" + strings.ToUpper(strings.Join(q.Kinds, ", ")) + ", " + fr.Size(q.MaxSize) + " au plus chacun)."
	case TypeGroup:
		cols := make([]string, len(q.Columns))
		for i, c := range q.Columns {
			cols[i] = "« " + c.Label + " »"
		}
		return "Un tableau de " + fr.Count(q.MaxRows, "ligne", "lignes") + " au plus, avec les colonnes " + fr.List(cols, "et") + "."
	}
	return q.Type.French() + "."
}
