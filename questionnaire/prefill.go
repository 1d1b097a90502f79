package questionnaire

import (
	"bytes"
	"encoding/json"
	"slices"
)

// Prefill returns the answers of a previous campaign that can start the
// current one: every answer whose key exists in cur with the same type;
// for choices, only the options still offered; for groups, only when the
// columns are the same (same keys and types). The copied answers must
// also be valid in cur (Draft mode) and are normalised.
//
// File answers are never copied: evidence must be attached again for
// each campaign.
func Prefill(prev *Questionnaire, prevAnswers Answers, cur *Questionnaire) Answers {
	out := Answers{}
	if cur == nil {
		return out
	}
	for _, qu := range cur.questions {
		raw, ok := prevAnswers[qu.Key]
		if !ok || qu.Type == TypeFile {
			continue
		}
		if prev != nil {
			old := prev.byKey[qu.Key]
			if old == nil || old.Type != qu.Type || !sameColumns(old, qu) {
				continue
			}
		}
		if qu.Type == TypeMultiChoice {
			raw = keepOffered(qu, raw)
		}
		norm, errs := cur.ValidateAnswer(qu.Key, raw)
		if len(errs) == 0 && norm != nil {
			out[qu.Key] = norm
		}
	}
	return out
}

// sameColumns reports whether two groups have the same columns.
func sameColumns(a, b *Question) bool {
	if len(a.Columns) != len(b.Columns) {
		return false
	}
	for _, ca := range a.Columns {
		cb := b.Column(ca.Key)
		if cb == nil || cb.Type != ca.Type {
			return false
		}
	}
	return true
}

// keepOffered drops the options that the question no longer offers.
func keepOffered(q *Question, raw json.RawMessage) json.RawMessage {
	v, bad := decodeAnswer(q, raw)
	if bad != nil || v.kind != valueStrings {
		return raw
	}
	v.list = slices.DeleteFunc(v.list, func(s string) bool { return q.Option(s) == nil })
	if len(v.list) == 0 {
		return nil
	}
	return encodeValue(q, v)
}

// ChangeKind tells how an answer changed between two campaigns.
type ChangeKind int

const (
	Changed ChangeKind = iota + 1 // answered both times, differently
	Added                         // answered only in the current campaign
	Removed                       // answered only in the previous campaign
)

// String returns the French name of the change.
func (k ChangeKind) String() string {
	switch k {
	case Changed:
		return "modifiée"
	case Added:
		return "nouvelle"
	case Removed:
		return "retirée"
	}
	return ""
}

// Change is one answer that differs between two campaigns. Before and
// After are displayed answers (« Non renseigné » when absent).
type Change struct {
	Key    string
	Label  string
	Kind   ChangeKind
	Before string
	After  string
}

// Diff lists, for the jury, the answers that changed between the previous
// campaign and the current one: in the order of the current questionnaire,
// then the questions that no longer exist, in their former order.
func Diff(prevQ *Questionnaire, prev Answers, curQ *Questionnaire, cur Answers) []Change {
	var out []Change
	if curQ != nil {
		for _, qu := range curQ.questions {
			old := qu
			if prevQ != nil && prevQ.Question(qu.Key) != nil {
				old = prevQ.Question(qu.Key)
			}
			if c, ok := compare(qu.Key, qu.Label, old, prev[qu.Key], qu, cur[qu.Key]); ok {
				out = append(out, c)
			}
		}
	}
	if prevQ != nil {
		for _, old := range prevQ.questions {
			if curQ != nil && curQ.Question(old.Key) != nil {
				continue
			}
			if answered(old, prev[old.Key]) {
				out = append(out, Change{Key: old.Key, Label: old.Label, Kind: Removed,
					Before: old.Display(prev[old.Key]), After: notAnswered})
			}
		}
	}
	return out
}

// compare compares two answers to the same key.
func compare(key, label string, oldQ *Question, before json.RawMessage, newQ *Question, after json.RawMessage) (Change, bool) {
	had, has := answered(oldQ, before), answered(newQ, after)
	c := Change{Key: key, Label: label, Before: oldQ.Display(before), After: newQ.Display(after)}
	switch {
	case !had && !has:
		return c, false
	case !had:
		c.Kind, c.Before = Added, notAnswered
	case !has:
		c.Kind, c.After = Removed, notAnswered
	default:
		if bytes.Equal(canonical(oldQ, before), canonical(newQ, after)) {
			return c, false
		}
		c.Kind = Changed
	}
	return c, true
}

// canonical returns a comparable form of an answer.
func canonical(q *Question, raw json.RawMessage) []byte {
	v, bad := decodeAnswer(q, raw)
	if bad != nil {
		return trimJSON(raw)
	}
	if v.kind == valueStrings {
		v.list = slices.Clone(v.list)
		slices.Sort(v.list)
	}
	return encodeValue(q, v)
}

// What an answer may be prefilled with from the élu's account
// (from_account).
const (
	AccountName  = "name"
	AccountEmail = "email"
)

// FromAccount returns the answers a new candidature starts with from the
// account of the élu who creates it (questions with from_account), for the
// keys not already in have. Values too long or invalid for their question
// are left out.
func (q *Questionnaire) FromAccount(name, email string, have Answers) Answers {
	out := Answers{}
	for _, qu := range q.questions {
		var v string
		switch qu.FromAccount {
		case AccountName:
			v = name
		case AccountEmail:
			v = email
		default:
			continue
		}
		if _, ok := have[qu.Key]; ok || v == "" {
			continue
		}
		raw, err := json.Marshal(v)
		if err != nil {
			continue
		}
		if norm, errs := q.ValidateAnswer(qu.Key, raw); len(errs) == 0 && norm != nil {
			out[qu.Key] = norm
		}
	}
	return out
}
