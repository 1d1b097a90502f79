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
	a, err := app.New(st, app.Config{BaseURL: BaseURL})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
