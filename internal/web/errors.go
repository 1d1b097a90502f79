package web

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/adullact/tnl/internal/domain"
)

// StatusOf maps tnl's error codes to HTTP statuses: the one place where it
// is done.
func StatusOf(err error) int {
	switch domain.ErrorCode(err) {
	case domain.EInvalid:
		return http.StatusBadRequest
	case domain.EUnauthorized:
		return http.StatusUnauthorized
	case domain.EForbidden:
		return http.StatusForbidden
	case domain.ENotFound:
		return http.StatusNotFound
	case domain.EConflict:
		return http.StatusConflict
	case domain.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case domain.EUnprocessable:
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON error document of the API and of the pages' scripts.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the content of an ErrorBody.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	Details []string          `json:"details,omitempty"`
	Current any               `json:"current,omitempty"`
}

// WriteError answers a JSON error with the status of its code; errors
// that are not the user's are logged, never shown.
func WriteError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	status := StatusOf(err)
	if status == http.StatusInternalServerError {
		logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body := ErrorBody{Error: ErrorDetail{Code: domain.ErrorCode(err), Message: domain.ErrorMessage(err)}}
	if e := domain.AsError(err); e != nil {
		body.Error.Fields, body.Error.Details = e.Fields, e.Details
		body.Error.Current = ConflictJSON(e.Current)
	}
	WriteJSON(w, status, body)
}

// WantsJSON reports whether the request expects a JSON answer: the API,
// and the pages' scripts that ask for it.
func WantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") ||
		strings.Contains(r.Header.Get("Accept"), "application/json") && !strings.Contains(r.Header.Get("Accept"), "text/html")
}

// ConflictJSON is the JSON form of the value that won a conflict, for the
// API and the autosave script; nil for anything else.
func ConflictJSON(current any) any {
	c, ok := current.(*domain.AnswerConflict)
	if !ok || c == nil {
		return nil
	}
	out := map[string]any{"value": nil}
	if c.Answer != nil {
		out["value"] = c.Answer.Value
		out["version"] = c.Answer.Version
		out["updated_at"] = c.Answer.UpdatedAt
	}
	if c.UpdatedBy != nil {
		out["updated_by"] = c.UpdatedBy.Name
	}
	return out
}
