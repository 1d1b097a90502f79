package questionnaire

import (
	"encoding/json"
	"github.com/adullact/tnl/internal/cleantext"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// HTML form convention:
//   - a simple question's field is named by its key;
//   - a multichoice question repeats its key, one value per option;
//   - yesno is « oui » or « non »;
//   - numbers accept French decimals (« 12,5 »), spaces between digits and,
//     for percentages, a final « % »;
//   - dates accept YYYY-MM-DD (<input type="date">) and JJ/MM/AAAA;
//   - a group's cells are named key.N.column, N counting rows from 0;
//   - a file question repeats its key, each value being one FileRef in
//     JSON (hidden inputs written by FormValues after an upload).

var (
	formNumberPattern = regexp.MustCompile(`^-?\d+(?:\.\d+)?$`)
	formDatePattern   = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
)

// FromForm reads the answer to the question from submitted form values.
// It returns nil when the form holds no answer. The error, of type
// FieldErrors, tells in French what could not be read; limits are checked
// by ValidateAnswer.
func (q *Question) FromForm(form map[string][]string) (json.RawMessage, error) {
	switch q.Type {
	case TypeGroup:
		return q.rowsFromForm(form)
	case TypeMultiChoice:
		var b []byte
		n := 0
		for _, s := range form[q.Key] {
			if s = strings.TrimSpace(s); s != "" {
				b = append(b, ',')
				b = appendJSONString(b, s)
				n++
			}
		}
		if n == 0 {
			return nil, nil
		}
		b[0] = '['
		return append(b, ']'), nil
	case TypeFile:
		var refs []FileRef
		for _, s := range form[q.Key] {
			if strings.TrimSpace(s) == "" {
				continue
			}
			var ref FileRef
			if json.Unmarshal([]byte(s), &ref) != nil {
				return nil, FieldErrors{{Key: q.Key, Row: -1, Message: q.message("form-file", q.quoted)}}
			}
			refs = append(refs, ref)
		}
		if len(refs) == 0 {
			return nil, nil
		}
		b, err := json.Marshal(refs)
		if err != nil {
			return nil, FieldErrors{{Key: q.Key, Row: -1, Message: q.message("form-file", q.quoted)}}
		}
		return b, nil
	}
	for _, s := range form[q.Key] {
		if !cleantext.Blank(s) {
			raw, msg := q.scalarFromForm(s)
			if msg != "" {
				return nil, FieldErrors{{Key: q.Key, Row: -1, Message: msg}}
			}
			return raw, nil
		}
	}
	return nil, nil
}

// scalarFromForm converts one form value; it returns a French message
// when the value cannot be read.
func (q *Question) scalarFromForm(s string) (json.RawMessage, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, ""
	}
	switch {
	case q.Type == TypeYesNo:
		switch strings.ToLower(s) {
		case "oui":
			return json.RawMessage("true"), ""
		case "non":
			return json.RawMessage("false"), ""
		}
		return nil, q.message("form-yesno", q.quoted)
	case q.Type.isNumber():
		f, ok := parseFrenchNumber(s, q.Type == TypePercentage)
		if !ok {
			return nil, q.message("form-number", q.quoted)
		}
		if q.Type == TypeInteger && f != float64(int64(f)) {
			return nil, q.message("form-integer", q.quoted)
		}
		return appendJSONNumber(nil, f), ""
	case q.Type == TypeDate:
		if m := formDatePattern.FindStringSubmatch(s); m != nil {
			d, err := time.Parse("2/1/2006", m[1]+"/"+m[2]+"/"+m[3])
			if err != nil {
				return nil, q.message("form-date", q.quoted)
			}
			s = d.Format(time.DateOnly)
		}
	case q.Type == TypeLongText:
		s = strings.ReplaceAll(s, "\r\n", "\n")
	case q.Type == TypeURL:
		s = completeURL(s)
	}
	return appendJSONString(nil, s), ""
}

