package dossier

import (
	"encoding/json"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/questionnaire"
)

// answerView formats one answer for reading: words, labels and units by
// Question.Display, a table for a group, the files of a file question, a
// link for a web address, paragraphs for a long text. An empty answer is
// KindUnanswered, shown « Non renseigné ».
func answerView(q *questionnaire.Question, raw json.RawMessage, evidence []domain.Evidence) pdf.Answer {
	if len(raw) == 0 {
		return pdf.Answer{}
	}
	switch q.Type {
	case questionnaire.TypeGroup:
		if header, rows := q.DisplayRows(raw); len(rows) > 0 {
			return pdf.Answer{Kind: pdf.KindTable, Table: &pdf.Table{Header: header, Rows: rows}}
		}
	case questionnaire.TypeFile:
		var refs []questionnaire.FileRef
		if err := json.Unmarshal(raw, &refs); err == nil {
			if len(refs) == 0 {
				return pdf.Answer{}
			}
			return pdf.Answer{Kind: pdf.KindFiles, Files: files(refs, evidence)}
		}
	}
	text := q.Display(raw)
	if text == noAnswer(q) {
		return pdf.Answer{}
	}
	switch q.Type {
	case questionnaire.TypeLongText:
		return pdf.Answer{Kind: pdf.KindLongText, Text: text}
	case questionnaire.TypeURL:
		if isWebAddress(text) {
			return pdf.Answer{Kind: pdf.KindLink, URL: text}
		}
	}
	return pdf.Answer{Kind: pdf.KindText, Text: text}
}

// noAnswer is what Display shows for a missing answer.
func noAnswer(q *questionnaire.Question) string { return q.Display(nil) }

func isWebAddress(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// files describes the files of an answer. The stored evidence row is
// authoritative for the name, size and checksum; the reference kept in the
// answer stands in for a row that is gone.
func files(refs []questionnaire.FileRef, evidence []domain.Evidence) []pdf.File {
	out := make([]pdf.File, len(refs))
	for i, ref := range refs {
		f := pdf.File{Name: ref.Name, Size: ref.Size, SHA256: ref.SHA256}
		for j := range evidence {
			if e := &evidence[j]; e.ID == ref.ID {
				f = pdf.File{Name: e.Name, Size: e.Size, SHA256: e.SHA256}
				break
			}
		}
		out[i] = f
	}
	return out
}
