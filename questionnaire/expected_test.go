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

// The Badge subset is a questionnaire of its own: only the Badge
// questions and their sections, no scoring; answers outside it are
// unknown to it; the whole questionnaire is untouched.
func TestBadgeOnly(t *testing.T) {
	t.Parallel()
	q, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b := q.BadgeOnly()
	if b == q || !q.HasBadge() || b.HasBadge() || b.BadgeOnly() != b {
		t.Fatal("the default questionnaire has no separate Badge subset")
	}
	if len(b.questions) != len(q.Badge()) || len(b.questions) == 0 || len(b.questions) >= len(q.questions) {
		t.Fatalf("subset of %d questions for %d Badge questions out of %d", len(b.questions), len(q.Badge()), len(q.questions))
	}
	for i, qu := range b.questions {
		if !qu.Badge || qu.index != i || q.Question(qu.Key) == qu {
			t.Errorf("%s: not a Badge question of its own (index %d)", qu.Key, qu.index)
		}
	}
	for _, s := range b.Sections {
		if len(s.Questions) == 0 {
			t.Errorf("empty section %s kept", s.Key)
		}
	}
	if b.Scoring != nil {
		t.Error("the Badge subset is scored")
	}
	var outside string
	for _, qu := range q.questions {
		if !qu.Badge {
			outside = qu.Key
			break
		}
	}
	if b.Question(outside) != nil {
		t.Errorf("%s is in the Badge subset", outside)
	}
	if len(q.questions) != len(q.Badge())+countNotBadge(q) {
		t.Error("the whole questionnaire lost questions")
	}
	// Missing answers: the subset requires only its own questions.
	if errs := b.Validate(Answers{}, Submission); len(errs) == 0 || len(errs) >= len(q.Validate(Answers{}, Submission)) {
		t.Errorf("the subset requires %d answers, the whole %d", len(errs), len(q.Validate(Answers{}, Submission)))
	}
}

func countNotBadge(q *Questionnaire) int {
	n := 0
	for _, qu := range q.questions {
		if !qu.Badge {
			n++
		}
	}
	return n
}
