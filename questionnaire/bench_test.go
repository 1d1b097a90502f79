package questionnaire

import "testing"

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
