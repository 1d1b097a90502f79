package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/mail"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

const testBaseURL = "https://label.example.org"

// testClock is a settable clock for store.WithClock.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	return testdb.Open(t, store.SQLite)
}

// recorder is a Sender that counts what it is given and fails on demand.
type recorder struct {
	mu   sync.Mutex
	sent []Message
	// fail returns the error for the n-th call (from 1), or nil.
	fail  func(n int, m Message) error
	calls int
}

func (r *recorder) Send(_ context.Context, m Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.fail != nil {
		if err := r.fail(r.calls, m); err != nil {
			return err
		}
	}
	r.sent = append(r.sent, m)
	return nil
}

func (r *recorder) messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.sent)
}

// newTestWorker returns a worker on a fresh database of dialect, with an
// injected clock and no jitter (backoffs are exact).
func newTestWorker(t *testing.T, dialect string, sender Sender, attach AttachmentFunc) (*Worker, *store.Store, *testClock) {
	t.Helper()
	clk := &testClock{now: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)}
	st := testdb.Open(t, dialect, store.WithClock(clk.Now))
	w, err := New(st, Config{Mail: testMail(), Sender: sender}, nil, attach)
	if err != nil {
		t.Fatal(err)
	}
	w.jitter = func() float64 { return 0.5 }
	return w, st, clk
}

func enqueueMessages(t *testing.T, st *store.Store, msgs ...*domain.OutboxMessage) {
	t.Helper()
	ctx := context.Background()
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.Enqueue(ctx, msgs...) }); err != nil {
		t.Fatal(err)
	}
}

func plain(to string) *domain.OutboxMessage {
	return &domain.OutboxMessage{Kind: "test", Recipient: to, Subject: "Sujet é", Body: "Corps é"}
}

func outboxRow(t *testing.T, st *store.Store, id int64) *domain.OutboxMessage {
	t.Helper()
	m := new(domain.OutboxMessage)
	if err := st.DB().NewSelect().Model(m).Where("id = ?", id).Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	return m
}

func deliver(t *testing.T, w *Worker, wantSent, wantFailed int) {
	t.Helper()
	sent, failed, err := w.DeliverOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sent != wantSent || failed != wantFailed {
		t.Fatalf("DeliverOnce = %d sent, %d failed; want %d, %d", sent, failed, wantSent, wantFailed)
	}
}

func TestWorker(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		t.Run("retry with backoff then success", func(t *testing.T) { testRetryBackoff(t, dialect) })
		t.Run("give up after the last attempt", func(t *testing.T) { testGiveUpAfterMax(t, dialect) })
		t.Run("permanent error gives up at once", func(t *testing.T) { testPermanent(t, dialect) })
		t.Run("attachments", func(t *testing.T) { testAttachments(t, dialect) })
		t.Run("two workers deliver each message once", func(t *testing.T) { testTwoWorkers(t, dialect) })
		t.Run("log sender", func(t *testing.T) { testLogSender(t, dialect) })
		t.Run("run until cancelled", func(t *testing.T) { testRun(t, dialect) })
	})
}

func testRetryBackoff(t *testing.T, dialect string) {
	rec := &recorder{fail: func(n int, _ Message) error {
		if n <= 3 {
			return fmt.Errorf("421 4.3.2 service indisponible (essai %d)", n)
		}
		return nil
	}}
	w, st, clk := newTestWorker(t, dialect, rec, nil)
	m := plain("maire@example.fr")
	enqueueMessages(t, st, m)

	for i, wait := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		deliver(t, w, 0, 1)
		row := outboxRow(t, st, m.ID)
		if row.Attempts != i+1 || row.LockedUntil != nil || !row.NextAttemptAt.Equal(clk.Now().Add(wait)) ||
			row.LastError != fmt.Sprintf("421 4.3.2 service indisponible (essai %d)", i+1) {
			t.Fatalf("after failure %d: attempts %d, locked %v, next in %v, error %q",
				i+1, row.Attempts, row.LockedUntil, row.NextAttemptAt.Sub(clk.Now()), row.LastError)
		}
		deliver(t, w, 0, 0) // not due yet
		clk.Advance(wait - time.Second)
		deliver(t, w, 0, 0) // still not due
		clk.Advance(time.Second)
	}
	deliver(t, w, 1, 0)
	row := outboxRow(t, st, m.ID)
	if row.SentAt == nil || !row.SentAt.Equal(clk.Now()) || row.Attempts != 4 || store.OutboxStatus(row, clk.Now()) != store.OutboxSent {
		t.Errorf("after success: %+v", row)
	}
	if got := rec.messages(); len(got) != 1 || got[0].To != "maire@example.fr" || got[0].Subject != "Sujet é" || got[0].Body != "Corps é" {
		t.Errorf("sender got %+v", got)
	}
	clk.Advance(24 * time.Hour)
	deliver(t, w, 0, 0)
}

