package questionnaire

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/adullact/tnl/internal/cleantext"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Answers maps question keys to JSON answers.
type Answers map[string]json.RawMessage

// valueKind is the shape of a decoded answer.
type valueKind uint8

const (
	valueNone valueKind = iota // no answer
	valueBool
	valueNumber
	valueString
	valueStrings
	valueFiles
	valueRows
)

// answerValue is a decoded answer.
type answerValue struct {
	kind  valueKind
	b     bool
	f     float64
	s     string
	list  []string
	files []FileRef
	rows  []indexedRow
}

// indexedRow is a non-empty row of a group answer, decoded.
type indexedRow struct {
	index   int           // position in the submitted array
	cells   []answerValue // by column, in the order of the columns
	bad     []*shapeError // by column, nil when every cell is well-formed
	unknown []string      // keys of unknown columns, sorted
}

// shapeError tells that an answer does not have the JSON shape of its
// type. key is a translation key (see translate.go).
type shapeError struct {
	key   string
	row   int // -1 when not about a row
	param string
}

// maxSafeInteger is the largest integer a float64 holds exactly.
const maxSafeInteger = 1 << 53

// decodeAnswer decodes and normalises the JSON answer to a question.
// Empty answers (null, "", "  ", [], rows without any cell) are valueNone.
func decodeAnswer(q *Question, raw json.RawMessage) (answerValue, *shapeError) {
	raw = trimJSON(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return answerValue{}, nil
	}
	switch q.Type {
	case TypeYesNo:
		switch string(raw) {
		case "true":
			return answerValue{kind: valueBool, b: true}, nil
		case "false":
			return answerValue{kind: valueBool}, nil
		}
		return answerValue{}, &shapeError{key: "type-yesno", row: -1}
	case TypeInteger, TypeDecimal, TypePercentage:
		f, ok := parseJSONNumber(raw)
		if !ok {
			return answerValue{}, &shapeError{key: "type-number", row: -1}
		}
		if q.Type == TypeInteger && (f != math.Trunc(f) || math.Abs(f) > maxSafeInteger) {
			return answerValue{}, &shapeError{key: "type-integer", row: -1}
		}
		return answerValue{kind: valueNumber, f: f}, nil
	case TypeText, TypeLongText, TypeURL, TypeEmail, TypeDate, TypeChoice:
		s, ok := parseJSONString(raw)
		if !ok {
			return answerValue{}, &shapeError{key: "type-text", row: -1}
		}
		s = strings.TrimSpace(s)
		if q.Type == TypeLongText {
			s = strings.ReplaceAll(s, "\r\n", "\n")
		}
		if cleantext.Blank(s) { // white space or zero-width only: empty
			return answerValue{}, nil
		}
		return answerValue{kind: valueString, s: s}, nil
	case TypeMultiChoice:
		items, ok := splitArray(raw)
		if !ok {
			return answerValue{}, &shapeError{key: "type-list", row: -1}
		}
		var list []string
		for _, item := range items {
			s, ok := parseJSONString(item)
			if !ok {
				return answerValue{}, &shapeError{key: "type-list", row: -1}
			}
			if s = strings.TrimSpace(s); s != "" {
				list = append(list, s)
			}
		}
		if len(list) == 0 {
			return answerValue{}, nil
		}
		return answerValue{kind: valueStrings, list: list}, nil
	case TypeFile:
		return decodeFiles(raw)
	case TypeGroup:
		return decodeRows(q, raw)
	}
	return answerValue{}, &shapeError{key: "type-text", row: -1}
}

func decodeFiles(raw json.RawMessage) (answerValue, *shapeError) {
	var files []FileRef
	if raw[0] != '[' || json.Unmarshal(raw, &files) != nil {
		return answerValue{}, &shapeError{key: "type-files", row: -1}
	}
	if len(files) == 0 {
		return answerValue{}, nil
	}
	for i := range files {
		f := &files[i]
		f.Name = strings.TrimSpace(f.Name)
		f.Kind = strings.ToLower(strings.TrimSpace(f.Kind))
		f.SHA256 = strings.ToLower(strings.TrimSpace(f.SHA256))
		if f.ID <= 0 || f.Name == "" || f.Kind == "" || f.Size < 0 || !validSHA256(f.SHA256) {
			return answerValue{}, &shapeError{key: "type-fileref", row: -1, param: strconv.Itoa(i + 1)}
		}
	}
	return answerValue{kind: valueFiles, files: files}, nil
}