// parseFrenchNumber reads « 12,5 », « 1 000 », « 42 % » or « 12.5 ».
func parseFrenchNumber(s string, percent bool) (float64, bool) {
	if percent {
		s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\t':
			return -1
		case ',':
			return '.'
		}
		return r
	}, s)
	if len(s) > 40 || !formNumberPattern.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f > maxSafeInteger || f < -maxSafeInteger {
		return 0, false
	}
	return f, true
}

// rowsFromForm reads the key.N.column fields of a group.
func (q *Question) rowsFromForm(form map[string][]string) (json.RawMessage, error) {
	prefix := q.Key + "."
	cells := map[int]map[string]string{}
	for name, values := range form {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		num, col, ok := strings.Cut(rest, ".")
		if !ok || q.Column(col) == nil {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 {
			return nil, FieldErrors{{Key: q.Key, Row: -1, Message: q.message("form-row", q.quoted)}}
		}
		for _, v := range values {
			if v = strings.TrimSpace(v); v != "" {
				if cells[n] == nil {
					cells[n] = map[string]string{}
				}
				cells[n][col] = v
				break
			}
		}
	}
	if len(cells) == 0 {
		return nil, nil
	}
	nums := make([]int, 0, len(cells))
	for n := range cells {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	var errs FieldErrors
	b := []byte{'['}
	for i, n := range nums {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		first := true
		for _, c := range q.Columns {
			s, ok := cells[n][c.Key]
			if !ok {
				continue
			}
			raw, msg := c.scalarFromForm(s)
			if msg != "" {
				errs = append(errs, FieldError{Key: q.Key, Row: n, Column: c.Key,
					Message: q.message("in-row", q.quoted, strconv.Itoa(n+1), msg)})
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendJSONString(b, c.Key)
			b = append(b, ':')
			b = append(b, raw...)
		}
		b = append(b, '}')
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return append(b, ']'), nil
}

// FormValues returns the form fields that show the answer, to fill a
// form again. It is empty for no answer or an unreadable one.
func (q *Question) FormValues(raw json.RawMessage) map[string][]string {
	out := map[string][]string{}
	v, bad := decodeAnswer(q, raw)
	if bad != nil {
		return out
	}
	switch v.kind {
	case valueNone:
	case valueRows:
		for i, r := range v.rows {
			for j, c := range q.Columns {
				if cv := r.cells[j]; cv.kind != valueNone && (r.bad == nil || r.bad[j] == nil) {
					out[q.Key+"."+strconv.Itoa(i)+"."+c.Key] = []string{formValue(cv)}
				}
			}
		}
	case valueStrings:
		out[q.Key] = slices.Clone(v.list)
	case valueFiles:
		for _, f := range v.files {
			b, err := json.Marshal(f)
			if err == nil {
				out[q.Key] = append(out[q.Key], string(b))
			}
		}
	default:
		out[q.Key] = []string{formValue(v)}
	}
	return out
}

// formValue writes a scalar answer as a form value.
func formValue(v answerValue) string {
	switch v.kind {
	case valueBool:
		if v.b {
			return "oui"
		}
		return "non"
	case valueNumber:
		return strings.Replace(string(appendJSONNumber(nil, v.f)), ".", ",", 1)
	}
	return v.s
}

// message formats one of otherMessages (see translate.go).
func (q *Question) message(key string, params ...string) string {
	pairs := make([]string, 0, 2*len(params))
	for i, p := range params {
		pairs = append(pairs, "{"+strconv.Itoa(i)+"}", p)
	}
	return strings.NewReplacer(pairs...).Replace(otherMessages()[key])
}

// completeURL adds the https:// people leave out (« www.mairie.fr »,
// « data.mairie.fr/jeux »): a word with a dot before any slash, without
// spaces, is a host name. Anything else is left for validation to judge.
func completeURL(s string) string {
	if strings.Contains(s, "://") || strings.ContainsAny(s, " \t@") {
		return s
	}
	host, _, _ := strings.Cut(s, "/")
	if i := strings.LastIndexByte(host, '.'); i <= 0 || i == len(host)-1 {
		return s
	}
	return "https://" + s
}