func testGiveUpAfterMax(t *testing.T, dialect string) {
	rec := &recorder{fail: func(int, Message) error { return errors.New("connexion refusée") }}
	w, st, clk := newTestWorker(t, dialect, rec, nil)
	m := plain("maire@example.fr")
	enqueueMessages(t, st, m)
	var waits []time.Duration
	for range store.MaxOutboxAttempts {
		deliver(t, w, 0, 1)
		row := outboxRow(t, st, m.ID)
		waits = append(waits, row.NextAttemptAt.Sub(clk.Now()))
		clk.Set(row.NextAttemptAt)
	}
	want := []time.Duration{1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360}
	for i := range want {
		want[i] *= time.Minute
	}
	if !slices.Equal(waits, want[:store.MaxOutboxAttempts]) {
		t.Errorf("waits = %v, want %v", waits, want)
	}
	clk.Advance(24 * time.Hour)
	deliver(t, w, 0, 0)
	row := outboxRow(t, st, m.ID)
	if s := store.OutboxStatus(row, clk.Now()); s != store.OutboxFailed || row.LastError != "connexion refusée" {
		t.Errorf("status %s, last error %q", s, row.LastError)
	}
	if rec.calls != store.MaxOutboxAttempts {
		t.Errorf("%d sends, want %d", rec.calls, store.MaxOutboxAttempts)
	}
}

func testPermanent(t *testing.T, dialect string) {
	rec := &recorder{fail: func(_ int, m Message) error {
		if m.To == "inconnu@example.fr" {
			return Permanent(errors.New("550 5.1.1 destinataire inconnu"))
		}
		return nil
	}}
	w, st, clk := newTestWorker(t, dialect, rec, nil)
	bad, good := plain("inconnu@example.fr"), plain("maire@example.fr")
	enqueueMessages(t, st, bad, good)
	deliver(t, w, 1, 1)
	row := outboxRow(t, st, bad.ID)
	if s := store.OutboxStatus(row, clk.Now()); s != store.OutboxFailed || !strings.Contains(row.LastError, "550 5.1.1") {
		t.Errorf("rejected message: status %s, error %q", s, row.LastError)
	}
	clk.Advance(48 * time.Hour)
	deliver(t, w, 0, 0)
}