// validSHA256 accepts an empty digest or 64 hexadecimal digits.
func validSHA256(s string) bool {
	if s == "" {
		return true
	}
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// decodeRows decodes a group answer, an array of rows. The array is
// decoded in one pass into objects (null rows become nil maps); only when
// that fails is it split again, to name the first row that is not an
// object. A column written twice in a row counts as written last.
func decodeRows(q *Question, raw json.RawMessage) (answerValue, *shapeError) {
	if raw[0] != '[' {
		return answerValue{}, &shapeError{key: "type-rows", row: -1}
	}
	var objects []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &objects); err != nil {
		if i, found := firstNonObject(raw, err); found {
			return answerValue{}, &shapeError{key: "type-row", row: i, param: strconv.Itoa(i + 1)}
		}
		return answerValue{}, &shapeError{key: "type-rows", row: -1}
	}
	var rows []indexedRow
	for i, fields := range objects {
		if fields == nil { // null
			continue
		}
		r := decodeRow(q, fields)
		if r.bad != nil || r.unknown != nil || slices.ContainsFunc(r.cells, func(v answerValue) bool { return v.kind != valueNone }) {
			r.index = i
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return answerValue{}, nil
	}
	return answerValue{kind: valueRows, rows: rows}, nil
}

// firstNonObject returns the index of the first element of a JSON array
// that is neither an object nor null, when err, the error of decoding
// the array into objects, comes from such an element.
func firstNonObject(raw json.RawMessage, err error) (int, bool) {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) {
		return 0, false
	}
	items, ok := splitArray(raw)
	if !ok {
		return 0, false
	}
	for i, item := range items {
		if item[0] != '{' && string(item) != "null" {
			return i, true
		}
	}
	return 0, false
}

// decodeRow decodes the cells of one row. A cell that does not fit its
// column is kept in bad, to be reported with its row and column.
func decodeRow(q *Question, fields map[string]json.RawMessage) indexedRow {
	r := indexedRow{cells: make([]answerValue, len(q.Columns))}
	for name, val := range fields {
		c := q.columnIndex(name)
		if c < 0 {
			r.unknown = append(r.unknown, name)
			continue
		}
		v, bad := decodeAnswer(q.Columns[c], val)
		r.cells[c] = v
		if bad != nil {
			if r.bad == nil {
				r.bad = make([]*shapeError, len(q.Columns))
			}
			r.bad[c] = bad
		}
	}
	slices.Sort(r.unknown)
	return r
}

// columnIndex returns the index of the column with this key, or -1.
func (q *Question) columnIndex(key string) int {
	for i, c := range q.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// splitArray returns the elements of a JSON array, without the white
// space around them.
func splitArray(b []byte) ([]json.RawMessage, bool) {
	b = trimJSON(b)
	if len(b) == 0 || b[0] != '[' {
		return nil, false
	}
	var items []json.RawMessage
	if json.Unmarshal(b, &items) != nil {
		return nil, false
	}
	return items, true
}

// answered reports whether raw holds an answer (even an invalid one).
func answered(q *Question, raw json.RawMessage) bool {
	v, bad := decodeAnswer(q, raw)
	return bad != nil || v.kind != valueNone
}

// trimJSON removes JSON white space around a value.
func trimJSON(b []byte) []byte {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// parseJSONNumber parses a JSON number; it refuses anything else,
// including numbers in strings and values out of the float64 range.
func parseJSONNumber(b []byte) (float64, bool) {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i - start
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		return 0, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return 0, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0, false
		}
	}
	if i != len(b) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// parseJSONString parses a JSON string, without allocating for the usual
// strings that need no unescaping.
func parseJSONString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	inner := b[1 : len(b)-1]
	simple := true
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			simple = false
			break
		}
	}
	if simple && utf8.Valid(inner) {
		return string(inner), true
	}
	var s string
	if json.Unmarshal(b, &s) != nil {
		return "", false
	}
	return s, true
}

// encodeValue encodes a decoded answer as normalised JSON; nil for no
// answer.
func encodeValue(q *Question, v answerValue) json.RawMessage {
	var b []byte
	switch v.kind {
	case valueNone:
		return nil
	case valueBool:
		b = strconv.AppendBool(b, v.b)
	case valueNumber:
		b = appendJSONNumber(b, v.f)
	case valueString:
		b = appendJSONString(b, v.s)
	case valueStrings:
		b = append(b, '[')
		for i, s := range v.list {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		b = append(b, ']')
	case valueFiles:
		b, _ = json.Marshal(v.files)
	case valueRows:
		b = append(b, '[')
		for i, r := range v.rows {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			first := true
			for j, c := range q.Columns {
				cv := r.cells[j]
				if cv.kind == valueNone {
					continue
				}
				if !first {
					b = append(b, ',')
				}
				first = false
				b = appendJSONString(b, c.Key)
				b = append(b, ':')
				b = append(b, encodeValue(c, cv)...)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return b
}

func appendJSONNumber(b []byte, f float64) []byte {
	if f == 0 {
		return append(b, '0') // no "-0"
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendJSONString appends s as a JSON string, without escaping HTML
// characters.
func appendJSONString(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(s) != nil {
		return append(b, `""`...)
	}
	return append(b, bytes.TrimRight(buf.Bytes(), "\n")...)
}
