package store

import "encoding/json"

// jsonText encodes v for a text column holding JSON.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}