func testAttachments(t *testing.T, dialect string) {
	var refs []string
	attach := func(_ context.Context, ref string) (*Attachment, error) {
		refs = append(refs, ref)
		var id int64
		if _, err := fmt.Sscanf(ref, "receipt:%d", &id); err != nil {
			return nil, fmt.Errorf("référence inconnue %q", ref)
		}
		if id == 0 {
			return nil, nil // nothing to attach
		}
		if id == 99 {
			return nil, errors.New("rendu PDF impossible")
		}
		return &Attachment{Name: fmt.Sprintf("accusé-%d.pdf", id), ContentType: "application/pdf", Data: []byte(fmt.Sprintf("%%PDF receipt %d", id))}, nil
	}
	rec := &recorder{}
	w, st, clk := newTestWorker(t, dialect, rec, attach)
	withRef := func(to, ref string) *domain.OutboxMessage {
		m := plain(to)
		m.Attachment = ref
		return m
	}
	msgs := []*domain.OutboxMessage{
		withRef("a@example.fr", "receipt:42"),
		withRef("b@example.fr", ""),
		withRef("c@example.fr", "receipt:0"),
		withRef("d@example.fr", "receipt:99"),
	}
	enqueueMessages(t, st, msgs...)
	deliver(t, w, 3, 1)
	if want := []string{"receipt:42", "receipt:0", "receipt:99"}; !slices.Equal(refs, want) {
		t.Errorf("attachment refs = %v, want %v", refs, want)
	}
	got := map[string]Message{}
	for _, m := range rec.messages() {
		got[m.To] = m
	}
	if a := got["a@example.fr"].Attachments; len(a) != 1 || a[0].Name != "accusé-42.pdf" || a[0].ContentType != "application/pdf" || string(a[0].Data) != "%PDF receipt 42" {
		t.Errorf("attachments of a = %+v", a)
	}
	for _, to := range []string{"b@example.fr", "c@example.fr"} {
		if m, ok := got[to]; !ok || len(m.Attachments) != 0 {
			t.Errorf("%s: sent %v, attachments %+v", to, ok, m.Attachments)
		}
	}
	row := outboxRow(t, st, msgs[3].ID)
	if row.SentAt != nil || !strings.Contains(row.LastError, "pièce jointe « receipt:99 » : rendu PDF impossible") || !row.NextAttemptAt.Equal(clk.Now().Add(time.Minute)) {
		t.Errorf("failed attachment: %+v", row)
	}

	// Without an AttachmentFunc the reference is ignored.
	w.attach = nil
	rec2 := &recorder{}
	w.sender = rec2
	enqueueMessages(t, st, withRef("e@example.fr", "receipt:7"))
	deliver(t, w, 1, 0)
	if m := rec2.messages(); len(m) != 1 || m[0].To != "e@example.fr" || len(m[0].Attachments) != 0 {
		t.Errorf("without attach func: %+v", m)
	}
}

