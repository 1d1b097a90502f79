package questionnaire

import "slices"

// visibility tells, by question index, which questions are shown for
// these answers. Conditions only refer to earlier questions, so one pass
// in order is enough; a question is hidden when the question it depends
// on is itself hidden.
func (q *Questionnaire) visibility(a Answers) []bool {
	vis := make([]bool, len(q.questions))
	for i, qu := range q.questions {
		c := qu.ShowIf
		vis[i] = c == nil || (vis[c.target.index] && c.matches(a[c.Question]))
	}
	return vis
}

// matches reports whether the answer to the condition's question
// satisfies it. An invalid answer satisfies nothing.
func (c *Condition) matches(raw []byte) bool {
	v, bad := decodeAnswer(c.target, raw)
	if bad != nil || v.kind == valueNone {
		return false
	}
	switch {
	case c.NotEmpty:
		return true
	case c.In != nil:
		if v.kind == valueString {
			return slices.Contains(c.In, v.s)
		}
		for _, s := range v.list {
			if slices.Contains(c.In, s) {
				return true
			}
		}
		return false
	}
	switch c.equals.kind {
	case valueBool:
		return v.kind == valueBool && v.b == c.equals.b
	case valueNumber:
		return v.kind == valueNumber && v.f == c.equals.f
	case valueString:
		if v.kind == valueStrings {
			return slices.Contains(v.list, c.equals.s)
		}
		return v.kind == valueString && v.s == c.equals.s
	}
	return false
}

// Visible reports whether the question is shown for these answers. It is
// false for an unknown key.
func (q *Questionnaire) Visible(key string, a Answers) bool {
	qu := q.byKey[key]
	for qu != nil {
		c := qu.ShowIf
		if c == nil {
			return true
		}
		if !c.matches(a[c.Question]) {
			return false
		}
		qu = c.target
	}
	return false
}

// Prune returns the answers to keep: it drops the answers to hidden
// questions (a false show_if), to unknown questions and the empty ones.
// Hidden answers are neither required nor kept when submitting.
func (q *Questionnaire) Prune(a Answers) Answers {
	vis := q.visibility(a)
	out := make(Answers, len(a))
	for _, qu := range q.questions {
		raw, ok := a[qu.Key]
		if ok && vis[qu.index] && answered(qu, raw) {
			out[qu.Key] = raw
		}
	}
	return out
}

// SectionProgress counts the answers of one section, for a progress bar:
// Answered counts the visible questions answered, Required the visible
// required questions, Missing the visible required questions not answered.
type SectionProgress struct {
	Section  *Section
	Answered int
	Required int
	Missing  int
}

// Progress counts the answers section by section, in order.
func (q *Questionnaire) Progress(a Answers) []SectionProgress {
	vis := q.visibility(a)
	out := make([]SectionProgress, len(q.Sections))
	for i, s := range q.Sections {
		p := SectionProgress{Section: s}
		for _, qu := range s.Questions {
			if !vis[qu.index] {
				continue
			}
			done := answered(qu, a[qu.Key])
			if done {
				p.Answered++
			}
			if qu.Required {
				p.Required++
				if !done {
					p.Missing++
				}
			}
		}
		out[i] = p
	}
	return out
}
