package main

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/adullact/tnl/questionnaire"
)

// What the plan sends, read back as the server reads forms, plus the
// evidence and the attestation, is a complete submission.
func TestPlanMakesACompleteSubmission(t *testing.T) {
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(q)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Variants) != planVariants || len(p.saves(0)) < 40 {
		t.Fatalf("%d variants, %d saves", len(p.Variants), len(p.saves(0)))
	}
	for i := range 2 {
		answers := questionnaire.Answers{}
		for _, s := range p.saves(i) {
			form, err := url.ParseQuery(s.Body)
			if want := map[bool]string{false: "0", true: "1"}[q.Question(s.Key).FromAccount != ""]; err != nil || form.Get("version") != want {
				t.Fatalf("%s: body %q", s.Key, s.Body)
			}
			raw, err := q.Question(s.Key).FromForm(form)
			if err != nil || raw == nil {
				t.Fatalf("%s: FromForm: %v", s.Key, err)
			}
			normalized, problems := q.ValidateAnswer(s.Key, raw)
			if len(problems) > 0 {
				t.Fatalf("%s: %v", s.Key, problems)
			}
			answers[s.Key] = normalized
		}
		ref, _ := json.Marshal([]questionnaire.FileRef{{ID: 1, Name: "deliberation.pdf", Kind: "pdf", Size: int64(len(p.PDF))}})
		answers[evidenceKey] = ref
		for _, question := range q.Questions() {
			if question.Section != nil && question.Section.Key == "attestation" {
				switch question.Type {
				case questionnaire.TypeYesNo:
					answers[question.Key] = json.RawMessage("true")
				default:
					answers[question.Key] = json.RawMessage(`"Camille Dupont"`)
				}
			}
		}
		if problems := q.Validate(answers, questionnaire.Submission); len(problems) > 0 {
			t.Errorf("variant %d is not a complete submission: %v", i, problems)
		}
	}
}

// The autosave phases change only questions whose sample answers differ
// between variants, each body a valid answer without the version: every
// save changes the stored value.
func TestChangeables(t *testing.T) {
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(q)
	if err != nil {
		t.Fatal(err)
	}
	cs := changeables(p)
	if len(cs) < 10 {
		t.Fatalf("%d changeable questions, want at least 10", len(cs))
	}
	for _, c := range cs {
		if len(c.Bodies) < 2 {
			t.Errorf("%s: %d bodies", c.Key, len(c.Bodies))
		}
		seen := map[string]bool{}
		for _, body := range c.Bodies {
			form, err := url.ParseQuery(body)
			if err != nil || form.Has("version") || seen[body] {
				t.Errorf("%s: body %q (duplicate %v)", c.Key, body, seen[body])
			}
			seen[body] = true
			raw, err := q.Question(c.Key).FromForm(form)
			if err != nil {
				t.Fatalf("%s: FromForm: %v", c.Key, err)
			}
			if _, problems := q.ValidateAnswer(c.Key, raw); len(problems) > 0 {
				t.Errorf("%s: %v", c.Key, problems)
			}
		}
	}
}
