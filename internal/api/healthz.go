package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

type healthStatus struct {
	Status   string         `json:"status"`
	Database databaseHealth `json:"database"`
}

type databaseHealth struct {
	Dialect string `json:"dialect"`
	Status  string `json:"status"`
	Error   string `json:"error,omitempty"`
}

// healthz reports whether the server and its database answer.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	st := s.app.Store
	h := healthStatus{Status: "ok", Database: databaseHealth{Dialect: st.Dialect(), Status: "ok"}}
	code := http.StatusOK
	if err := st.Ping(ctx); err != nil {
		s.web.Logger().Warn("health check: database unreachable", "err", err)
		h.Status, h.Database.Status, h.Database.Error = "degraded", "unreachable", "base de données injoignable"
		code = http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(h) //nolint:errcheck // the client went away
}
