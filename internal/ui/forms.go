package ui

import (
	"sort"

	"github.com/adullact/tnl/internal/domain"
)

// formError is one entry of a form's error summary: Field is the id of the
// field it links to.
type formError struct {
	Field   string
	Message string
}

// formErrors turns a domain error into the summary and per-field messages.
func formErrors(err error, order ...string) ([]formError, map[string]string) {
	e := domain.AsError(err)
	if e == nil {
		return []formError{{Field: "contenu", Message: domain.ErrorMessage(err)}}, nil
	}
	if len(e.Fields) == 0 {
		return []formError{{Field: "contenu", Message: e.Message}}, nil
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		for i, o := range order {
			if o == k {
				return i
			}
		}
		return len(order)
	}
	sort.Slice(keys, func(i, j int) bool {
		if rank(keys[i]) != rank(keys[j]) {
			return rank(keys[i]) < rank(keys[j])
		}
		return keys[i] < keys[j]
	})
	out := make([]formError, 0, len(keys))
	for _, k := range keys {
		out = append(out, formError{Field: k, Message: e.Fields[k]})
	}
	return out, e.Fields
}

// textInput is a form's text, number or date field as the "input" partial
// renders it: its label, help and error are linked to it.
type textInput struct {
	ID, Label, Value, Error, Help string
	// Type is the input's type (text when empty; "numeric" is a text
	// field with a numeric keyboard).
	Type     string
	Required bool
}

// newFormInput is the templates' "field" function.
func newFormInput(id, label, value, errMsg, help, typ string, required bool) textInput {
	return textInput{ID: id, Label: label, Value: value, Error: errMsg, Help: help, Type: typ, Required: required}
}
