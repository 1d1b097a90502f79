package questionnaire

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/fr"
)

// unreadable is shown for an answer that does not fit its question.
const unreadable = "Réponse illisible"

// Display formats the answer for reading, in French: « Oui » / « Non »,
// options by label, « 42 % », « 12,5 », « 15 octobre 2026 »,
// « Non renseigné » for no answer. Files show their names; a group shows
// its rows separated by « ; » (see DisplayRows for a table).
func (q *Question) Display(raw json.RawMessage) string {
	v, bad := decodeAnswer(q, raw)
	if bad != nil {
		return unreadable
	}
	return q.display(v)
}

func (q *Question) display(v answerValue) string {
	switch v.kind {
	case valueNone:
		return notAnswered
	case valueBool:
		if v.b {
			return "Oui"
		}
		return "Non"
	case valueNumber:
		s := frenchExact(v.f)
		if q.Type == TypePercentage {
			s += narrowNoBreakSpace + "%"
		}
		return s
	case valueString:
		switch q.Type {
		case TypeChoice:
			return q.optionLabel(v.s)
		case TypeDate:
			return frenchDate(v.s)
		}
		return v.s
	case valueStrings:
		labels := make([]string, len(v.list))
		for i, s := range v.list {
			labels[i] = q.optionLabel(s)
		}
		return strings.Join(labels, ", ")
	case valueFiles:
		names := make([]string, len(v.files))
		for i, f := range v.files {
			names[i] = f.Name
		}
		return strings.Join(names, ", ")
	case valueRows:
		_, rows := q.tableRows(v)
		lines := make([]string, 0, len(rows))
		for _, r := range rows {
			var cells []string
			for _, c := range r {
				if c != "" {
					cells = append(cells, c)
				}
			}
			lines = append(lines, strings.Join(cells, ", "))
		}
		return strings.Join(lines, " ; ")
	}
	return unreadable
}

func (q *Question) optionLabel(value string) string {
	if o := q.Option(value); o != nil {
		return o.Label
	}
	return value
}

// DisplayRows formats a group answer as a table: the column labels and,
// for each row, the displayed cells ("" for an empty cell). It returns
// nil, nil for a question that is not a group, and no rows for no answer.
func (q *Question) DisplayRows(raw json.RawMessage) (header []string, rows [][]string) {
	if q.Type != TypeGroup {
		return nil, nil
	}
	v, bad := decodeAnswer(q, raw)
	if bad != nil {
		v = answerValue{}
	}
	return q.tableRows(v)
}

func (q *Question) tableRows(v answerValue) ([]string, [][]string) {
	header := make([]string, len(q.Columns))
	for i, c := range q.Columns {
		header[i] = c.Label
	}
	var rows [][]string
	for _, r := range v.rows {
		cells := make([]string, len(q.Columns))
		for i, c := range q.Columns {
			switch {
			case r.bad != nil && r.bad[i] != nil:
				cells[i] = unreadable
			case r.cells[i].kind != valueNone:
				cells[i] = c.display(r.cells[i])
			}
		}
		rows = append(rows, cells)
	}
	return header, rows
}

// frenchExact formats a number with a decimal comma, without rounding,
// digits grouped by three.
func frenchExact(f float64) string {
	if f == float64(int64(f)) && f < 1e15 && f > -1e15 {
		return fr.Decimal(f, 2)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	n, err := strconv.ParseFloat(intPart, 64)
	if err != nil {
		return strings.Replace(s, ".", ",", 1)
	}
	head := fr.Decimal(n, 2)
	if n == 0 && strings.HasPrefix(intPart, "-") {
		head = "-0"
	}
	if !hasFrac {
		return head
	}
	return head + "," + frac
}
