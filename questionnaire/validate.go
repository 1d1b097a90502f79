package questionnaire

import (
	"encoding/json"
	"slices"
	"strconv"
)

// Mode tells how strictly answers are validated.
type Mode int

const (
	// Draft checks types and limits only, so that a half-filled draft
	// always saves. Unknown keys are refused.
	Draft Mode = iota
	// Submission also checks required answers (for visible questions
	// only), the minimum number of rows and the required cells of every
	// row. Answers to hidden questions are ignored: call Prune before
	// storing a submission.
	Submission
)

// FieldError is a problem with one answer, in French.
type FieldError struct {
	Key     string
	Row     int    // index of the row in a group answer, -1 otherwise
	Column  string // column key in a group answer, "" otherwise
	Message string
}

func (e FieldError) Error() string { return e.Message }

// FieldErrors lists the problems of a form; it is the error returned by
// FromForm.
type FieldErrors []FieldError

func (es FieldErrors) Error() string {
	var b []byte
	for i, e := range es {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, e.Message...)
	}
	return string(b)
}

// ValidateAnswer checks one answer in Draft mode and returns it
// normalised: strings trimmed, numbers written plainly, choices in the
// order of the options, empty rows dropped. It returns a nil value for an
// empty answer (null, "", [] …), which means « no answer ».
func (q *Questionnaire) ValidateAnswer(key string, raw json.RawMessage) (json.RawMessage, []FieldError) {
	qu := q.byKey[key]
	if qu == nil {
		return nil, []FieldError{q.unknown(key)}
	}
	v, errs := q.check(qu, raw, Draft, nil)
	if len(errs) > 0 {
		return nil, errs
	}
	if v.kind == valueStrings {
		slices.SortFunc(v.list, func(a, b string) int { return qu.optionIndex(a) - qu.optionIndex(b) })
	}
	return encodeValue(qu, v), nil
}

// Validate checks every answer and returns the problems in the order of
// the questionnaire, followed by unknown keys in alphabetical order.
func (q *Questionnaire) Validate(a Answers, m Mode) []FieldError {
	var errs []FieldError
	var vis []bool
	if m == Submission {
		vis = q.visibility(a)
	}
	known := 0
	for _, qu := range q.questions {
		raw, ok := a[qu.Key]
		if ok {
			known++
		}
		if m == Submission && !vis[qu.index] {
			continue
		}
		if ok || m == Submission {
			_, errs = q.check(qu, raw, m, errs)
		}
	}
	if known < len(a) {
		var unknown []string
		for k := range a {
			if q.byKey[k] == nil {
				unknown = append(unknown, k)
			}
		}
		slices.Sort(unknown)
		for _, k := range unknown {
			errs = append(errs, q.unknown(k))
		}
	}
	return errs
}

func (q *Questionnaire) unknown(key string) FieldError {
	return FieldError{Key: key, Row: -1, Message: q.eng.text("unknown-question", key)}
}

// check decodes and validates one answer and appends its problems.
func (q *Questionnaire) check(qu *Question, raw json.RawMessage, m Mode, errs []FieldError) (answerValue, []FieldError) {
	e := q.eng
	v, bad := decodeAnswer(qu, raw)
	if bad != nil {
		return v, append(errs, q.shapeError(qu, bad))
	}
	switch v.kind {
	case valueNone:
		switch {
		case m != Submission:
		case qu.rules.required != "":
			errs = appendMessages(errs, qu.Key, e.run(qu.quoted, "", qu.rules.required))
		case qu.rules.minimum != "":
			errs = appendMessages(errs, qu.Key, e.run(qu.quoted, []indexedRow{}, qu.rules.minimum))
		}
	case valueNumber:
		errs = appendMessages(errs, qu.Key, e.run(qu.quoted, v.f, qu.rules.value))
	case valueString:
		errs = appendMessages(errs, qu.Key, e.run(qu.quoted, v.s, qu.rules.value))
	case valueStrings:
		errs = appendMessages(errs, qu.Key, e.run(qu.quoted, v.list, qu.rules.count))
		for _, s := range v.list {
			errs = appendMessages(errs, qu.Key, e.run(qu.quoted, s, qu.rules.value))
		}
	case valueFiles:
		errs = appendMessages(errs, qu.Key, e.run(qu.quoted, v.files, qu.rules.count))
		for _, f := range v.files {
			errs = appendMessages(errs, qu.Key, e.run(qu.quoted, f.Kind, qu.rules.kind))
			errs = appendMessages(errs, qu.Key, e.run(qu.quoted, f.Size, qu.rules.size))
		}
	case valueRows:
		errs = appendMessages(errs, qu.Key, e.run(qu.quoted, v.rows, qu.rules.count))
		if m == Submission {
			errs = appendMessages(errs, qu.Key, e.run(qu.quoted, v.rows, qu.rules.minimum))
		}
		errs = q.checkRows(qu, v.rows, m, errs)
	}
	return v, errs
}

// checkRows validates the cells of a group answer.
func (q *Questionnaire) checkRows(qu *Question, rows []indexedRow, m Mode, errs []FieldError) []FieldError {
	e := q.eng
	for _, r := range rows {
		line := strconv.Itoa(r.index + 1)
		for i, c := range qu.Columns {
			cell := r.cells[i]
			var msgs []string
			switch {
			case r.bad != nil && r.bad[i] != nil:
				msgs = []string{e.text(r.bad[i].key, c.quoted, r.bad[i].param)}
			case cell.kind == valueNone && m == Submission:
				msgs = e.run(c.quoted, "", c.rules.required)
			case cell.kind == valueNumber:
				msgs = e.run(c.quoted, cell.f, c.rules.value)
			case cell.kind == valueString:
				msgs = e.run(c.quoted, cell.s, c.rules.value)
			}
			for _, msg := range msgs {
				errs = append(errs, FieldError{Key: qu.Key, Row: r.index, Column: c.Key,
					Message: e.text("in-row", qu.quoted, line, msg)})
			}
		}
		for _, k := range r.unknown {
			errs = append(errs, FieldError{Key: qu.Key, Row: r.index, Column: k,
				Message: e.text("unknown-column", qu.quoted, line, k)})
		}
	}
	return errs
}

func (q *Questionnaire) shapeError(qu *Question, bad *shapeError) FieldError {
	return FieldError{Key: qu.Key, Row: bad.row, Message: q.eng.text(bad.key, qu.quoted, bad.param)}
}

// appendMessages appends the messages about a question, once each.
func appendMessages(errs []FieldError, key string, msgs []string) []FieldError {
	for _, msg := range msgs {
		errs = appendUnique(errs, FieldError{Key: key, Row: -1, Message: msg})
	}
	return errs
}

// appendUnique appends e unless the same message is already there for
// the same question, so that three unknown options give one message.
func appendUnique(errs []FieldError, e FieldError) []FieldError {
	for i := len(errs) - 1; i >= 0 && errs[i].Key == e.Key; i-- {
		if errs[i] == e {
			return errs
		}
	}
	return append(errs, e)
}