// testTwoWorkers runs two workers, each with its own database handle as in
// two server processes, on the same outbox: every message reaches the
// sender exactly once.
func testTwoWorkers(t *testing.T, dialect string) {
	ctx := context.Background()
	url := testdb.URL(t, dialect)
	rec := &recorder{}
	var workers []*Worker
	var handles []*store.Store
	for range 2 {
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		w, err := New(st, Config{Mail: testMail(), Sender: rec}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		workers = append(workers, w)
		handles = append(handles, st)
	}
	const n = 75
	var msgs []*domain.OutboxMessage
	for i := range n {
		msgs = append(msgs, plain(fmt.Sprintf("elu%02d@example.fr", i)))
	}
	enqueueMessages(t, handles[0], msgs...)

	var wg sync.WaitGroup
	var mu sync.Mutex
	var totalSent int
	errs := make(chan error, 4)
	for i := range 4 { // two goroutines per worker
		wg.Go(func() {
			w := workers[i%2]
			for {
				sent, failed, err := w.DeliverOnce(ctx)
				if err != nil || failed != 0 {
					errs <- fmt.Errorf("worker %d: %d failed, %v", i, failed, err)
					return
				}
				if sent == 0 {
					return
				}
				mu.Lock()
				totalSent += sent
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	count := map[string]int{}
	for _, m := range rec.messages() {
		count[m.To]++
	}
	for _, m := range msgs {
		if count[m.Recipient] != 1 {
			t.Errorf("%s delivered %d times", m.Recipient, count[m.Recipient])
		}
	}
	if totalSent != n || rec.calls != n {
		t.Errorf("%d reported sent, %d sends; want %d", totalSent, rec.calls, n)
	}
	_, sentTotal, err := handles[1].OutboxMessages(ctx, store.OutboxFilter{Status: store.OutboxSent})
	if err != nil || sentTotal != n {
		t.Errorf("%d messages marked sent (%v), want %d", sentTotal, err, n)
	}
}

func testLogSender(t *testing.T, dialect string) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	clk := &testClock{now: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)}
	st := testdb.Open(t, dialect, store.WithClock(clk.Now))
	w, err := New(st, Config{Mail: testMail()}, logger, func(context.Context, string) (*Attachment, error) {
		return &Attachment{Name: "accusé.pdf", ContentType: "application/pdf", Data: []byte("pdf")}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m := plain("maire@example.fr")
	m.Attachment = "receipt:1"
	enqueueMessages(t, st, m)
	deliver(t, w, 1, 0)
	out := buf.String()
	for _, want := range []string{"TNL_SMTP_URL unset", "to=maire@example.fr", `subject="Sujet é"`, `body="Corps é"`, "accusé.pdf (application/pdf, 3 octets)"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	page, total, err := st.OutboxMessages(context.Background(), store.OutboxFilter{Status: store.OutboxSent})
	if err != nil || total != 1 || page[0].Body != "Corps é" {
		t.Errorf("sent page: %+v, %d, %v", page, total, err)
	}
}

// testRun checks that Run delivers, drains more than one batch at once, and
// returns when its context ends.
func testRun(t *testing.T, dialect string) {
	rec := &recorder{}
	w, st, _ := newTestWorker(t, dialect, rec, nil)
	w.interval = time.Hour // only the first round runs: it must drain everything
	var msgs []*domain.OutboxMessage
	for i := range 2*batchSize + 3 {
		msgs = append(msgs, plain(fmt.Sprintf("elu%d@example.fr", i)))
	}
	enqueueMessages(t, st, msgs...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	deadline := time.Now().Add(20 * time.Second)
	for len(rec.messages()) < len(msgs) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancellation")
	}
	if got := len(rec.messages()); got != len(msgs) {
		t.Errorf("Run delivered %d of %d messages", got, len(msgs))
	}
}

// blockingSender blocks until its context ends, as a hung relay would.
type blockingSender struct{ started chan struct{} }

func (b blockingSender) Send(ctx context.Context, _ Message) error {
	b.started <- struct{}{}
	<-ctx.Done()
	return ctx.Err()
}

// TestShutdownReleases checks that messages claimed by a worker that stops
// are handed back at once instead of waiting for their lease.
func TestShutdownReleases(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		bs := blockingSender{started: make(chan struct{}, 10)}
		w, st, clk := newTestWorker(t, dialect, bs, nil)
		a, b := plain("a@example.fr"), plain("b@example.fr")
		enqueueMessages(t, st, a, b)
		ctx, cancel := context.WithCancel(context.Background())
		type result struct {
			sent, failed int
			err          error
		}
		res := make(chan result, 1)
		go func() {
			s, f, err := w.DeliverOnce(ctx)
			res <- result{s, f, err}
		}()
		<-bs.started
		cancel()
		r := <-res
		if r.err != nil || r.sent != 0 || r.failed != 1 {
			t.Fatalf("DeliverOnce = %+v", r)
		}
		for _, m := range []*domain.OutboxMessage{a, b} {
			row := outboxRow(t, st, m.ID)
			if row.LockedUntil != nil || !row.NextAttemptAt.Equal(clk.Now()) || !strings.Contains(row.LastError, "arrêt du serveur") {
				t.Errorf("message %d after shutdown: %+v", m.ID, row)
			}
		}
		rec := &recorder{}
		w.sender = rec
		deliver(t, w, 2, 0)
	})
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	w := &Worker{}
	tests := []struct {
		attempts int
		jitter   float64
		want     time.Duration
	}{
		{1, 0.5, time.Minute},
		{2, 0.5, 2 * time.Minute},
		{3, 0.5, 4 * time.Minute},
		{9, 0.5, 256 * time.Minute},
		{10, 0.5, 6 * time.Hour},
		{40, 0.5, 6 * time.Hour},
		{0, 0.5, time.Minute},
		{1, 0, 54 * time.Second},
		{1, 0.999999, 66 * time.Second},
		{12, 0.999999, 6 * time.Hour}, // jitter never exceeds the cap
		{12, 0, 324 * time.Minute},
	}
	for _, tt := range tests {
		w.jitter = func() float64 { return tt.jitter }
		got := w.backoff(tt.attempts)
		if d := got - tt.want; d < -time.Millisecond || d > time.Millisecond {
			t.Errorf("backoff(%d) with jitter %v = %v, want %v", tt.attempts, tt.jitter, got, tt.want)
		}
	}
}

// testMail writes the messages with links to testBaseURL.
func testMail() *mail.Mailer {
	m, err := mail.New(testBaseURL)
	if err != nil {
		panic(err) // the embedded templates are checked by the mail package's tests
	}
	return m
}
