package ui

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/questionnaire"
)

// fieldView is one question as the section form shows it.
type fieldView struct {
	CandID               int64
	Key, ID, Label, Help string
	Type                 string
	Required             bool
	Options              []optionView
	Value                string
	Version              int
	Error                string
	Conflict             string
	Condition            string // « À remplir si … »
	ShowIfKey            string
	ShowIfValues         string // JSON list of form values that show the question
	Hidden               bool
	Files                []fileView
	Accept               string
	Limits               string
	MaxLength            int
	Min, Max             string
	InputMode            string
	Columns              []columnView
	Rows                 [][]cellView
	Display              string
	ReadOnly             bool
}

type optionView struct {
	Value, Label, ID string
	Checked          bool
}

type fileView struct {
	ID         int64
	Name, Size string
	SHA256     string
}

type columnView struct {
	Key, Label, Type string
	Required         bool
}

type cellView struct {
	Name, ID, Label, Type, Value, InputMode string
	Options                                 []optionView
}

var inputModes = map[questionnaire.Type]string{
	questionnaire.TypeInteger:    "numeric",
	questionnaire.TypeDecimal:    "decimal",
	questionnaire.TypePercentage: "decimal",
}

var acceptByKind = map[string]string{
	"pdf": ".pdf,application/pdf", "odt": ".odt,application/vnd.oasis.opendocument.text",
	"ods": ".ods,application/vnd.oasis.opendocument.spreadsheet", "png": ".png,image/png", "jpeg": ".jpg,.jpeg,image/jpeg",
}

// buildField prepares a question for the form. values are the form values
// to show (the stored answer, or what the person just typed).
func buildField(v *candView, q *questionnaire.Question, values map[string][]string, version int, readOnly bool) fieldView {
	f := fieldView{
		CandID: v.C.ID, Key: q.Key, ID: fieldID(q.Key), Label: q.Label, Help: q.Help, Type: string(q.Type), Required: q.Required,
		Version: version, MaxLength: q.MaxLength, InputMode: inputModes[q.Type], ReadOnly: readOnly,
		Display: q.Display(v.Values[q.Key]),
	}
	if q.Min != nil {
		f.Min = strconv.FormatFloat(*q.Min, 'f', -1, 64)
	}
	if q.Max != nil {
		f.Max = strconv.FormatFloat(*q.Max, 'f', -1, 64)
	}
	if len(values[q.Key]) > 0 {
		f.Value = values[q.Key][0]
	}
	for i, o := range q.Options {
		f.Options = append(f.Options, optionView{Value: o.Value, Label: o.Label, ID: fmt.Sprintf("%s-%d", f.ID, i), Checked: contains(values[q.Key], o.Value)})
	}
	if q.Type == questionnaire.TypeYesNo {
		f.Options = []optionView{
			{Value: "oui", Label: "Oui", ID: f.ID + "-oui", Checked: contains(values[q.Key], "oui")},
			{Value: "non", Label: "Non", ID: f.ID + "-non", Checked: contains(values[q.Key], "non")},
		}
	}
	if c := q.ShowIf; c != nil {
		f.ShowIfKey = c.Question
		target := v.Q.Question(c.Question)
		shown := showValues(target, c)
		raw, _ := json.Marshal(shown)
		f.ShowIfValues = string(raw)
		f.Hidden = !v.Q.Visible(q.Key, v.Values)
		if target != nil {
			f.Condition = fmt.Sprintf("À remplir si vous avez répondu %s à « %s ».", describeValues(target, shown), target.Label)
		}
	}
	if q.Type == questionnaire.TypeFile {
		for _, e := range v.Evidence {
			if e.QuestionKey == q.Key {
				f.Files = append(f.Files, fileView{ID: e.ID, Name: e.Name, Size: fr.Size(e.Size), SHA256: e.SHA256})
			}
		}
		var accept, kinds []string
		for _, k := range q.Kinds {
			accept = append(accept, acceptByKind[k])
			kinds = append(kinds, strings.ToUpper(k))
		}
		f.Accept = strings.Join(accept, ",")
		size := q.MaxSize
		if size <= 0 || size > 10<<20 {
			size = 10 << 20
		}
		f.Limits = fmt.Sprintf("Formats acceptés : %s. Taille maximale : %s par fichier.", strings.Join(kinds, ", "), fr.Size(size))
		if q.MaxFiles > 0 {
			f.Limits += " " + fr.Count(q.MaxFiles, "fichier", "fichiers") + " au plus."
		}
	}
	if q.Type == questionnaire.TypeGroup {
		buildGroup(&f, q, values)
	}
	return f
}

