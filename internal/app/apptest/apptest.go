// Package apptest wires the platform for tests.
package apptest

import (
	"testing"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/store"
)

// BaseURL is the public address of the platform in tests.
const BaseURL = "https://tnl.test"

// New wires the platform on st, or fails the test.
func New(t testing.TB, st *store.Store) *app.App {
	t.Helper()
	return NewWith(t, st, app.Config{})
}

// NewWith wires the platform on st with cfg (its BaseURL defaults to
// BaseURL), or fails the test.
func NewWith(t testing.TB, st *store.Store, cfg app.Config) *app.App {
	t.Helper()
	if cfg.BaseURL == "" {
		cfg.BaseURL = BaseURL
	}
	a, err := app.New(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
