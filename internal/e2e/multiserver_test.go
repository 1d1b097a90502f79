package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/questionnaire"
)

// node is one `tnl serve` of several on the same database.
type node struct {
	base string
	mu   sync.Mutex
	logs strings.Builder
}

func (n *node) log() string { n.mu.Lock(); defer n.mu.Unlock(); return n.logs.String() }

// serveOn starts tnl serve on an existing database, with its scheduler
// ticking fast; it is stopped when the test ends.
func serveOn(t *testing.T, dbURL string) *node {
	t.Helper()
	n := &node{}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, "serve", "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+dbURL, "TNL_LOG_LEVEL=info", "TNL_SCHEDULER_INTERVAL=200ms")
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
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		for sc.Scan() {
			line := sc.Text()
			n.mu.Lock()
			n.logs.WriteString(line + "\n")
			n.mu.Unlock()
			var e struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &e) == nil && e.Msg == "tnl listening" {
				addr <- e.Addr
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	select {
	case a := <-addr:
		n.base = "http://" + a
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("tnl serve did not start:\n%s", n.log())
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
		if t.Failed() {
			t.Logf("logs of %s:\n%s", n.base, n.log())
		}
	})
	return n
}

// person is a browser whose requests may go to any server.
type person struct {
	t       *testing.T
	cookies map[string]string
}

func (p *person) do(n *node, method, path, contentType string, body []byte) (int, string, []byte) {
	p.t.Helper()
	req, err := http.NewRequest(method, n.base+path, bytes.NewReader(body))
	if err != nil {
		p.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	var cs []string
	for k, v := range p.cookies {
		cs = append(cs, k+"="+v)
	}
	req.Header.Set("Cookie", strings.Join(cs, "; "))
	req.Header.Set("X-CSRF-Token", p.cookies["__Host-tnl_csrf"])
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.Value != "" && c.MaxAge >= 0 {
			p.cookies[c.Name] = c.Value
		}
	}
	return resp.StatusCode, resp.Header.Get("Location"), data
}

func (p *person) form(n *node, path string, form url.Values) (int, string, []byte) {
	return p.do(n, http.MethodPost, path, "application/x-www-form-urlencoded", []byte(form.Encode()))
}

