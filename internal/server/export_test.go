package server

import (
	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/store"
)

// What the external tests read of a running server.

// DebugAddr returns the address of the profiling listener, or "" when off.
func (m *Main) DebugAddr() string { return m.debugAddr }

// Store returns the server's store.
func (m *Main) Store() *store.Store { return m.store }

// App returns the server's services.
func (m *Main) App() *app.App { return m.app }
