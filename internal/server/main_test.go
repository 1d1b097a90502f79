package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/store"
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

// Without TNL_BASE_URL, the links of the demo's emails lead to the address
// the server listens on, not to a fixed port.
func TestDemoLinksUseTheListeningAddress(t *testing.T) {
	t.Parallel()
	m := server.New(server.Config{DatabaseURL: testdb.URL(t, "sqlite"), Addr: "127.0.0.1:0", Demo: true}, slog.New(slog.DiscardHandler))
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	// Ask for a password reset as a browser would: the form, its token and
	// cookie, then the address.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Get("http://" + m.Addr() + "/mot-de-passe-oublie")
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	token := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(form)
	if token == nil {
		t.Fatal("no CSRF token in the form")
	}
	resp, err = client.PostForm("http://"+m.Addr()+"/mot-de-passe-oublie", url.Values{"csrf": {string(token[1])}, "email": {"maire@exemple.fr"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	msgs, _, err := m.Store().OutboxMessages(context.Background(), store.OutboxFilter{Status: store.OutboxAll, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	want := "http://" + m.Addr() + "/"
	links := 0
	for _, msg := range msgs {
		if strings.Contains(msg.Body, "http://localhost:8080") {
			t.Fatalf("message %q links to localhost:8080 while the server listens on %s", msg.Subject, m.Addr())
		}
		links += strings.Count(msg.Body, want)
	}
	if links == 0 {
		t.Fatalf("none of the demo's %d messages links to %s", len(msgs), want)
	}
}
