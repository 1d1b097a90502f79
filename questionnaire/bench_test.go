package questionnaire

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkValidateSubmission validates a complete candidature to the
// default questionnaire (55 answers) in Submission mode.
func BenchmarkValidateSubmission(b *testing.B) {
	q := loadDefault(b)
	a := fullDefaultAnswers()
	if errs := q.Validate(a, Submission); errs != nil {
		b.Fatal(messages(errs))
	}
	b.ReportAllocs()
	for b.Loop() {
		q.Validate(a, Submission)
	}
}

// BenchmarkValidateAnswer validates one answer of the default
// questionnaire as an answer save does, for the types whose JSON is split
// into elements (multichoice, group) and a scalar for reference.
func BenchmarkValidateAnswer(b *testing.B) {
	full := fullDefaultAnswers()
	cases := []struct {
		name, key string
		raw       json.RawMessage
	}{
		{"integer", "logiciels.postes_libres", full["logiciels.postes_libres"]},
		{"multichoice", "pratiques.sobriete", full["pratiques.sobriete"]},
		{"group-3-rows", "logiciels.liste", full["logiciels.liste"]},
		{"group-100-rows", "logiciels.liste", softwareRows(100)},
	}
	q := loadDefault(b)
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if _, errs := q.ValidateAnswer(c.key, c.raw); errs != nil {
				b.Fatal(messages(errs))
			}
			b.SetBytes(int64(len(c.raw)))
			b.ReportAllocs()
			for b.Loop() {
				q.ValidateAnswer(c.key, c.raw)
			}
		})
	}
}

// softwareRows is an answer to logiciels.liste with n rows, its maximum
// being 100.
func softwareRows(n int) json.RawMessage {
	rows := make([]string, n)
	for i := range rows {
		rows[i] = fmt.Sprintf(`{"nom":"Logiciel libre n° %d","usage":"bureautique","postes":%d}`, i+1, 10+i)
	}
	return json.RawMessage("[" + strings.Join(rows, ",") + "]")
}

func BenchmarkLoadDefault(b *testing.B) {
	src := DefaultSource()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(src, DefaultName); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	q := loadDefault(b)
	a := fullDefaultAnswers()
	p := Profile{Kind: "commune", Population: 2500}
	b.ReportAllocs()
	for b.Loop() {
		q.Score(a, p)
	}
}

// TestConcurrentUse checks, under -race, that a loaded questionnaire can
// serve several requests at once.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	q := loadDefault(t)
	a := fullDefaultAnswers()
	done := make(chan []FieldError)
	for range 8 {
		go func() {
			q.Score(a, Profile{Kind: "commune", Population: 900})
			q.Progress(a)
			q.ValidateAnswer("logiciels.postes_libres", raw(`150`))
			done <- q.Validate(a, Submission)
		}()
	}
	for range 8 {
		if errs := <-done; errs != nil {
			t.Error(messages(errs))
		}
	}
}
