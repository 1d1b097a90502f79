package questionnaire

import (
	"strings"
	"testing"
)

// Every question of the shipped questionnaire is described in French,
// with its choices, limits and condition.
func TestExpected(t *testing.T) {
	t.Parallel()
	q, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[Type]bool{}
	for _, qu := range q.questions {
		lines := qu.Expected()
		text := strings.Join(lines, " ")
		if testing.Verbose() {
			t.Logf("%s: %s", qu.Key, text)
		}
		seen[qu.Type] = true
		if len(lines) < 2 || !strings.HasSuffix(lines[0], ".") {
			t.Errorf("%s: %q", qu.Key, lines)
		}
		if strings.Contains(text, qu.Key) || strings.Contains(text, "(s)") {
			t.Errorf("%s: the description shows a key or « (s) »: %s", qu.Key, text)
		}
		for _, o := range qu.Options {
			if !strings.Contains(text, "« "+o.Label+" »") {
				t.Errorf("%s: option %q not listed", qu.Key, o.Label)
			}
		}
		if qu.ShowIf != nil && !strings.Contains(text, "« "+qu.ShowIf.target.Label+" »") {
			t.Errorf("%s: its condition is not named: %s", qu.Key, text)
		}
		if qu.Required != strings.Contains(text, "Réponse obligatoire.") {
			t.Errorf("%s: required %v but %q", qu.Key, qu.Required, text)
		}
	}
	for _, ty := range []Type{TypeYesNo, TypeChoice, TypeInteger, TypeFile, TypeGroup} {
		if !seen[ty] {
			t.Errorf("the default questionnaire has no %s question to check", ty)
		}
	}
}
