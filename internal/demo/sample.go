// Package demo seeds a database with a realistic demonstration: an open
// campaign, accounts for every role and a half-filled candidature of a real
// commune. It also builds valid answers for tests and benchmarks.
package demo

import (
	"encoding/json"
	"fmt"

	"github.com/adullact/tnl/questionnaire"
)

// SampleAnswers returns valid answers to every question of q that is not a
// file question: yes to every yes/no question (so that conditional questions
// show), the first option of choices, plausible numbers and texts, two rows
// per table. seed varies the numbers and texts. File questions are left to
// the caller, who uploads evidence.
func SampleAnswers(q *questionnaire.Questionnaire, seed int) questionnaire.Answers {
	out := questionnaire.Answers{}
	for _, question := range q.Questions() {
		if v := sampleValue(question, seed); v != nil {
			out[question.Key] = v
		}
	}
	return out
}

func sampleValue(q *questionnaire.Question, seed int) json.RawMessage {
	var v any
	switch q.Type {
	case questionnaire.TypeYesNo:
		v = true
	case questionnaire.TypeChoice:
		v = q.Options[0].Value
	case questionnaire.TypeMultiChoice:
		v = []string{q.Options[0].Value}
	case questionnaire.TypeInteger:
		v = bounded(q, float64(10+seed%90))
	case questionnaire.TypeDecimal:
		v = bounded(q, 12.5+float64(seed%10))
	case questionnaire.TypePercentage:
		v = bounded(q, float64(35+seed%60))
	case questionnaire.TypeText:
		v = limit(fmt.Sprintf("Réponse n° %d à « %s »", seed, q.Label), q.MaxLength)
	case questionnaire.TypeLongText:
		v = limit(fmt.Sprintf("Depuis 2019, la collectivité développe l’usage des logiciels libres : postes sous Linux, LibreOffice, et un partenariat avec le GULL local. Réponse n° %d à « %s ».", seed, q.Label), q.MaxLength)
	case questionnaire.TypeURL:
		v = fmt.Sprintf("https://www.exemple.fr/label/%d", seed)
	case questionnaire.TypeEmail:
		v = fmt.Sprintf("referent%d@exemple.fr", seed)
	case questionnaire.TypeDate:
		v = "2025-03-17"
	case questionnaire.TypeGroup:
		var rows []map[string]json.RawMessage
		for i := range 2 {
			row := map[string]json.RawMessage{}
			for _, c := range q.Columns {
				if cv := sampleValue(c, seed+i); cv != nil {
					row[c.Key] = cv
				}
			}
			rows = append(rows, row)
		}
		v = rows
	default:
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return raw
}

func bounded(q *questionnaire.Question, f float64) float64 {
	if q.Min != nil && f < *q.Min {
		f = *q.Min
	}
	if q.Max != nil && f > *q.Max {
		f = *q.Max
	}
	if q.Type == questionnaire.TypeInteger {
		return float64(int(f))
	}
	return f
}

func limit(s string, n int) string {
	r := []rune(s)
	if n > 0 && len(r) > n {
		return string(r[:n])
	}
	return s
}

// SamplePDF is a small, valid one-page PDF to attach as evidence.
func SamplePDF() []byte {
	return []byte("%PDF-1.4\n" +
		"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
		"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n" +
		"4 0 obj<</Length 62>>stream\nBT /F1 18 Tf 72 760 Td (Deliberation du conseil municipal) Tj ET\nendstream endobj\n" +
		"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n" +
		"trailer<</Root 1 0 R>>\n%%EOF\n")
}
