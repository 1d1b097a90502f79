package ui

import (
	"bytes"
	"net/http"
	"strconv"
)

// handleVisitesGeoJSON serves the GeoJSON feed of the visits and GULLs,
// readable from any site (CORS), so that a uMap loads it.
func (s *Server) handleVisitesGeoJSON(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	if err := s.app.Ambassadeurs.WriteGeoJSON(r.Context(), &b, s.app.Mail.BaseURL()); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/geo+json")
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	w.Write(b.Bytes()) //nolint:errcheck // the client went away
}
