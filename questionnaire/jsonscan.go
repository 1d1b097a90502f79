package questionnaire

// A small JSON scanner that splits arrays and objects into their raw
// elements without reflection: group and multichoice answers are decoded
// on every validation, and encoding/json was most of its cost.

// maxJSONDepth bounds the nesting of answers.
const maxJSONDepth = 32

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// scanValue returns the index just after the JSON value starting at b[i],
// or -1 when it is not valid JSON.
func scanValue(b []byte, i, depth int) int {
	if i >= len(b) || depth > maxJSONDepth {
		return -1
	}
	switch c := b[i]; {
	case c == '"':
		return scanString(b, i)
	case c == '[':
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == ']' {
			return i + 1
		}
		for {
			if i = scanValue(b, i, depth+1); i < 0 {
				return -1
			}
			i = skipSpace(b, i)
			switch {
			case i >= len(b):
				return -1
			case b[i] == ']':
				return i + 1
			case b[i] != ',':
				return -1
			}
			i = skipSpace(b, i+1)
		}
	case c == '{':
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == '}' {
			return i + 1
		}
		for {
			if i >= len(b) || b[i] != '"' {
				return -1
			}
			if i = scanString(b, i); i < 0 {
				return -1
			}
			if i = skipSpace(b, i); i >= len(b) || b[i] != ':' {
				return -1
			}
			if i = scanValue(b, skipSpace(b, i+1), depth+1); i < 0 {
				return -1
			}
			i = skipSpace(b, i)
			switch {
			case i >= len(b):
				return -1
			case b[i] == '}':
				return i + 1
			case b[i] != ',':
				return -1
			}
			i = skipSpace(b, i+1)
		}
	case c == '-' || '0' <= c && c <= '9':
		return scanNumber(b, i)
	case c == 't':
		return scanLiteral(b, i, "true")
	case c == 'f':
		return scanLiteral(b, i, "false")
	case c == 'n':
		return scanLiteral(b, i, "null")
	}
	return -1
}

func scanLiteral(b []byte, i int, lit string) int {
	if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit {
		return i + len(lit)
	}
	return -1
}

// scanString returns the index just after the string starting at b[i].
func scanString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i + 1
		case c < 0x20:
			return -1
		case c == '\\':
			i++
			if i >= len(b) {
				return -1
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(b)-i < 5 {
					return -1
				}
				for _, h := range b[i+1 : i+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return -1
					}
				}
				i += 4
			default:
				return -1
			}
		}
	}
	return -1
}

// scanNumber returns the index just after the number starting at b[i].
func scanNumber(b []byte, i int) int {
	digits := func() int {
		start := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i - start
	}
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return -1
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return -1
		}
	}
	return i
}

// splitArray returns the raw elements of a JSON array.
func splitArray(b []byte) ([][]byte, bool) {
	b = trimJSON(b)
	if len(b) == 0 || b[0] != '[' || scanValue(b, 0, 0) != len(b) {
		return nil, false
	}
	var out [][]byte
	i := skipSpace(b, 1)
	for i < len(b) && b[i] != ']' {
		end := scanValue(b, i, 1)
		out = append(out, b[i:end])
		i = skipSpace(b, end)
		if b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return out, true
}

// objectFields calls fn with the raw key (quoted) and raw value of each
// field of a JSON object.
func objectFields(b []byte, fn func(key, val []byte)) bool {
	b = trimJSON(b)
	if len(b) == 0 || b[0] != '{' || scanValue(b, 0, 0) != len(b) {
		return false
	}
	i := skipSpace(b, 1)
	for i < len(b) && b[i] != '}' {
		kend := scanString(b, i)
		key := b[i:kend]
		i = skipSpace(b, skipSpace(b, kend)+1)
		vend := scanValue(b, i, 1)
		fn(key, b[i:vend])
		i = skipSpace(b, vend)
		if b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return true
}
