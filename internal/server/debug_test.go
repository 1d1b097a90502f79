package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// Profiling is off unless asked for: the application does not serve it.
func TestDebugListenerOffByDefault(t *testing.T) {
	t.Parallel()
	m := server.New(server.Config{DatabaseURL: testdb.URL(t, "sqlite"), Addr: "127.0.0.1:0"}, slog.New(slog.DiscardHandler))
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.DebugAddr() != "" {
		t.Errorf("debug listener on without being asked: %s", m.DebugAddr())
	}
	for _, path := range []string{"/debug/pprof/", "/debug/store"} {
		resp, err := http.Get("http://" + m.Addr() + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s on the application: %d, want 404", path, resp.StatusCode)
		}
	}
}

// With DebugAddr, pprof and the store's counters are served on their own
// loopback listener.
func TestDebugListener(t *testing.T) {
	t.Parallel()
	m := server.New(server.Config{DatabaseURL: testdb.URL(t, "sqlite"), Addr: "127.0.0.1:0", DebugAddr: "127.0.0.1:0"}, slog.New(slog.DiscardHandler))
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.DebugAddr() == "" || m.DebugAddr() == m.Addr() {
		t.Fatalf("debug address %q (application on %q)", m.DebugAddr(), m.Addr())
	}
	resp, err := http.Get("http://" + m.DebugAddr() + "/debug/pprof/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "goroutine") {
		t.Errorf("pprof index: %d", resp.StatusCode)
	}
	resp, err = http.Get("http://" + m.DebugAddr() + "/debug/store")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var stats store.Stats
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatal(err)
	}
	if stats.Queries == 0 || stats.MaxOpen == 0 {
		t.Errorf("store stats after migrating: %+v", stats)
	}
}

// Only a loopback address is accepted.
func TestDebugListenerLoopbackOnly(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:6060"} {
		m := server.New(server.Config{DatabaseURL: testdb.URL(t, "sqlite"), Addr: "127.0.0.1:0", DebugAddr: addr}, slog.New(slog.DiscardHandler))
		err := m.Open(context.Background())
		if err == nil {
			m.Close()
			t.Errorf("DebugAddr %q accepted", addr)
			continue
		}
		if !strings.Contains(err.Error(), "bouclage") {
			t.Errorf("DebugAddr %q: %v", addr, err)
		}
	}
}
