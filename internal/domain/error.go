// Package domain holds tnl's plain model types and its single error type.
//
// Every layer returns *Error values with a Code so that the web layer can map
// them to HTTP statuses in one place and the CLI can print their French message.
package domain

import (
	"errors"
	"fmt"
)

// Error codes, mapped to HTTP statuses by the web layer.
const (
	EInvalid       = "invalid"       // malformed input (400)
	EUnauthorized  = "unauthorized"  // not signed in (401)
	EForbidden     = "forbidden"     // signed in but not allowed (403)
	ENotFound      = "not_found"     // no such thing (404)
	EConflict      = "conflict"      // concurrent change or duplicate (409)
	ETooLarge      = "too_large"     // payload over a limit (413)
	EUnprocessable = "unprocessable" // well-formed but refused by a rule (422)
	EInternal      = "internal"      // anything else (500)
)

// Error is tnl's application error. Message is French and safe to show to users.
type Error struct {
	Code    string
	Message string
	// Fields maps a field (question key, form field, JSON member) to its French message.
	Fields map[string]string
	// Details carries extra explanations, e.g. every blocker of a refused transition.
	Details []string
	// Current carries the value that won a conflict, to show the loser.
	Current any
	// Err is the underlying cause, for logs; never shown to users.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted French message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for
// any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the French message of the first *Error in err's chain,
// or a generic message that leaks nothing for other errors.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Une erreur interne est survenue. Réessayez dans un instant ; si elle persiste, contactez l’équipe ADULLACT."
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
