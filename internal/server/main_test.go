package server_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/testdb"
)

func TestHealthz(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		m := server.New(server.Config{DatabaseURL: testdb.URL(t, dialect), Addr: "127.0.0.1:0"}, slog.New(slog.DiscardHandler))
		if err := m.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		resp, err := http.Get("http://" + m.Addr() + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Status   string
			Database struct{ Dialect, Status string }
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 || body.Status != "ok" || body.Database.Dialect != dialect || body.Database.Status != "ok" {
			t.Errorf("healthz: %d %+v", resp.StatusCode, body)
		}
		// The database goes away: the server says so.
		m.Store().Close()
		resp2, err := http.Get("http://" + m.Addr() + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp2.Body.Close()
		if resp2.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("healthz with a closed database: %d, want 503", resp2.StatusCode)
		}
	})
}
