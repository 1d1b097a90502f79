package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// startDebug serves net/http/pprof and the store's counters (/debug/store)
// on their own listener, apart from the route table. It is opt-in
// (Config.DebugAddr, TNL_PPROF_ADDR) and refuses any address but a loopback
// one: profiles reveal the program's internals.
func (m *Main) startDebug(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("adresse de profilage %q invalide : %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("adresse de profilage %q refusée : seule une adresse de bouclage est permise (par exemple 127.0.0.1:6060)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("écoute du profilage sur %s impossible : %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("GET /debug/store", m.handleStoreStats)
	// No write timeout: a CPU profile streams for as long as it is asked.
	m.debug = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	m.debugAddr = ln.Addr().String()
	go m.debug.Serve(ln) //nolint:errcheck // ends with ErrServerClosed
	m.logger.Info("pprof listening", "addr", m.debugAddr)
	return nil
}

func (m *Main) handleStoreStats(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(m.store.Stats()) //nolint:errcheck // the client went away
}

func (m *Main) closeDebug(ctx context.Context) error {
	if m.debug == nil {
		return nil
	}
	return m.debug.Shutdown(ctx)
}