// Two tnl serve on one PostgreSQL database: a session opened on one works
// on the other, a change made on one is a conflict on the other, the
// campaign closes once, timed events fire once, every email goes once.
func TestTwoServersOneDatabase(t *testing.T) {
	if _, err := testdb.ServerURL(); err != nil {
		t.Skip(err)
	}
	dbURL := testdb.URL(t, store.Postgres)
	p := &platform{t: t, dbURL: dbURL, logs: &strings.Builder{}}
	p.tnl("migrate")
	openCampaign(p)
	cmd := exec.Command(binary, "user", "add", "--email", "maire@exemple.fr", "--name", "Camille Dupont", "--password-stdin")
	cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+dbURL)
	cmd.Stdin = strings.NewReader("une phrase de passe\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	st, err := store.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	a, b := serveOn(t, dbURL), serveOn(t, dbURL)

	// A session opened on A is valid on B.
	camille := &person{t: t, cookies: map[string]string{}}
	if code, _, _ := camille.do(a, http.MethodGet, "/connexion", "", nil); code != 200 {
		t.Fatalf("sign-in page: %d", code)
	}
	if code, _, _ := camille.form(a, "/connexion", url.Values{"email": {"maire@exemple.fr"}, "password": {"une phrase de passe"}}); code != http.StatusSeeOther {
		t.Fatalf("sign-in on A: %d", code)
	}
	if code, _, page := camille.do(b, http.MethodGet, "/compte", "", nil); code != 200 || !strings.Contains(string(page), "maire@exemple.fr") {
		t.Fatalf("the session of A on B: %d", code)
	}

	// A candidature created on B, its answers saved on both at once.
	coll, err := st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
	if err != nil {
		t.Fatal(err)
	}
	code, loc, _ := camille.form(b, "/candidatures", url.Values{"collectivite": {strconv.FormatInt(coll.ID, 10)}})
	if code != http.StatusSeeOther {
		t.Fatalf("create on B: %d", code)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/candidatures/"), 10, 64)
	if err != nil {
		t.Fatalf("created at %q", loc)
	}
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	answers := demo.SampleAnswers(q, 1)
	// The answers prefilled at creation are saved over the version shown.
	stored, err := st.Answers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	versions := map[string]int{}
	for _, a := range stored {
		versions[a.QuestionKey] = a.Version
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	nodes := []*node{a, b}
	for w := range 2 {
		wg.Go(func() {
			i := 0
			for _, question := range q.Questions() {
				raw, ok := answers[question.Key]
				if !ok || question.Type == questionnaire.TypeFile || candlc.IsAttestation(question) {
					continue
				}
				i++
				if i%2 != w {
					continue
				}
				form := url.Values(question.FormValues(raw))
				form.Set("version", strconv.Itoa(versions[question.Key]))
				if code, _, body := camille.formSafe(nodes[w], fmt.Sprintf("/candidatures/%d/reponses/%s", id, url.PathEscape(question.Key)), form); code != 200 {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%s on %d: %d %s", question.Key, w, code, body))
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("saves: %v", failures)
	}
	upload(t, camille, a, id)

	// Deposited on A at version 1: the same deposit on B is a conflict.
	deposit := url.Values{"elu_name": {"Camille Dupont"}, "elu_mandate": {"Maire"}, "attest": {"oui"}, "version": {"1"}}
	if code, loc, body := camille.form(a, fmt.Sprintf("/candidatures/%d/depot", id), deposit); code != http.StatusSeeOther || !strings.Contains(loc, "ok=") {
		t.Fatalf("deposit on A: %d %s %s", code, loc, body)
	}
	if code, _, body := camille.form(b, fmt.Sprintf("/candidatures/%d/depot", id), deposit); code != http.StatusConflict || !strings.Contains(string(body), "modifié ce dossier en même temps") {
		t.Fatalf("the same deposit on B: %d, want 409 (a conflict)", code)
	}

	// People sign up on one server or the other: a verification email each.
	for i := range 4 {
		visitor := &person{t: t, cookies: map[string]string{}}
		n := nodes[i%2]
		visitor.do(n, http.MethodGet, "/inscription", "", nil)
		if code, _, body := visitor.form(n, "/inscription", url.Values{"name": {fmt.Sprintf("Personne %d", i)},
			"email": {fmt.Sprintf("personne%d@exemple.fr", i)}, "password": {"une phrase de passe"}}); code != http.StatusSeeOther {
			t.Fatalf("sign-up %d: %d %s", i, code, body)
		}
	}

	// The deadline passes: both schedulers see it, the campaign closes once.
	if _, err := st.DB().NewRaw("UPDATE campaigns SET closes_at = ?", st.Now().Add(time.Second)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		cp, err := st.CampaignByYear(ctx, time.Now().Year())
		if err != nil {
			t.Fatal(err)
		}
		if cp.State == domain.CampagneClose {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the campaign did not close: %s", cp.State)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // several more ticks of both schedulers
	var closes int
	if err := st.DB().NewRaw("SELECT count(*) FROM audit_events WHERE subject_type = 'campagne' AND event = 'clore'").Scan(ctx, &closes); err != nil {
		t.Fatal(err)
	}
	fired := strings.Count(a.log(), `"scheduler: timed event fired"`) + strings.Count(b.log(), `"scheduler: timed event fired"`)
	if closes != 1 || fired != 1 {
		t.Errorf("campaign closed %d times in the audit, timed events fired %d times in the logs; want 1 and 1", closes, fired)
	}

	// Every message is sent, once, by one server or the other.
	for {
		var pending int
		if err := st.DB().NewRaw("SELECT count(*) FROM outbox WHERE sent_at IS NULL").Scan(ctx, &pending); err != nil {
			t.Fatal(err)
		}
		if pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages still pending", pending)
		}
		time.Sleep(100 * time.Millisecond)
	}
	var rows []int64
	if err := st.DB().NewRaw("SELECT id FROM outbox ORDER BY id").Scan(ctx, &rows); err != nil {
		t.Fatal(err)
	}
	sent := map[int64]int{}
	byNode := [2]int{}
	for i, n := range nodes {
		for _, line := range strings.Split(n.log(), "\n") {
			var e struct {
				Msg string
				ID  int64
			}
			if json.Unmarshal([]byte(line), &e) == nil && e.Msg == "notify: email sent" {
				sent[e.ID]++
				byNode[i]++
			}
		}
	}
	if len(rows) < 5 {
		t.Fatalf("only %d messages (4 verifications and the receipt expected)", len(rows))
	}
	for _, id := range rows {
		if sent[id] != 1 {
			t.Errorf("message %d sent %d times", id, sent[id])
		}
	}
	if rep, err := st.VerifyAudit(ctx); err != nil || !rep.OK() {
		t.Errorf("audit: %+v %v", rep, err)
	}
	t.Logf("%d messages: %d sent by A, %d by B", len(rows), byNode[0], byNode[1])
}

// formSafe is form for goroutines: it reports instead of failing.
func (p *person) formSafe(n *node, path string, form url.Values) (int, string, []byte) {
	req, err := http.NewRequest(http.MethodPost, n.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, "", []byte(err.Error())
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", "tnl_session="+p.cookies["tnl_session"]+"; __Host-tnl_csrf="+p.cookies["__Host-tnl_csrf"])
	req.Header.Set("X-CSRF-Token", p.cookies["__Host-tnl_csrf"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", []byte(err.Error())
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, "", data
}

// upload attaches the deliberation the deposit needs.
func upload(t *testing.T, p *person, n *node, id int64) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("question", "strategie.deliberation_preuve")
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="fichier"; filename="deliberation.pdf"`)
	h.Set("Content-Type", "application/pdf")
	part, _ := w.CreatePart(h)
	part.Write(demo.SamplePDF())
	w.Close()
	if code, _, body := p.do(n, http.MethodPost, fmt.Sprintf("/candidatures/%d/pieces", id), w.FormDataContentType(), buf.Bytes()); code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", code, body)
	}
}
