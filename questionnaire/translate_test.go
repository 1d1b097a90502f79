package questionnaire

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// failingValue returns a value that fails the validator tag, of the Go
// type of zero.
func failingValue(t *testing.T, tag string, zero any) any {
	t.Helper()
	name, param, _ := strings.Cut(tag, "=")
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("tag %q: bad parameter", tag)
		}
		return f
	}
	switch name {
	case "required":
		return zero
	case "oneof":
		return "pas-une-option"
	case "unique":
		return []string{"a", "a"}
	case "email":
		return "camille@"
	case "http_url":
		return "exemple"
	case "datetime":
		return "2026-02-30"
	case "daterange":
		return "1850-06-01"
	case "textline":
		return "deux\nlignes"
	case "textblock":
		return "nul\x00"
	case "gte":
		return num(param) - 1
	case "lte":
		return num(param) + 1
	case "between":
		_, hi, _ := strings.Cut(param, " ")
		return num(hi) + 1
	case "filekind":
		return "docx"
	case "filesize":
		return int64(num(param)) + 1
	case "max", "min":
		n := int(num(param))
		if name == "min" {
			n--
		} else {
			n++
		}
		switch zero.(type) {
		case string:
			return strings.Repeat("é", n)
		case []string:
			return make([]string, n)
		case []FileRef:
			return make([]FileRef, n)
		case []indexedRow:
			return make([]indexedRow, n)
		}
	}
	t.Fatalf("no failing value for tag %q on %T: add one to this test", tag, zero)
	return nil
}

// looksFrench tells whether a message is a French sentence and not the
// validator's English fallback.
func looksFrench(msg string) bool {
	for _, english := range []string{"Key:", "Error:", "failed", "validation", " tag", "Field"} {
		if strings.Contains(msg, english) {
			return false
		}
	}
	for _, french := range []string{" doit ", " est ", " contient ", " au plus ", " au moins ", " ne doit ", "n'est pas", " : la réponse"} {
		if strings.Contains(msg, french) {
			return true
		}
	}
	return false
}

// TestEveryRuleTranslated walks every validator tag compiled from the
// sample and the default questionnaires, makes it fail and checks that
// the message is French and names the question.
func TestEveryRuleTranslated(t *testing.T) {
	t.Parallel()
	used := map[string]bool{}
	for _, q := range []*Questionnaire{loadSample(t), loadDefault(t)} {
		var all []*Question
		for _, qu := range q.Questions() {
			all = append(all, qu)
			all = append(all, qu.Columns...)
		}
		for _, qu := range all {
			for _, tv := range qu.rules.tags(qu) {
				for _, tag := range strings.Split(tv.tag, ",") {
					name, _, _ := strings.Cut(tag, "=")
					used[name] = true
					msgs := q.eng.run(qu.quoted, failingValue(t, tag, tv.zero), tag)
					if len(msgs) != 1 {
						t.Errorf("%s, tag %q: %d messages %q", qu.Key, tag, len(msgs), msgs)
						continue
					}
					if !strings.Contains(msgs[0], qu.quoted) || !looksFrench(msgs[0]) {
						t.Errorf("%s, tag %q: message %q is not French or does not name the question", qu.Key, tag, msgs[0])
					}
				}
			}
		}
	}
	var registered []string
	for _, m := range validationMessages() {
		registered = append(registered, m.tag)
		if !used[m.tag] {
			t.Errorf("translation of %q is never exercised", m.tag)
		}
	}
	for tag := range used {
		if !slices.Contains(registered, tag) {
			t.Errorf("tag %q is compiled but has no translation of ours", tag)
		}
	}
}

func TestPlurals(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	cases := []struct {
		value any
		tag   string
		want  string
	}{
		{make([]FileRef, 2), "max=1", "« X » : au plus 1 fichier"},
		{make([]FileRef, 3), "max=2", "« X » : au plus 2 fichiers"},
		{[]indexedRow{}, "min=1", "« X » : au moins 1 ligne"},
		{[]indexedRow{{}}, "min=2", "« X » : au moins 2 lignes"},
		{"ab", "max=1", "« X » ne doit pas dépasser 1 caractère"},
		{"abcd", "max=3", "« X » ne doit pas dépasser 3 caractères"},
		{"", "min=2", "« X » doit contenir au moins 2 caractères"},
		{[]string{"a", "b"}, "max=1", "« X » : au plus 1 réponse"},
		{2.5, "lte=2.25", "« X » doit être une valeur inférieure ou égale à 2,25"},
		{12000.0, "between=0 10000", "« X » doit être une valeur comprise entre 0 et 10" + nnbsp + "000"},
		{int64(20 << 20), "filesize=15728640", "« X » : un fichier ne doit pas dépasser 15\u00a0Mo"},
	}
	for _, c := range cases {
		got := q.eng.run("« X »", c.value, c.tag)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("run(%v, %s) = %q, want %q", c.value, c.tag, got, c.want)
		}
	}
}

func TestOtherMessagesFrench(t *testing.T) {
	t.Parallel()
	q := loadSample(t)
	for key, text := range otherMessages() {
		got := q.eng.text(key, "« X »", "2", "colonne")
		if !strings.Contains(text, "{0}") {
			t.Errorf("%s: %q does not name the question", key, text)
		}
		if strings.Contains(got, "{") || !strings.Contains(got, "X") {
			t.Errorf("%s: translated to %q", key, got)
		}
		// The form helpers format the same texts without the translator.
		if alt := (&Question{}).message(key, "« X »", "2", "colonne"); alt != got {
			t.Errorf("%s: %q and %q differ", key, alt, got)
		}
	}
}
