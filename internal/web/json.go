package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/domain"
)

// WriteJSON answers a JSON document.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v) //nolint:errcheck // the client went away
}

// DecodeJSON reads exactly one JSON object into v, refusing unknown fields,
// with French errors that name the problem.
func DecodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return domain.Errorf(domain.EInvalid, "Envoyez du JSON (Content-Type: application/json), pas « %s ».", ct)
	}
	body, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return domain.Errorf(domain.ETooLarge, "Corps de requête trop volumineux (1 Mo au plus).")
	} else if err != nil {
		return domain.Errorf(domain.EInvalid, "Corps de requête illisible.")
	}
	// Go would store invalid UTF-8 as U+FFFD, the database refuses NUL:
	// both are refused here.
	if !utf8.Valid(body) {
		return domain.Errorf(domain.EUnprocessable, "Le JSON envoyé n’est pas un texte UTF-8 valide.")
	}
	if hasNULEscape(body) {
		return domain.Errorf(domain.EUnprocessable, "Le JSON envoyé contient un caractère nul (\\u0000) : retirez-le.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.As(err, &tooBig):
		return domain.Errorf(domain.ETooLarge, "Corps de requête trop volumineux (1 Mo au plus).")
	case errors.Is(err, io.EOF):
		return domain.Errorf(domain.EInvalid, "Corps de requête vide : un objet JSON est attendu.")
	case errors.As(err, &syntax):
		return domain.Errorf(domain.EInvalid, "JSON invalide à l’octet %d : vérifiez les guillemets, virgules et accolades.", syntax.Offset)
	case errors.As(err, &typ):
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("Le champ « %s » doit être de type %s.", typ.Field, jsonType(typ.Type.Kind().String())),
			Fields: map[string]string{typ.Field: "Type attendu : " + jsonType(typ.Type.Kind().String()) + "."}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &domain.Error{Code: domain.EInvalid, Message: fmt.Sprintf("Champ inconnu : « %s ».", field), Fields: map[string]string{field: "Champ inconnu."}}
	default:
		return domain.Errorf(domain.EInvalid, "JSON illisible : un seul objet JSON complet est attendu.")
	}
	if dec.More() {
		return domain.Errorf(domain.EInvalid, "Un seul objet JSON est attendu.")
	}
	return nil
}

// hasNULEscape tells whether a JSON text holds the escape \u0000 (a
// backslash not itself escaped, then u0000).
func hasNULEscape(b []byte) bool {
	for i := 0; i+6 <= len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if bytes.EqualFold(b[i+1:i+6], []byte("u0000")) {
			return true
		}
		i++ // skip the escaped character
	}
	return false
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "texte"
	case "int", "int64", "float64":
		return "nombre"
	case "bool":
		return "booléen"
	case "slice":
		return "liste"
	case "ptr", "struct", "map":
		return "objet"
	}
	return kind
}

// Time formats an instant for JSON: RFC 3339 in UTC.
func Time(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// TimePtr is Time for an optional instant.
func TimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := Time(*t)
	return &s
}
