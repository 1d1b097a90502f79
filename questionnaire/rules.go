package questionnaire

import (
	"fmt"
	"strconv"
	"strings"
)

// rules are the validator tags compiled from a question at load time.
// Empty tags are skipped.
type rules struct {
	value    string // the answer itself, each chosen option, each cell
	count    string // the list of choices, files or rows (both modes)
	minimum  string // the list of rows, at submission only
	kind     string // each file's kind
	size     string // each file's size
	required string // at submission only
}

// tags returns the non-empty tags with a zero value of the Go type they
// are run on.
func (r rules) tags(q *Question) []taggedValue {
	var out []taggedValue
	add := func(tag string, zero any) {
		if tag != "" {
			out = append(out, taggedValue{tag, zero})
		}
	}
	switch {
	case q.Type.isNumber():
		add(r.value, float64(0))
	case q.Type == TypeYesNo:
		add(r.value, false)
	default:
		add(r.value, "")
	}
	switch q.Type {
	case TypeMultiChoice:
		add(r.count, []string{})
	case TypeFile:
		add(r.count, []FileRef{})
	case TypeGroup:
		add(r.count, []indexedRow{})
		add(r.minimum, []indexedRow{})
	}
	add(r.kind, "")
	add(r.size, int64(0))
	add(r.required, "")
	return out
}

type taggedValue struct {
	tag  string
	zero any
}

// compile applies the defaults and prepares the validation rules, the
// conditions and the scoring of a checked questionnaire.
func (q *Questionnaire) compile() (err error) {
	if q.eng, err = newEngine(); err != nil {
		return err
	}
	for _, qu := range q.questions {
		compileQuestion(qu)
		for _, c := range qu.Columns {
			compileQuestion(c)
		}
		if c := qu.ShowIf; c != nil && c.equalsNode != nil {
			c.Equals = encodeCondition(c.equals)
		}
	}
	if q.Scoring != nil {
		for _, ru := range q.Scoring.Rules {
			ru.max = ruleMax(ru)
		}
	}
	return q.warmUp()
}

// warmUp parses every tag once, so that a malformed tag shows up at load
// time and not while validating answers.
func (q *Questionnaire) warmUp() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	for _, qu := range q.questions {
		for _, t := range qu.rules.tags(qu) {
			_ = q.eng.v.VarWithKey(qu.quoted, t.zero, t.tag)
		}
		for _, c := range qu.Columns {
			for _, t := range c.rules.tags(c) {
				_ = q.eng.v.VarWithKey(c.quoted, t.zero, t.tag)
			}
		}
	}
	return nil
}

func formatParam(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// compileQuestion applies the defaults of a question and compiles its
// validator tags.
func compileQuestion(q *Question) {
	q.quoted = "« " + q.Label + " »"
	var r rules
	if q.Required {
		r.required = "required"
	}
	switch q.Type {
	case TypeChoice, TypeMultiChoice:
		values := make([]string, len(q.Options))
		for i, o := range q.Options {
			values[i] = o.Value
		}
		r.value = "oneof=" + strings.Join(values, " ")
		if q.Type == TypeMultiChoice {
			r.count = "unique"
		}
	case TypeInteger, TypeDecimal, TypePercentage:
		if q.Type == TypePercentage {
			if q.Min == nil {
				q.Min = new(0.0)
			}
			if q.Max == nil {
				q.Max = new(100.0)
			}
		}
		switch {
		case q.Min != nil && q.Max != nil:
			r.value = "between=" + formatParam(*q.Min) + " " + formatParam(*q.Max)
		case q.Min != nil:
			r.value = "gte=" + formatParam(*q.Min)
		case q.Max != nil:
			r.value = "lte=" + formatParam(*q.Max)
		}
	case TypeText, TypeLongText:
		if q.MaxLength == 0 {
			q.MaxLength = DefaultTextMaxLength
			if q.Type == TypeLongText {
				q.MaxLength = DefaultLongTextMaxLength
			}
		}
		// A one-line text takes no line break; no text takes a NUL or
		// another control character.
		r.value = "textline,max=" + strconv.Itoa(q.MaxLength)
		if q.Type == TypeLongText {
			r.value = "textblock,max=" + strconv.Itoa(q.MaxLength)
		}
	case TypeURL:
		r.value = "http_url,max=" + strconv.Itoa(urlMaxLength)
	case TypeEmail:
		r.value = "email,max=" + strconv.Itoa(emailMaxLength)
	case TypeDate:
		r.value = "datetime=2006-01-02,daterange"
	case TypeFile:
		if len(q.Kinds) == 0 {
			q.Kinds = FileKinds()
		}
		if q.MaxSize == 0 {
			q.MaxSize = DefaultMaxSize
		}
		if q.MaxFiles == 0 {
			q.MaxFiles = DefaultMaxFiles
		}
		r.count = "max=" + strconv.Itoa(q.MaxFiles)
		r.kind = "filekind=" + strings.Join(q.Kinds, " ")
		r.size = "filesize=" + strconv.FormatInt(q.MaxSize, 10)
	case TypeGroup:
		if q.MaxRows == 0 {
			q.MaxRows = DefaultMaxRows
		}
		r.count = "max=" + strconv.Itoa(q.MaxRows)
		if q.MinRows > 0 {
			r.minimum = "min=" + strconv.Itoa(q.MinRows)
		}
	}
	q.rules = r
}

func encodeCondition(v answerValue) []byte {
	switch v.kind {
	case valueBool:
		return strconv.AppendBool(nil, v.b)
	case valueNumber:
		return appendJSONNumber(nil, v.f)
	case valueString:
		return appendJSONString(nil, v.s)
	}
	return nil
}

// ruleMax returns the most points a rule can give.
func ruleMax(ru *Rule) float64 {
	q := ru.question
	switch {
	case ru.Options != nil:
		best, sum := 0.0, 0.0
		for _, p := range ru.Options {
			best = max(best, p)
			sum += p
		}
		if q.Type == TypeChoice {
			return best
		}
		return capped(sum, ru.Cap)
	case ru.Brackets != nil:
		best := 0.0
		for _, b := range ru.Brackets {
			best = max(best, b.Points)
		}
		return best
	case ru.Proportional != nil:
		return ru.Proportional.Points
	case ru.PerRow > 0:
		return capped(ru.PerRow*float64(q.MaxRows), ru.Cap)
	}
	return ru.Points
}

func capped(v, limit float64) float64 {
	if limit > 0 {
		return min(v, limit)
	}
	return v
}
