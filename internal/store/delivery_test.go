package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

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

func newClockStore(t *testing.T, dialect string) (*store.Store, *testClock) {
	t.Helper()
	clk := &testClock{now: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)}
	return testdb.Open(t, dialect, store.WithClock(clk.Now)), clk
}

// enqueue writes n plain messages and returns their ids.
func enqueue(t *testing.T, st *store.Store, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	err := st.InTx(ctx, func(tx *store.Tx) error {
		for i := range n {
			m := &domain.OutboxMessage{Kind: "test", Recipient: fmt.Sprintf("elu%d@example.fr", i), Subject: "Sujet", Body: "Corps"}
			if err := tx.Enqueue(ctx, m); err != nil {
				return err
			}
			ids = append(ids, m.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func claimIDs(t *testing.T, st *store.Store, limit int, lease time.Duration) []int64 {
	t.Helper()
	msgs, err := st.ClaimOutbox(context.Background(), limit, lease)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		ids[i] = m.ID
	}
	return ids
}

func message(t *testing.T, st *store.Store, id int64) *domain.OutboxMessage {
	t.Helper()
	m := new(domain.OutboxMessage)
	if err := st.DB().NewSelect().Model(m).Where("id = ?", id).Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDelivery(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		t.Run("claim and lease", func(t *testing.T) { testClaimLease(t, dialect) })
		t.Run("mark sent and failed", func(t *testing.T) { testMarkSentFailed(t, dialect) })
		t.Run("give up", func(t *testing.T) { testGiveUp(t, dialect) })
		t.Run("concurrent claims", func(t *testing.T) { testConcurrentClaims(t, dialect) })
		t.Run("outbox page", func(t *testing.T) { testOutboxPage(t, dialect) })
		t.Run("dedup keys", func(t *testing.T) { testDedupKeysTaken(t, dialect) })
		t.Run("draft reminder targets", func(t *testing.T) { testDraftReminderTargets(t, dialect) })
	})
}

func testClaimLease(t *testing.T, dialect string) {
	st, clk := newClockStore(t, dialect)
	ctx := context.Background()
	ids := enqueue(t, st, 3)
	later := &domain.OutboxMessage{Kind: "test", Recipient: "plus-tard@example.fr", Subject: "S", Body: "B", NextAttemptAt: clk.Now().Add(time.Hour)}
	if err := st.InTx(ctx, func(tx *store.Tx) error { return tx.Enqueue(ctx, later) }); err != nil {
		t.Fatal(err)
	}
	lease := 5 * time.Minute

	msgs, err := st.ClaimOutbox(ctx, 2, lease)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].ID != ids[0] || msgs[1].ID != ids[1] {
		t.Fatalf("first claim = %+v, want ids %v", msgs, ids[:2])
	}
	for _, m := range msgs {
		if m.Attempts != 1 || m.LockedUntil == nil || !m.LockedUntil.Equal(clk.Now().Add(lease)) {
			t.Errorf("claimed %d: attempts %d, locked until %v; want 1, %v", m.ID, m.Attempts, m.LockedUntil, clk.Now().Add(lease))
		}
		if m.Recipient == "" || m.Subject != "Sujet" || m.Body != "Corps" {
			t.Errorf("claimed message not read back whole: %+v", m)
		}
	}

	steps := []struct {
		name    string
		advance time.Duration
		limit   int
		want    []int64
	}{
		{"leased messages are skipped", 0, 10, ids[2:]},
		{"nothing left while leases hold", 0, 10, nil},
		{"still leased one second before expiry", lease - time.Second, 10, nil},
		{"expired leases are claimable again", 2 * time.Second, 10, ids},
		{"a message due later waits for its instant", 0, 10, nil},
		{"limit zero claims nothing", time.Hour, 0, nil},
		{"due message and expired leases", 0, 10, append(slices.Clone(ids), later.ID)},
	}
	for _, s := range steps {
		clk.Advance(s.advance)
		if got := claimIDs(t, st, s.limit, lease); !slices.Equal(got, s.want) {
			t.Errorf("%s: claimed %v, want %v", s.name, got, s.want)
		}
	}
	if m := message(t, st, ids[0]); m.Attempts != 3 {
		t.Errorf("attempts after three claims = %d, want 3", m.Attempts)
	}
	if _, err := st.ClaimOutbox(ctx, 1, 0); err == nil {
		t.Error("a zero lease was accepted")
	}
}

func testMarkSentFailed(t *testing.T, dialect string) {
	st, clk := newClockStore(t, dialect)
	ctx := context.Background()
	ids := enqueue(t, st, 2)
	if got := claimIDs(t, st, 10, time.Minute); !slices.Equal(got, ids) {
		t.Fatalf("claimed %v, want %v", got, ids)
	}
	if err := st.MarkSent(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	retryAt := clk.Now().Add(10 * time.Minute)
	longErr := strings.Repeat("é", 3000) // 6,000 bytes of two-byte runes
	if err := st.MarkFailed(ctx, ids[1], "550 "+longErr, retryAt); err != nil {
		t.Fatal(err)
	}

	sent := message(t, st, ids[0])
	if sent.SentAt == nil || !sent.SentAt.Equal(clk.Now()) || sent.LockedUntil != nil || store.OutboxStatus(sent, clk.Now()) != store.OutboxSent {
		t.Errorf("sent message = %+v", sent)
	}
	failed := message(t, st, ids[1])
	if failed.SentAt != nil || failed.LockedUntil != nil || !failed.NextAttemptAt.Equal(retryAt) ||
		!strings.HasPrefix(failed.LastError, "550 é") || len(failed.LastError) > 2100 || !utf8.ValidString(failed.LastError) {
		t.Errorf("failed message: sent %v, locked %v, next %v, error %d bytes valid=%v",
			failed.SentAt, failed.LockedUntil, failed.NextAttemptAt, len(failed.LastError), utf8.ValidString(failed.LastError))
	}
	if s := store.OutboxStatus(failed, clk.Now()); s != store.OutboxPending {
		t.Errorf("status after one failure = %s, want pending", s)
	}

	// A failed message waits for retryAt even though its lease is released.
	clk.Advance(10*time.Minute - time.Second)
	if got := claimIDs(t, st, 10, time.Minute); len(got) != 0 {
		t.Errorf("claimed %v before retryAt", got)
	}
	clk.Advance(time.Second)
	if got := claimIDs(t, st, 10, time.Minute); !slices.Equal(got, ids[1:]) {
		t.Errorf("claimed %v at retryAt, want %v", got, ids[1:])
	}

	// A late report on a message sent meanwhile changes nothing.
	if err := st.MarkFailed(ctx, ids[0], "late", clk.Now()); err != nil {
		t.Errorf("late MarkFailed: %v", err)
	}
	firstSent := *sent.SentAt
	clk.Advance(time.Minute)
	if err := st.MarkSent(ctx, ids[0]); err != nil {
		t.Errorf("second MarkSent: %v", err)
	}
	if m := message(t, st, ids[0]); m.LastError != "" || !m.SentAt.Equal(firstSent) {
		t.Errorf("sent message changed by late reports: %+v", m)
	}
	wantCode(t, st.MarkSent(ctx, 999999), domain.ENotFound)
	wantCode(t, st.MarkFailed(ctx, 999999, "x", clk.Now()), domain.ENotFound)
}

func testGiveUp(t *testing.T, dialect string) {
	st, clk := newClockStore(t, dialect)
	ctx := context.Background()
	ids := enqueue(t, st, 3)
	exhausted, rejected, crashed := ids[0], ids[1], ids[2]
	lease := time.Minute

	// The first message fails every time; the third is claimed with it but
	// its worker dies on the last attempt; the second is rejected for good.
	for attempt := 1; attempt <= store.MaxOutboxAttempts; attempt++ {
		got := claimIDs(t, st, 10, lease)
		want := []int64{exhausted, crashed}
		if attempt == 1 {
			want = ids
		}
		if !slices.Equal(got, want) {
			t.Fatalf("attempt %d: claimed %v, want %v", attempt, got, want)
		}
		if attempt == 1 {
			if err := st.GiveUp(ctx, rejected, "550 5.1.1 adresse inconnue"); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.MarkFailed(ctx, exhausted, fmt.Sprintf("échec %d", attempt), clk.Now()); err != nil {
			t.Fatal(err)
		}
		if attempt < store.MaxOutboxAttempts {
			if err := st.MarkFailed(ctx, crashed, "échec", clk.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The crashed message is still leased, hence pending, until the lease ends.
	if s := store.OutboxStatus(message(t, st, crashed), clk.Now()); s != store.OutboxPending {
		t.Errorf("crashed message during its lease: %s, want pending", s)
	}
	clk.Advance(lease + time.Second)
	if got := claimIDs(t, st, 10, lease); len(got) != 0 {
		t.Errorf("claimed %v after every attempt was used", got)
	}
	for _, id := range ids {
		m := message(t, st, id)
		if s := store.OutboxStatus(m, clk.Now()); s != store.OutboxFailed {
			t.Errorf("message %d: status %s, want failed (%+v)", id, s, m)
		}
	}
	if m := message(t, st, exhausted); m.Attempts != store.MaxOutboxAttempts || m.LastError != fmt.Sprintf("échec %d", store.MaxOutboxAttempts) {
		t.Errorf("exhausted: attempts %d, last error %q", m.Attempts, m.LastError)
	}
	if m := message(t, st, rejected); m.LastError != "550 5.1.1 adresse inconnue" {
		t.Errorf("rejected: last error %q", m.LastError)
	}
	page, total, err := st.OutboxMessages(ctx, store.OutboxFilter{Status: store.OutboxFailed})
	if err != nil || total != 3 || len(page) != 3 {
		t.Errorf("failed page: %d of %d, %v", len(page), total, err)
	}

	// Staff requeue a failed message: it is claimed at once, with fresh attempts.
	if err := st.RetryOutbox(ctx, exhausted); err != nil {
		t.Fatal(err)
	}
	msgs, err := st.ClaimOutbox(ctx, 10, lease)
	if err != nil || len(msgs) != 1 || msgs[0].ID != exhausted || msgs[0].Attempts != 1 {
		t.Fatalf("claim after retry: %+v, %v", msgs, err)
	}
	wantCode(t, st.RetryOutbox(ctx, exhausted), domain.EConflict) // being delivered
	if err := st.MarkSent(ctx, exhausted); err != nil {
		t.Fatal(err)
	}
	wantCode(t, st.RetryOutbox(ctx, exhausted), domain.EUnprocessable) // already sent
	wantCode(t, st.RetryOutbox(ctx, 999999), domain.ENotFound)
	wantCode(t, st.GiveUp(ctx, 999999, "x"), domain.ENotFound)
}

// testConcurrentClaims has claimers on two handles, as two server processes
// would, race for the same messages: none is claimed twice.
func testConcurrentClaims(t *testing.T, dialect string) {
	ctx := context.Background()
	url := testdb.URL(t, dialect)
	var handles []*store.Store
	for range 2 {
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		handles = append(handles, st)
	}
	if _, err := handles[0].Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ids := enqueue(t, handles[0], 60)

	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			st := handles[i%2]
			for {
				msgs, err := st.ClaimOutbox(ctx, 3, time.Hour)
				if err != nil {
					errs <- err
					return
				}
				if len(msgs) == 0 {
					return
				}
				mu.Lock()
				for _, m := range msgs {
					seen[m.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(seen) != len(ids) {
		t.Errorf("%d messages claimed, want %d", len(seen), len(ids))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("message %d claimed %d times", id, n)
		}
	}
}

func testOutboxPage(t *testing.T, dialect string) {
	st, clk := newClockStore(t, dialect)
	ctx := context.Background()
	var ids []int64
	for range 5 {
		ids = append(ids, enqueue(t, st, 1)...)
		clk.Advance(time.Second)
	}
	// ids[0] sent, ids[1] failed for good, ids[2] retrying, ids[3] being
	// delivered, ids[4] never tried.
	if got := claimIDs(t, st, 4, time.Hour); !slices.Equal(got, ids[:4]) {
		t.Fatalf("claimed %v", got)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.MarkSent(ctx, ids[0]))
	must(st.GiveUp(ctx, ids[1], "refusé"))
	must(st.MarkFailed(ctx, ids[2], "temporaire", clk.Now().Add(time.Minute)))

	tests := []struct {
		filter    store.OutboxFilter
		want      []int64
		wantTotal int
	}{
		{store.OutboxFilter{}, []int64{ids[4], ids[3], ids[2], ids[1], ids[0]}, 5},
		{store.OutboxFilter{Status: store.OutboxAll, Limit: 2}, []int64{ids[4], ids[3]}, 5},
		{store.OutboxFilter{Status: store.OutboxAll, Limit: 2, Offset: 4}, []int64{ids[0]}, 5},
		{store.OutboxFilter{Status: store.OutboxPending}, []int64{ids[4], ids[3], ids[2]}, 3},
		{store.OutboxFilter{Status: store.OutboxSent}, []int64{ids[0]}, 1},
		{store.OutboxFilter{Status: store.OutboxFailed}, []int64{ids[1]}, 1},
		{store.OutboxFilter{Status: store.OutboxPending, Limit: 1, Offset: 10}, nil, 3},
	}
	for _, tt := range tests {
		msgs, total, err := st.OutboxMessages(ctx, tt.filter)
		if err != nil {
			t.Fatalf("%+v: %v", tt.filter, err)
		}
		var got []int64
		for _, m := range msgs {
			got = append(got, m.ID)
			if s := store.OutboxStatus(&m, clk.Now()); tt.filter.Status != "" && tt.filter.Status != store.OutboxAll && s != tt.filter.Status {
				t.Errorf("%+v: message %d has status %s", tt.filter, m.ID, s)
			}
		}
		if !slices.Equal(got, tt.want) || total != tt.wantTotal {
			t.Errorf("%+v: got %v of %d, want %v of %d", tt.filter, got, total, tt.want, tt.wantTotal)
		}
	}
	_, _, err := st.OutboxMessages(ctx, store.OutboxFilter{Status: "perdu"})
	wantCode(t, err, domain.EInvalid)
}

func testDedupKeysTaken(t *testing.T, dialect string) {
	st, _ := newClockStore(t, dialect)
	ctx := context.Background()
	a, b := "rappel:J-7:1", "rappel:J-1:1"
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		return tx.Enqueue(ctx, &domain.OutboxMessage{Kind: "rappel", Recipient: "x@example.fr", Subject: "S", Body: "B", DedupKey: &a})
	}); err != nil {
		t.Fatal(err)
	}
	keys := []string{b, a}
	for i := range 1200 { // several chunks
		keys = append(keys, fmt.Sprintf("autre:%d", i))
	}
	taken, err := st.DedupKeysTaken(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(taken) != 1 || !taken[a] {
		t.Errorf("taken = %v, want only %s", taken, a)
	}
	if taken, err := st.DedupKeysTaken(ctx, nil); err != nil || len(taken) != 0 {
		t.Errorf("no keys: %v, %v", taken, err)
	}
}

func testDraftReminderTargets(t *testing.T, dialect string) {
	f := newFixture(t, dialect)
	ctx := context.Background()
	draft := f.candidature(t)

	// A second collectivité whose candidature is already submitted, with an
	// élu name given on the candidature.
	err := f.st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{{
		Kind: domain.KindCommune, Code: "01002", Name: "L'Abergement-de-Varey", SearchName: "l abergement de varey",
		DepartementCode: "01", RegionCode: "84", Population: 250, PostalCodes: "01640", Active: true, UpdatedAt: f.st.Now(),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.st.CollectiviteByCode(ctx, domain.KindCommune, "01002")
	if err != nil {
		t.Fatal(err)
	}
	elu2 := &domain.User{Email: "elu2@example.fr", Name: "Compte Deux"}
	if err := f.st.CreateUser(ctx, elu2); err != nil {
		t.Fatal(err)
	}
	submitted := &domain.Candidature{CampaignID: f.campaign.ID, CollectiviteID: other.ID, Reference: "TNL-2026-COM-01002",
		State: "deposee", EluUserID: elu2.ID, EluName: "Claude Deux"}
	if err := f.st.CreateCandidature(ctx, submitted, nil); err != nil {
		t.Fatal(err)
	}
	got, err := f.st.DraftReminderTargets(ctx, f.campaign.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.ReminderTarget{{
		CandidatureID: draft.ID, Reference: "TNL-2026-COM-01001", CollectiviteName: "L'Abergement-Clémenciat",
		EluEmail: "maire@example.fr", EluName: "Camille Maire",
	}}
	if !slices.Equal(got, want) {
		t.Errorf("targets = %+v, want %+v", got, want)
	}

	// Back to draft, the second one is listed with the name on the candidature.
	if err := f.st.InTx(ctx, func(tx *store.Tx) error {
		return tx.SetState(ctx, "candidatures", submitted.ID, "deposee", "brouillon", 1)
	}); err != nil {
		t.Fatal(err)
	}
	got, err = f.st.DraftReminderTargets(ctx, f.campaign.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].EluName != "Claude Deux" || got[1].EluEmail != "elu2@example.fr" {
		t.Errorf("targets = %+v", got)
	}
	if got, err := f.st.DraftReminderTargets(ctx, 999999); err != nil || len(got) != 0 {
		t.Errorf("unknown campaign: %+v, %v", got, err)
	}
}
