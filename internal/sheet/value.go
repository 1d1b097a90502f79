package sheet

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/cleantext"
)

// maxExactInteger is the largest integer a spreadsheet's float64 cell keeps
// exactly (2^53).
const maxExactInteger = 1 << 53

// cell is a value normalised to its column's type.
type cell struct {
	typ  Type
	null bool
	s    string    // String: cleaned, not yet neutralised
	i    int64     // Integer
	f    float64   // Number
	t    time.Time // Date: midnight UTC of the civil date
	b    bool      // Boolean
}

var errNotFinite = errors.New("not a finite number")

// normalise checks v against the column's type and returns it in canonical
// form. Strings are cleaned (see cleantext.Clean).
func normalise(c *Column, v any) (cell, error) {
	n := cell{typ: c.Type}
	if v == nil {
		n.null = true
		return n, nil
	}
	switch c.Type {
	case String:
		s, ok := v.(string)
		if !ok {
			return n, typeError(c.Type, v)
		}
		cs, err := cleantext.Clean(s)
		if err != nil {
			return n, err
		}
		n.s = cs
		n.null = cs == ""
	case Integer:
		i, ok, err := asInt(v)
		if err != nil {
			return n, err
		}
		if !ok {
			return n, typeError(c.Type, v)
		}
		n.i = i
	case Number:
		switch x := v.(type) {
		case float64:
			n.f = x
		case float32:
			n.f = float64(x)
		default:
			i, ok, err := asInt(v)
			if err != nil {
				return n, err
			}
			if !ok {
				return n, typeError(c.Type, v)
			}
			n.f = float64(i)
		}
		if math.IsNaN(n.f) || math.IsInf(n.f, 0) {
			return n, errNotFinite
		}
	case Date:
		t, ok := v.(time.Time)
		if !ok {
			return n, typeError(c.Type, v)
		}
		y, m, d := t.Date()
		if y < 1 || y > 9999 {
			return n, fmt.Errorf("year %d is outside 1 to 9999", y)
		}
		n.t = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case Boolean:
		b, ok := v.(bool)
		if !ok {
			return n, typeError(c.Type, v)
		}
		n.b = b
	}
	return n, nil
}

func typeError(t Type, v any) error {
	return fmt.Errorf("%T value in a column of type %s", v, t)
}

// asInt returns v as an int64 when it is of an integer type; an error when
// it is one but out of the exact range of a spreadsheet cell.
func asInt(v any) (int64, bool, error) {
	var i int64
	switch x := v.(type) {
	case int:
		i = int64(x)
	case int8:
		i = int64(x)
	case int16:
		i = int64(x)
	case int32:
		i = int64(x)
	case int64:
		i = x
	case uint8:
		i = int64(x)
	case uint16:
		i = int64(x)
	case uint32:
		i = int64(x)
	case uint:
		if uint64(x) > maxExactInteger {
			return 0, true, fmt.Errorf("%d is beyond ±2^53, which a spreadsheet cannot keep exactly", x)
		}
		i = int64(x)
	case uint64:
		if x > maxExactInteger {
			return 0, true, fmt.Errorf("%d is beyond ±2^53, which a spreadsheet cannot keep exactly", x)
		}
		i = int64(x)
	default:
		return 0, false, nil
	}
	if i > maxExactInteger || i < -maxExactInteger {
		return 0, true, fmt.Errorf("%d is beyond ±2^53, which a spreadsheet cannot keep exactly", i)
	}
	return i, true, nil
}

// lineFeeds turns every line ending into a line feed.
func lineFeeds(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// csv returns the cell as written in the CSV: strings neutralised, then
// with line feeds for line endings (the ODS can only keep lines, not the
// characters that ended them, and both formats must agree),
// integers in decimal, numbers with a point and no exponent, dates as
// YYYY-MM-DD and booleans as true or false (the Table Schema defaults).
func (n cell) csv() string {
	if n.null {
		return ""
	}
	switch n.typ {
	case String:
		s := Neutralise(n.s)
		if strings.ContainsRune(s, '\r') {
			s = lineFeeds(s)
		}
		return s
	case Integer:
		return strconv.FormatInt(n.i, 10)
	case Number:
		return formatNumber(n.f)
	case Date:
		return n.t.Format(time.DateOnly)
	case Boolean:
		return strconv.FormatBool(n.b)
	}
	return ""
}

// display returns the text an ODS cell shows in a French spreadsheet:
// strings as in the CSV, a decimal comma, dates as DD/MM/YYYY, booleans
// as VRAI or FAUX (what LibreOffice shows in French).
func (n cell) display() string {
	if n.null {
		return ""
	}
	switch n.typ {
	case Number:
		return strings.Replace(formatNumber(n.f), ".", ",", 1)
	case Date:
		return n.t.Format("02/01/2006")
	case Boolean:
		if n.b {
			return "VRAI"
		}
		return "FAUX"
	}
	return n.csv()
}

func formatNumber(f float64) string {
	if f == 0 {
		return "0" // and not "-0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// jsonValue returns the cell's logical value as Table Schema writes it in
// JSON (enum, example): strings, numbers, booleans, and dates as strings.
func (n cell) jsonValue() any {
	switch n.typ {
	case String:
		return n.s
	case Integer:
		return n.i
	case Number:
		return n.f
	case Date:
		return n.t.Format(time.DateOnly)
	case Boolean:
		return n.b
	}
	return nil
}

// Neutralise returns s prefixed with a single quote when a spreadsheet
// would take it for a formula: when it starts with =, +, -, @, a tab or a
// carriage return (OWASP's CSV injection advice). Other strings are
// returned as they are. The writers apply it to every string cell; typed
// numbers are never prefixed.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
