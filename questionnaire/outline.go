package questionnaire

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/adullact/tnl/internal/fr"
)

// Outline writes a readable outline of the questionnaire: sections,
// questions with key, type, required, badge, limits and display
// condition, then the scoring grid.
func Outline(w io.Writer, q *Questionnaire) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format+"\n", args...) }
	p("%s", q.Title)
	p("Version %s — empreinte SHA-256 %s", q.Version, q.Hash)
	p("%d questions, dont %d dans le Badge", len(q.questions), len(q.Badge()))
	for i, s := range q.Sections {
		p("")
		head := fmt.Sprintf("%d. %s [%s]", i+1, s.Title, s.Key)
		if s.Theme != "" {
			head += " — thème « " + q.themeLabel(s.Theme) + " »"
		}
		p("%s", head)
		for _, qu := range s.Questions {
			p("   %s\t%s\t%s", qu.Key, qu.Type.French(), strings.Join(qu.outlineNotes(), " ; "))
			for _, o := range qu.Options {
				p("     · %s\t\t%s", o.Value, o.Label)
			}
			for _, c := range qu.Columns {
				p("     └ %s\t%s\t%s", c.Key, c.Type.French(), strings.Join(c.outlineNotes(), " ; "))
			}
		}
	}
	if q.Scoring != nil {
		q.outlineScoring(p)
	}
	if q.Grid != nil {
		q.outlineGrid(p)
	}
	return tw.Flush()
}

// outlineGrid writes the jury's evaluation grid: each theme's scale and
// criteria.
func (q *Questionnaire) outlineGrid(p func(string, ...any)) {
	p("")
	p("Grille d’évaluation du jury")
	for _, t := range q.Grid.Themes {
		anchors := make([]string, len(t.Scale))
		for i, a := range t.Scale {
			anchors[i] = fmt.Sprintf("%d « %s »", a.Value, a.Label)
		}
		p("   %s	%s", t.Label, strings.Join(anchors, ", "))
		for _, c := range t.Criteria {
			p("     · %s		%s", c.Key, c.Label)
		}
	}
}

func (q *Questionnaire) themeLabel(key string) string {
	if q.Scoring != nil {
		for _, t := range q.Scoring.Themes {
			if t.Key == key {
				return t.Label
			}
		}
	}
	return key
}

// outlineNotes describes the constraints of a question in a few words.
func (q *Question) outlineNotes() []string {
	var notes []string
	if q.Required {
		notes = append(notes, "obligatoire")
	}
	if q.Badge {
		notes = append(notes, "Badge")
	}
	if c := q.ShowIf; c != nil {
		notes = append(notes, c.describe())
	}
	switch q.Type {
	case TypeInteger, TypeDecimal, TypePercentage:
		switch {
		case q.Min != nil && q.Max != nil:
			notes = append(notes, "de "+frenchExact(*q.Min)+" à "+frenchExact(*q.Max))
		case q.Min != nil:
			notes = append(notes, "au moins "+frenchExact(*q.Min))
		case q.Max != nil:
			notes = append(notes, "au plus "+frenchExact(*q.Max))
		}
	case TypeText, TypeLongText:
		notes = append(notes, fr.Decimal(float64(q.MaxLength), 2)+" caractères au plus")
	case TypeFile:
		kinds := strings.ToUpper(strings.Join(q.Kinds, ", "))
		notes = append(notes, kinds, fr.Size(q.MaxSize)+" par fichier", fr.Count(q.MaxFiles, "fichier", "fichiers")+" au plus")
	case TypeGroup:
		notes = append(notes, "de "+strconv.Itoa(q.MinRows)+" à "+fr.Count(q.MaxRows, "ligne", "lignes"))
	}
	return notes
}

// describe writes the condition in French.
func (c *Condition) describe() string {
	t := c.target
	switch {
	case c.NotEmpty:
		return "si « " + c.Question + " » est renseignée"
	case c.In != nil:
		return "si « " + c.Question + " » vaut " + strings.Join(c.In, " ou ")
	case t != nil && c.equals.kind != valueNone:
		return "si « " + c.Question + " » = " + t.display(c.equals)
	}
	return "si « " + c.Question + " »"
}

func (q *Questionnaire) outlineScoring(p func(string, ...any)) {
	s := q.Scoring
	p("")
	p("Barème")
	maxes := map[string]float64{}
	for _, ru := range s.Rules {
		maxes[ru.Theme] += ru.max
	}
	total := 0.0
	for _, t := range s.Themes {
		total += t.Weight
		p("   %s [%s]\tpoids %s\t%s possibles", t.Label, t.Key, fr.Decimal(t.Weight, 2), points(round2(maxes[t.Key])))
	}
	p("   Seuils des niveaux 1 à 5 : %s (sur %s)", joinNumbers(s.Levels), fr.Decimal(total, 2))
	for _, a := range s.Normalisation {
		var who []string
		if len(a.Kinds) > 0 {
			who = append(who, strings.Join(a.Kinds, ", "))
		}
		if pop := populationClass(a); pop != "" {
			who = append(who, pop)
		}
		if len(who) == 0 {
			who = append(who, "toutes les collectivités")
		}
		var what []string
		if a.Multiplier > 0 {
			what = append(what, "total × "+fr.Decimal(a.Multiplier, 2))
		}
		if a.Levels != nil {
			what = append(what, "seuils "+joinNumbers(a.Levels))
		}
		p("   Normalisation « %s » (%s) : %s", a.Label, strings.Join(who, " ; "), strings.Join(what, ", "))
	}
}

// populationClass describes the population class of an adjustment.
func populationClass(a *Adjustment) string {
	from, below := fr.Decimal(float64(a.PopulationFrom), 2), fr.Decimal(float64(a.PopulationBelow), 2)
	switch {
	case a.PopulationFrom > 0 && a.PopulationBelow > 0:
		return "de " + from + " à moins de " + below + " habitants"
	case a.PopulationFrom > 0:
		return from + " habitants et plus"
	case a.PopulationBelow > 0:
		return "moins de " + below + " habitants"
	}
	return ""
}

func joinNumbers(fs []float64) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = fr.Decimal(f, 2)
	}
	return strings.Join(s, ", ")
}
