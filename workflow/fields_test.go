package workflow

import (
	"net/url"
	"strings"
	"testing"
)

// The texts of an event's form: NUL, control characters, line breaks in a
// one-line field, lengths and the number of items are refused, each
// naming its field; blank (zero-width) required fields are missing.
func TestInvalidFields(t *testing.T) {
	t.Parallel()
	p := Presentation{
		Comment: &Field{Label: "Motif", Kind: FieldTextArea},
		Fields: []Field{
			{Name: "elu_name", Label: "Nom de l’élu", Kind: FieldText, Required: true},
			{Name: "motivation", Label: "Motivation", Kind: FieldTextArea},
			{Name: "mentions", Label: "Mentions", Kind: FieldLines},
		},
	}
	many := strings.Repeat("Mention\n", MaxLines+1)
	for _, tc := range []struct {
		name  string
		in    Input
		field string
		want  string
	}{
		{"ok", Input{Comment: "Un motif\nsur deux lignes", Values: url.Values{"elu_name": {"Camille"}, "mentions": {"Coup de cœur\nPrix"}}}, "", ""},
		{"NUL in the comment", Input{Comment: "a\x00b", Values: url.Values{"elu_name": {"Camille"}}}, CommentField, "« Motif » contient un caractère nul"},
		{"a comment too long", Input{Comment: strings.Repeat("é", MaxLongText+1), Values: url.Values{"elu_name": {"Camille"}}}, CommentField, "ne doit pas dépasser 10\u202f000 caractères"},
		{"a line break in a name", Input{Values: url.Values{"elu_name": {"Camille\nDupont"}}}, "elu_name", "« Nom de l’élu » doit tenir sur une ligne"},
		{"a control character in a name", Input{Values: url.Values{"elu_name": {"Camille\x1b"}}}, "elu_name", "caractère de contrôle"},
		{"invalid UTF-8", Input{Values: url.Values{"elu_name": {"Camille"}, "motivation": {"\xff"}}}, "motivation", "UTF-8"},
		{"more than 20 mentions", Input{Values: url.Values{"elu_name": {"Camille"}, "mentions": {many}}}, "mentions", "au plus 20 éléments"},
		{"a zero-width name is missing", Input{Values: url.Values{"elu_name": {"\u200b\u200d"}}}, "elu_name", "Indiquez : nom de l’élu."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := append(missingFields(p, tc.in), invalidFields(p, tc.in)...)
			if tc.field == "" {
				if len(bs) > 0 {
					t.Errorf("refused: %+v", bs)
				}
				return
			}
			if len(bs) != 1 || bs[0].Field != tc.field || !strings.Contains(bs[0].Message, tc.want) {
				t.Errorf("blockers %+v, want one on %s saying %q", bs, tc.field, tc.want)
			}
		})
	}
	if got := (Input{Values: url.Values{"elu_name": {"Cam\u202eille"}}}).Value("elu_name"); got != "Camille" {
		t.Errorf("Value kept a bidirectional control: %q", got)
	}
}
