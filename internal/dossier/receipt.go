package dossier

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/pdf"
	"github.com/adullact/tnl/questionnaire"
)

// receiptView builds the acknowledgement of receipt of a submitted
// candidature: who submitted it, when, how many answers and files, and
// the SHA-256 of the answers (see answersHash).
func (s *Service) receiptView(sub *subject) (*pdf.Receipt, error) {
	c := &sub.data.Candidature
	if c.SubmittedAt == nil {
		return nil, domain.Errorf(domain.ENotFound, "La candidature n’est pas déposée : il n’y a pas encore d’accusé de réception.")
	}
	kept := sub.questionnaire.Prune(answerMap(sub.data.Answers))
	elu := eluView(c)
	return &pdf.Receipt{
		Label:         labelName,
		Reference:     c.Reference,
		Collectivite:  c.CollectiviteName,
		Elu:           elu,
		Year:          sub.campaign.Year,
		SubmittedAt:   c.SubmittedAt.UTC(),
		SubmittedBy:   elu.Name,
		AnswersCount:  len(kept),
		EvidenceCount: fileCount(sub.questionnaire, kept),
		Hash:          answersHash(kept),
	}, nil
}

// fileCount counts the files of the file answers.
func fileCount(q *questionnaire.Questionnaire, answers questionnaire.Answers) int {
	n := 0
	for key, raw := range answers {
		if question := q.Question(key); question == nil || question.Type != questionnaire.TypeFile {
			continue
		}
		var refs []questionnaire.FileRef
		if json.Unmarshal(raw, &refs) == nil {
			n += len(refs)
		}
	}
	return n
}

// answersHash is the hexadecimal SHA-256 of the answers, taken in the
// order of their keys: for each answer its key, a tab, its JSON value
// compacted, a newline. Anyone holding the answers can recompute it.
func answersHash(answers questionnaire.Answers) string {
	keys := make([]string, 0, len(answers))
	for k := range answers {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	h := sha256.New()
	var buf []byte
	for _, k := range keys {
		buf = append(buf[:0], k...)
		buf = append(buf, '\t')
		buf = appendCompact(buf, answers[k])
		buf = append(buf, '\n')
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// appendCompact appends the JSON value without insignificant spaces, or
// as stored when it is not valid JSON.
func appendCompact(dst []byte, raw json.RawMessage) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return append(dst, raw...)
	}
	return append(dst, b.Bytes()...)
}
