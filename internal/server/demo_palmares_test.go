package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/testdb"
)

// The demonstration shows a palmarès on its first start, and only once.
func TestDemoPalmares(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t, "sqlite")
	for i := range 2 {
		m := server.New(server.Config{DatabaseURL: url, Addr: "127.0.0.1:0", Demo: true}, slog.New(slog.DiscardHandler))
		if err := m.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.DemoInstructions(), "/palmares") {
			t.Errorf("the instructions do not give the palmarès:\n%s", m.DemoInstructions())
		}
		resp, err := http.Get("http://" + m.Addr() + "/palmares")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(b)
		if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Palmarès 2025") || !strings.Contains(page, "Bourg-en-Bresse") || !strings.Contains(page, "Or") {
			t.Errorf("start %d: /palmares %d\n%s", i+1, resp.StatusCode, page)
		}
		if n := strings.Count(page, `href="/collectivites/01053"`); n != 1 {
			t.Errorf("start %d: Bourg-en-Bresse listed %d times", i+1, n)
		}
		home, err := http.Get("http://" + m.Addr() + "/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ = io.ReadAll(home.Body)
		home.Body.Close()
		if !strings.Contains(string(b), "Voir le palmarès 2025") {
			t.Error("the home page does not show the latest palmarès")
		}
		m.Close()
	}
}
