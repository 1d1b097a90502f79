package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// binary is the tnl binary built once for the package.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tnl-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "tnl")
	build := exec.Command("go", "build", "-race", "-o", binary, "github.com/adullact/tnl/cmd/tnl")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building tnl:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// platform is a running "tnl serve" process.
type platform struct {
	t       testing.TB
	dbURL   string
	BaseURL string
	store   *store.Store
	logs    *strings.Builder
}

// tnl runs a tnl subcommand against the platform's database.
func (p *platform) tnl(args ...string) string {
	p.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+p.dbURL)
	out, err := cmd.CombinedOutput()
	if err != nil {
		p.t.Fatalf("tnl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// start prepares a fresh database of the dialect and starts tnl serve on
// port 0; the process is stopped when the test ends.
func start(t testing.TB, dialect string, prepare func(p *platform)) *platform {
	t.Helper()
	p := &platform{t: t, dbURL: testdb.URL(t, dialect), logs: &strings.Builder{}}
	if prepare != nil {
		p.tnl("migrate")
		prepare(p)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, "serve", "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+p.dbURL, "TNL_LOG_LEVEL=info")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			p.logs.WriteString(line + "\n")
			var entry struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "tnl listening" {
				addr <- entry.Addr
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	select {
	case a := <-addr:
		p.BaseURL = "http://" + a
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("tnl serve did not start:\n%s", p.logs)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
		if t.Failed() {
			t.Logf("server logs:\n%s", p.logs)
		}
	})
	st, err := store.Open(context.Background(), p.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p.store = st
	return p
}

// openCampaign imports territories and opens a campaign of the current year
// from yesterday to next month.
func openCampaign(p *platform) {
	p.tnl("territoires", "import", "../territoires/testdata/v1")
	now := time.Now()
	p.tnl("campaign", "create", "--year", fmt.Sprint(now.Year()),
		"--opens", now.AddDate(0, 0, -1).Format("2006-01-02"), "--closes", now.AddDate(0, 1, 0).Format("2006-01-02"))
	p.tnl("campaign", "open", fmt.Sprint(now.Year()))
}

// lastMessage returns the newest outbox message to an address whose body
// contains a path prefix, and that path with its token.
func (p *platform) lastLink(to, prefix string) string {
	p.t.Helper()
	msgs, _, err := p.store.OutboxMessages(context.Background(), store.OutboxFilter{Limit: 200})
	if err != nil {
		p.t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Recipient != to {
			continue
		}
		if i := strings.Index(m.Body, prefix); i >= 0 {
			rest := m.Body[i:]
			if j := strings.IndexAny(rest, " \n"); j >= 0 {
				rest = rest[:j]
			}
			return rest
		}
	}
	p.t.Fatalf("no message to %s with a link %s…", to, prefix)
	return ""
}

// waitSent waits until the outbox worker has delivered a message of a kind
// to an address, with an attachment reference starting with attachment.
func (p *platform) waitSent(to, kind, attachment string) {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		msgs, _, err := p.store.OutboxMessages(context.Background(), store.OutboxFilter{Limit: 200})
		if err != nil {
			p.t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Recipient == to && m.Kind == kind && strings.HasPrefix(m.Attachment, attachment) {
				if m.SentAt != nil {
					return
				}
				if m.LastError != "" {
					p.t.Fatalf("message %s to %s failed: %s", kind, to, m.LastError)
				}
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	p.t.Fatalf("message %s to %s not sent within 30 s", kind, to)
}
