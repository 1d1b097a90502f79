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
	Body string // form fields of the answer, and the version it replaces (0, or 1 for an answer taken from the account)
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
			// An answer taken from the account (the referent's name and
			// address) exists from the creation, at version 1: a save
			// from a page that did not show it would be a conflict.
			version := "0"
			if question.FromAccount != "" {
				version = "1"
			}
			form.Set("version", version)
			saves = append(saves, save{Key: question.Key, Path: "/reponses/" + url.PathEscape(question.Key), Body: form.Encode()})
		}
		p.Variants = append(p.Variants, saves)
	}
	return p, nil
}

// saves returns the autosaves of the i-th applicant.
func (p *plan) saves(i int) []save { return p.Variants[i%len(p.Variants)] }