// buildGroup lays out a group as a table: its rows, plus one empty row to add.
func buildGroup(f *fieldView, q *questionnaire.Question, values map[string][]string) {
	for _, c := range q.Columns {
		f.Columns = append(f.Columns, columnView{Key: c.Key, Label: c.Label, Type: string(c.Type), Required: c.Required})
	}
	// The row numbers present, in order: a browser sends 0, 1, 2…; any
	// other numbering (typed by hand) is laid out on consecutive rows, so
	// that a row number never sizes the table.
	present := map[int]bool{}
	prefix := q.Key + "."
	for name := range values {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			if n, _, ok := strings.Cut(rest, "."); ok {
				if i, err := strconv.Atoi(n); err == nil && i >= 0 {
					present[i] = true
				}
			}
		}
	}
	nums := slices.Sorted(maps.Keys(present))
	nums = append(nums, -1) // the empty row to add one
	for i, from := range nums {
		var row []cellView
		for _, c := range q.Columns {
			name := fmt.Sprintf("%s.%d.%s", q.Key, i, c.Key)
			cell := cellView{Name: name, ID: fieldID(name), Label: fmt.Sprintf("%s, ligne %d", c.Label, i+1), Type: string(c.Type), InputMode: inputModes[c.Type]}
			if v := values[fmt.Sprintf("%s.%d.%s", q.Key, from, c.Key)]; from >= 0 && len(v) > 0 {
				cell.Value = v[0]
			}
			for _, o := range c.Options {
				cell.Options = append(cell.Options, optionView{Value: o.Value, Label: o.Label, Checked: cell.Value == o.Value})
			}
			if c.Type == questionnaire.TypeYesNo {
				cell.Options = []optionView{{Value: "oui", Label: "Oui", Checked: cell.Value == "oui"}, {Value: "non", Label: "Non", Checked: cell.Value == "non"}}
			}
			row = append(row, cell)
		}
		f.Rows = append(f.Rows, row)
	}
}

// showValues returns the form values of the target question that show a
// conditional question ("*" for any answer).
func showValues(target *questionnaire.Question, c *questionnaire.Condition) []string {
	switch {
	case c.NotEmpty:
		return []string{"*"}
	case len(c.In) > 0:
		return c.In
	case target != nil && target.Type == questionnaire.TypeYesNo:
		if string(c.Equals) == "true" {
			return []string{"oui"}
		}
		return []string{"non"}
	}
	var s string
	if err := json.Unmarshal(c.Equals, &s); err == nil {
		return []string{s}
	}
	return []string{strings.Trim(string(c.Equals), `"`)}
}

func describeValues(target *questionnaire.Question, values []string) string {
	if len(values) == 1 && values[0] == "*" {
		return "quelque chose"
	}
	labels := make([]string, 0, len(values))
	for _, v := range values {
		label := v
		switch {
		case v == "oui":
			label = "Oui"
		case v == "non":
			label = "Non"
		case target.Option(v) != nil:
			label = target.Option(v).Label
		}
		labels = append(labels, "« "+label+" »")
	}
	return strings.Join(labels, " ou ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// conflictMessage explains a conflict on one answer: who changed it, what
// it is now and what the person typed, so that they choose (« garder ma
// saisie » / « reprendre la valeur enregistrée »). me is the person saving:
// their own other page (phone and desktop) is said so.
func conflictMessage(q *questionnaire.Question, e *domain.Error, typed json.RawMessage, me int64) string {
	mine := "vide"
	if len(typed) > 0 && string(typed) != "null" {
		mine = "« " + q.Display(typed) + " »"
	}
	c, _ := e.Current.(*domain.AnswerConflict)
	if c == nil || c.Answer == nil {
		return fmt.Sprintf("Cette réponse a été effacée après l’affichage de cette page. Votre saisie : %s. Choisissez « Garder ma saisie » ou « Reprendre la valeur enregistrée ».", mine)
	}
	who := "Quelqu’un"
	switch {
	case c.Answer.UpdatedBy == me && me != 0:
		who = "Vous avez"
	case c.UpdatedBy != nil && c.UpdatedBy.Name != "":
		who = c.UpdatedBy.Name + " a"
	case c.UpdatedBy != nil:
		who = c.UpdatedBy.Email + " a"
	default:
		who += " a"
	}
	if who == "Vous avez" {
		who += " modifié cette réponse sur une autre page après l’affichage de celle-ci"
	} else {
		who += " modifié cette réponse après l’affichage de cette page"
	}
	return fmt.Sprintf("%s. Valeur enregistrée : « %s ». Votre saisie : %s. Choisissez « Garder ma saisie » ou « Reprendre la valeur enregistrée ».",
		who, q.Display(c.Answer.Value), mine)
}
