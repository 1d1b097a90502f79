package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/adullact/tnl/internal/domain"
)

// statusOf maps tnl's error codes to HTTP statuses: the one place where it is done.
func statusOf(err error) int {
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

// apiErrorBody is the JSON API's error document.
type apiErrorBody struct {
	Error apiErrorDetail `json:"error"`
}

type apiErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	Details []string          `json:"details,omitempty"`
	Current any               `json:"current,omitempty"`
}

// apiError answers a JSON error with the status of its code.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body := apiErrorBody{Error: apiErrorDetail{Code: domain.ErrorCode(err), Message: domain.ErrorMessage(err)}}
	if e := domain.AsError(err); e != nil {
		body.Error.Fields, body.Error.Details = e.Fields, e.Details
		body.Error.Current = conflictView(e.Current)
	}
	writeJSON(w, status, body)
}

// fail answers an error: JSON for the API and for script-style requests, an
// HTML page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if wantsJSON(r) {
		s.apiError(w, r, err)
		return
	}
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var details []string
	if e := domain.AsError(err); e != nil {
		details = e.Details
	}
	s.render(w, r, status, "error", "Erreur", errorPage{Status: status, Message: domain.ErrorMessage(err), Details: details})
}

type errorPage struct {
	Status  int
	Message string
	Details []string
}

func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") ||
		strings.Contains(r.Header.Get("Accept"), "application/json") && !strings.Contains(r.Header.Get("Accept"), "text/html")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v) //nolint:errcheck // the client went away
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, domain.Errorf(domain.ENotFound, "Cette page n’existe pas."))
}
