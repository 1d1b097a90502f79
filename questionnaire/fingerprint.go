package questionnaire

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
)

// Fingerprint summarises a set of answers as the accusé de réception
// states them: how many, how many files, and their SHA-256 (see
// AnswersHash).
type Fingerprint struct {
	Answers int
	Files   int
	SHA256  string
}

// Fingerprint returns the fingerprint of answers, as given (prune the
// hidden ones first).
func (q *Questionnaire) Fingerprint(answers Answers) Fingerprint {
	files := 0
	for key, raw := range answers {
		if question := q.Question(key); question == nil || question.Type != TypeFile {
			continue
		}
		var refs []FileRef
		if json.Unmarshal(raw, &refs) == nil {
			files += len(refs)
		}
	}
	return Fingerprint{Answers: len(answers), Files: files, SHA256: AnswersHash(answers)}
}

// AnswersHash is the hexadecimal SHA-256 of the answers, taken in the
// order of their keys: for each answer its key, a tab, its JSON value
// compacted, a newline. Anyone holding the answers can recompute it.
func AnswersHash(answers Answers) string {
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
