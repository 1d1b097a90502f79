package main

import (
	"fmt"
	"net/url"

	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"

	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/questionnaire"
)

// evidenceKey is the file question every applicant answers with a PDF.
const evidenceKey = "strategie.deliberation_preuve"

// planVariants is how many different sets of answers the applicants send
// (demo.SampleAnswers varies its numbers and texts with a seed).
const planVariants = 16

// save is one autosave request: the question and its url-encoded form.
type save struct {
	Key  string
	Path string // suffix of /candidatures/{id}
	Body string // form fields of the answer, and version=0
}

// plan is what the applicants send, prepared once: the autosaves of every
// question but the file questions and the attestation (given at
// submission), in questionnaire order, in planVariants variants; the PDF.
type plan struct {
	Variants [][]save
	PDF      []byte
}

func newPlan(q *questionnaire.Questionnaire) (*plan, error) {
	if q.Question(evidenceKey) == nil {
		return nil, fmt.Errorf("le questionnaire n’a pas de question %s", evidenceKey)
	}
	p := &plan{PDF: demo.SamplePDF()}
	for seed := range planVariants {
		answers := demo.SampleAnswers(q, seed+1)
		var saves []save
		for _, question := range q.Questions() {
			raw, ok := answers[question.Key]
			if !ok || question.Type == questionnaire.TypeFile || candlc.IsAttestation(question) {
				continue
			}
			form := url.Values(question.FormValues(raw))
			if len(form) == 0 {
				return nil, fmt.Errorf("réponse d’exemple illisible pour %s : %s", question.Key, raw)
			}
			form.Set("version", "0")
			saves = append(saves, save{Key: question.Key, Path: "/reponses/" + url.PathEscape(question.Key), Body: form.Encode()})
		}
		p.Variants = append(p.Variants, saves)
	}
	return p, nil
}

// saves returns the autosaves of the i-th applicant.
func (p *plan) saves(i int) []save { return p.Variants[i%len(p.Variants)] }
