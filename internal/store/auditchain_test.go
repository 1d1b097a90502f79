package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

func entry(typ string, id int64, event string, actor *int64, label string) domain.AuditEntry {
	return domain.AuditEntry{SubjectType: typ, SubjectID: id, Event: event, FromState: "a", ToState: "b",
		ActorID: actor, ActorRole: "staff", ActorLabel: label, Comment: "commentaire " + event}
}

// appendRows writes n rows per subject, one transaction each, the last
// ones in bulk.
func appendRows(t *testing.T, st *store.Store, subjects []int64, n int) {
	t.Helper()
	appendTyped(t, st, "essai", subjects, n)
}

func appendTyped(t *testing.T, st *store.Store, typ string, subjects []int64, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		for _, id := range subjects {
			err := st.InTx(ctx, func(tx *store.Tx) error {
				e := entry(typ, id, fmt.Sprintf("e%d", i), nil, "système")
				return tx.AddAudit(ctx, &e)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	err := st.InTx(ctx, func(tx *store.Tx) error {
		var bulk []domain.AuditEntry
		for _, id := range subjects {
			bulk = append(bulk, entry(typ, id, "lot1", nil, "système"), entry(typ, id, "lot2", nil, "système"))
		}
		return tx.AddAudits(ctx, bulk)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func verify(t *testing.T, st *store.Store) *store.AuditReport {
	t.Helper()
	rep, err := st.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func exec(t *testing.T, st *store.Store, query string, args ...any) {
	t.Helper()
	if _, err := st.DB().NewRaw(query, args...).Exec(context.Background()); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func rowID(t *testing.T, st *store.Store, typ string, subject int64, seq int) int64 {
	t.Helper()
	var id int64
	err := st.DB().NewRaw("SELECT id FROM audit_events WHERE subject_type = ? AND subject_id = ? AND seq = ?", typ, subject, seq).Scan(context.Background(), &id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAuditChainVerifies(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		st := testdb.Open(t, dialect)
		appendRows(t, st, []int64{1, 2, 3}, 3)
		rep := verify(t, st)
		if !rep.OK() || rep.Rows != 15 || rep.Subjects != 3 {
			t.Fatalf("report %+v", rep)
		}
		trail, err := st.AuditTrail(context.Background(), "essai", 2)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range trail {
			if e.Seq != int64(i+1) || e.Hash == "" || (i > 0) != (e.PrevHash != "") || i > 0 && e.PrevHash != trail[i-1].Hash {
				t.Fatalf("row %d badly linked: %+v", i, e)
			}
		}
	})
}

// Concurrent transactions appending to the same subject take their turn:
// the chain has every row once, in a single line.
func TestAuditChainConcurrentAppends(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		st := testdb.Open(t, dialect)
		ctx := context.Background()
		const workers, each = 6, 15
		var wg sync.WaitGroup
		var failed atomic.Int64
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					err := st.InTx(ctx, func(tx *store.Tx) error {
						if i%5 == 4 {
							// A bulk append touching the shared subject and one of its own.
							return tx.AddAudits(ctx, []domain.AuditEntry{entry("essai", int64(100+w), "lot", nil, "x"),
								entry("essai", 1, fmt.Sprintf("w%d-%d", w, i), nil, "x")})
						}
						e := entry("essai", 1, fmt.Sprintf("w%d-%d", w, i), nil, "x")
						if err := tx.AddAudit(ctx, &e); err != nil {
							return err
						}
						time.Sleep(time.Millisecond) // hold the lock a little
						return nil
					})
					if err != nil {
						failed.Add(1)
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if failed.Load() > 0 {
			t.FailNow()
		}
		rep := verify(t, st)
		if !rep.OK() {
			t.Fatalf("problems: %+v", rep.Problems)
		}
		trail, err := st.AuditTrail(ctx, "essai", 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(trail) != workers*each || trail[len(trail)-1].Seq != workers*each {
			t.Fatalf("%d rows, last seq %d, want %d", len(trail), trail[len(trail)-1].Seq, workers*each)
		}
	})
}

// tnl audit verify's checks: a row changed, deleted, inserted, each named.
// Each case tampers with the chains of its own subject type.
func TestAuditChainDetectsTampering(t *testing.T) {
	t.Parallel()
	maxID := func(t *testing.T, st *store.Store) int64 {
		var id int64
		if err := st.DB().NewRaw("SELECT max(id) FROM audit_events").Scan(context.Background(), &id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	cases := []struct {
		name   string
		tamper func(t *testing.T, st *store.Store, typ string) (subject int64, row int64)
		kind   string
	}{
		{"changed comment", func(t *testing.T, st *store.Store, typ string) (int64, int64) {
			id := rowID(t, st, typ, 2, 2)
			exec(t, st, "UPDATE audit_events SET comment = 'autre chose' WHERE id = ?", id)
			return 2, id
		}, store.AuditChanged},
		{"changed actor", func(t *testing.T, st *store.Store, typ string) (int64, int64) {
			id := rowID(t, st, typ, 1, 3)
			exec(t, st, "UPDATE audit_events SET actor_label = 'quelqu’un d’autre' WHERE id = ?", id)
			return 1, id
		}, store.AuditChanged},
		{"deleted in the middle", func(t *testing.T, st *store.Store, typ string) (int64, int64) {
			exec(t, st, "DELETE FROM audit_events WHERE id = ?", rowID(t, st, typ, 3, 2))
			return 3, rowID(t, st, typ, 3, 3) // the row after the gap is named
		}, store.AuditDeleted},
		{"deleted at the end", func(t *testing.T, st *store.Store, typ string) (int64, int64) {
			exec(t, st, "DELETE FROM audit_events WHERE id = ?", rowID(t, st, typ, 2, 5))
			return 2, 0
		}, store.AuditDeleted},
		{"inserted copy", func(t *testing.T, st *store.Store, typ string) (int64, int64) {
			exec(t, st, `INSERT INTO audit_events (subject_type, subject_id, event, from_state, to_state, actor_role, actor_label, comment, created_at, seq, actor_salt, actor_digest, prev_hash, hash)
				SELECT subject_type, subject_id, event, from_state, to_state, actor_role, actor_label, comment, created_at, seq, actor_salt, actor_digest, prev_hash, hash
				FROM audit_events WHERE id = ?`, rowID(t, st, typ, 1, 2))
			return 1, maxID(t, st)
		}, store.AuditInserted},
		{"inserted unchained", func(t *testing.T, st *store.Store, typ string) (int64, int64) {
			exec(t, st, `INSERT INTO audit_events (subject_type, subject_id, event, from_state, to_state, actor_role, actor_label, comment, created_at)
				VALUES (?, 3, 'faux', 'a', 'b', 'staff', 'x', '', ?)`, typ, st.Now())
			return 3, maxID(t, st)
		}, store.AuditInserted},
	}
	testdb.Each(t, func(t *testing.T, dialect string) {
		st := testdb.Open(t, dialect)
		for i := range cases {
			appendTyped(t, st, fmt.Sprintf("essai%d", i), []int64{1, 2, 3}, 3)
		}
		if rep := verify(t, st); !rep.OK() {
			t.Fatalf("before tampering: %+v", rep.Problems)
		}
		type want struct {
			subject, row int64
			kind         string
		}
		wants := map[string]want{}
		for i, c := range cases {
			typ := fmt.Sprintf("essai%d", i)
			subject, row := c.tamper(t, st, typ)
			wants[typ] = want{subject, row, c.kind}
		}
		rep := verify(t, st)
		if len(rep.Problems) != len(cases) {
			t.Fatalf("want %d problems, got %+v", len(cases), rep.Problems)
		}
		for _, p := range rep.Problems {
			w := wants[p.SubjectType]
			if p.Kind != w.kind || p.SubjectID != w.subject || p.RowID != w.row || p.Message == "" {
				t.Errorf("%s: got %+v, want %+v", p.SubjectType, p, w)
			}
		}
	})
}

// An account's deletion blanks its name from the audit; the chains still
// verify, and a blanked name cannot be put back.
func TestAuditChainAnonymise(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		st := testdb.Open(t, dialect)
		ctx := context.Background()
		u := &domain.User{Email: "camille@exemple.fr", Name: "Camille"}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		err := st.InTx(ctx, func(tx *store.Tx) error {
			e1, e2 := entry("essai", 1, "creer", &u.ID, u.Email), entry("essai", 1, "deposer", nil, "système")
			if err := tx.AddAudit(ctx, &e1); err != nil {
				return err
			}
			return tx.AddAudit(ctx, &e2)
		})
		if err != nil {
			t.Fatal(err)
		}
		err = st.InTx(ctx, func(tx *store.Tx) error {
			n, err := tx.AnonymiseActor(ctx, u.ID)
			if n != 1 {
				t.Errorf("%d rows anonymised, want 1", n)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		trail, _ := st.AuditTrail(ctx, "essai", 1)
		if trail[0].ActorLabel != domain.AnonymousActor || trail[0].ActorID != nil || strings.Contains(fmt.Sprint(trail), u.Email) {
			t.Fatalf("not anonymised: %+v", trail[0])
		}
		if rep := verify(t, st); !rep.OK() {
			t.Fatalf("after anonymisation: %+v", rep.Problems)
		}
		exec(t, st, "UPDATE audit_events SET actor_label = 'camille@exemple.fr' WHERE id = ?", trail[0].ID)
		if rep := verify(t, st); len(rep.Problems) != 1 || rep.Problems[0].Kind != store.AuditChanged {
			t.Fatalf("restored name not caught: %+v", rep.Problems)
		}
	})
}

// The daily digests catch a subject's whole chain deleted with its head,
// which no chain can.
func TestAuditDailyDigests(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		var mu sync.Mutex
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
		st := testdb.Open(t, dialect, store.WithClock(clock))
		ctx := context.Background()
		appendRows(t, st, []int64{1, 2}, 2)
		set(now.AddDate(0, 0, 1))
		appendRows(t, st, []int64{3}, 1)
		set(now.AddDate(0, 0, 1).Add(30 * time.Minute)) // 2026-03-03 10:30: both days are over
		n, err := st.SealAuditDays(ctx)
		if err != nil || n != 2 {
			t.Fatalf("sealed %d days, err %v; want 2", n, err)
		}
		if n, err := st.SealAuditDays(ctx); err != nil || n != 0 {
			t.Fatalf("sealed again %d, %v", n, err)
		}
		rep := verify(t, st)
		if !rep.OK() || rep.Days != 2 || rep.LastDay != "2026-03-02" || len(rep.LastDigest) != 64 {
			t.Fatalf("report %+v", rep)
		}
		exec(t, st, "DELETE FROM audit_events WHERE subject_id = 2")
		exec(t, st, "DELETE FROM audit_heads WHERE subject_id = 2")
		rep = verify(t, st)
		if len(rep.Problems) != 1 || rep.Problems[0].Kind != store.AuditDeleted || rep.Problems[0].Day != "2026-03-01" {
			t.Fatalf("deleted chain not caught: %+v", rep.Problems)
		}
	})
}
