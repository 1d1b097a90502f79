package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// The audit trail is tamper-evident.
//
// Every subject (a candidature, a campaign, an account…) has its own chain:
// its rows are numbered from 1 (seq), each holds the hash of the previous
// row of the same subject (prev_hash) and its own hash over its content and
// that link (hash). The actor is committed to through a salted digest
// (actor_digest over actor_salt, actor_id and actor_label): when an account
// is deleted its rows lose their actor's id and label and their salt, and
// keep the digest, so that the chain still verifies and the digest can no
// longer be matched against a guessed address.
//
// audit_heads holds each subject's last link. Appending locks it (an upsert
// that changes nothing takes the row lock on PostgreSQL; SQLite has one
// writer at a time): two transactions appending to the same subject take
// their turn, whatever lock on the subject itself they hold, and the second
// chains onto the first. Heads are locked in (type, id) order within a
// statement so that bulk appends do not deadlock each other.
//
// Once a day has passed, one digest over all its rows (by id) is chained to
// the previous day's (audit_digests): it catches what the chains alone
// cannot, a whole subject's rows or a chain's last rows deleted together
// with their head.

// Kinds of audit problems.
const (
	AuditChanged  = "modifiee"
	AuditDeleted  = "supprimee"
	AuditInserted = "inseree"
)

// auditDayGrace is how long after a day's end its digest waits, so that
// every transaction that took its time during that day has committed.
const auditDayGrace = time.Hour

// auditTimeLayout is how an instant enters a hash: UTC, to the microsecond
// both databases keep.
const auditTimeLayout = "2006-01-02T15:04:05.000000Z"

// hashFields feeds length-prefixed fields to a hash, so that no two
// sequences of fields share an encoding.
func hashFields(h hash.Hash, fields ...string) {
	var n [binary.MaxVarintLen64]byte
	for _, f := range fields {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(f)))])
		h.Write([]byte(f))
	}
}

func actorDigest(salt string, id *int64, label string) string {
	h := sha256.New()
	uid := ""
	if id != nil {
		uid = strconv.FormatInt(*id, 10)
	}
	hashFields(h, "tnl.audit.actor.v1", salt, uid, label)
	return hex.EncodeToString(h.Sum(nil))
}

// AuditHash is the hash of an audit row: its content, its place and the
// previous row's hash.
func AuditHash(e *domain.AuditEntry) string {
	h := sha256.New()
	hashFields(h, "tnl.audit.v1", e.SubjectType, strconv.FormatInt(e.SubjectID, 10), strconv.FormatInt(e.Seq, 10),
		e.Event, e.FromState, e.ToState, e.ActorDigest, e.ActorRole, e.Comment,
		e.CreatedAt.UTC().Format(auditTimeLayout), e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

func newSalt() string {
	b := make([]byte, 16)
	rand.Read(b) //nolint:errcheck // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

type auditKey struct {
	typ string
	id  int64
}

type auditHead struct {
	SubjectType string `bun:"subject_type"`
	SubjectID   int64  `bun:"subject_id"`
	Seq         int64  `bun:"seq"`
	Hash        string `bun:"hash"`
}

// headBatch bounds the subjects of one head statement.
const headBatch = 1000

// link locks the heads of the entries' subjects and fills each entry's
// place in its chain, in the order given; it returns the new heads, to be
// stored by storeHeads once the rows are written.
func link(ctx context.Context, db bun.IDB, entries []*domain.AuditEntry) ([]auditHead, error) {
	seen := map[auditKey]bool{}
	var keys []auditKey
	for _, e := range entries {
		k := auditKey{e.SubjectType, e.SubjectID}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b auditKey) int { return cmp.Or(cmp.Compare(a.typ, b.typ), cmp.Compare(a.id, b.id)) })
	heads := make(map[auditKey]*auditHead, len(keys))
	for start := 0; start < len(keys); start += headBatch {
		batch := keys[start:min(start+headBatch, len(keys))]
		var sb strings.Builder
		args := make([]any, 0, 2*len(batch))
		sb.WriteString("INSERT INTO audit_heads (subject_type, subject_id, seq, hash) VALUES ")
		for i, k := range batch {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, 0, '')")
			args = append(args, k.typ, k.id)
		}
		sb.WriteString(" ON CONFLICT (subject_type, subject_id) DO UPDATE SET seq = audit_heads.seq RETURNING subject_type, subject_id, seq, hash")
		var rows []auditHead
		if err := db.NewRaw(sb.String(), args...).Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("audit : verrou des chaînes : %w", err)
		}
		for i := range rows {
			heads[auditKey{rows[i].SubjectType, rows[i].SubjectID}] = &rows[i]
		}
	}
	for _, e := range entries {
		h := heads[auditKey{e.SubjectType, e.SubjectID}]
		if h == nil {
			return nil, fmt.Errorf("audit : chaîne %s %d non verrouillée", e.SubjectType, e.SubjectID)
		}
		e.Seq, e.PrevHash = h.Seq+1, h.Hash
		e.ActorSalt = newSalt()
		e.ActorDigest = actorDigest(e.ActorSalt, e.ActorID, e.ActorLabel)
		e.Hash = AuditHash(e)
		h.Seq, h.Hash = e.Seq, e.Hash
	}
	out := make([]auditHead, 0, len(heads))
	for _, k := range keys {
		out = append(out, *heads[k])
	}
	return out, nil
}

// storeHeads records the new last link of each chain.
func storeHeads(ctx context.Context, db bun.IDB, heads []auditHead) error {
	for start := 0; start < len(heads); start += headBatch {
		batch := heads[start:min(start+headBatch, len(heads))]
		var sb strings.Builder
		args := make([]any, 0, 4*len(batch))
		sb.WriteString("INSERT INTO audit_heads (subject_type, subject_id, seq, hash) VALUES ")
		for i, h := range batch {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, ?, ?)")
			args = append(args, h.SubjectType, h.SubjectID, h.Seq, h.Hash)
		}
		sb.WriteString(" ON CONFLICT (subject_type, subject_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
		if _, err := db.NewRaw(sb.String(), args...).Exec(ctx); err != nil {
			return fmt.Errorf("audit : fin des chaînes : %w", err)
		}
	}
	return nil
}

// AnonymiseActor blanks the actor of every audit row an account wrote (its
// id, its label, the salt of its digest); the chains still verify.
func (t *Tx) AnonymiseActor(ctx context.Context, userID int64) (int64, error) {
	res, err := t.tx.NewRaw("UPDATE audit_events SET actor_id = NULL, actor_label = ?, actor_salt = '' WHERE actor_id = ?",
		domain.AnonymousActor, userID).Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return n, err
}

// sealLegacyAudit links, in id order, the rows written before the chains
// existed (hash empty). It runs when the store migrates.
func (s *Store) sealLegacyAudit(ctx context.Context) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx bun.Tx) error {
		var rows []*domain.AuditEntry
		if err := tx.NewSelect().Model(&rows).Where("hash = ''").Order("id").Scan(ctx); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		heads, err := link(ctx, tx, rows)
		if err != nil {
			return err
		}
		for _, e := range rows {
			if _, err := tx.NewUpdate().Model(e).Column("seq", "actor_salt", "actor_digest", "prev_hash", "hash").WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		n = len(rows)
		return storeHeads(ctx, tx, heads)
	})
	return n, err
}

// AuditProblem is the first broken link of a chain, or of the daily digests.
type AuditProblem struct {
	Kind        string // AuditChanged, AuditDeleted, AuditInserted
	SubjectType string
	SubjectID   int64
	// RowID is the row named: the changed or inserted row, or the row
	// after the deleted ones (0 when they were the chain's last).
	RowID int64
	Seq   int64
	// Day is the day of a digest that no longer matches (YYYY-MM-DD, UTC).
	Day     string
	Message string // in French
}

// AuditReport is the outcome of VerifyAudit.
type AuditReport struct {
	Rows     int64
	Subjects int
	Days     int // daily digests checked
	Problems []AuditProblem
	// LastDay and LastDigest are the newest daily digest, to keep elsewhere.
	LastDay, LastDigest string
}

// OK reports whether every chain and digest verified.
func (r *AuditReport) OK() bool { return len(r.Problems) == 0 }

// maxAuditProblems bounds the problems a report lists.
const maxAuditProblems = 1000

// VerifyAudit checks every subject's chain and every daily digest, in one
// consistent view of the database, and reports the first broken link of
// each.
func (s *Store) VerifyAudit(ctx context.Context) (*AuditReport, error) {
	rep := &AuditReport{}
	err := s.inSnapshot(ctx, func(tx bun.Tx) error {
		var heads []auditHead
		if err := tx.NewSelect().TableExpr("audit_heads").Column("subject_type", "subject_id", "seq", "hash").Scan(ctx, &heads); err != nil {
			return err
		}
		byKey := make(map[auditKey]auditHead, len(heads))
		for _, h := range heads {
			byKey[auditKey{h.SubjectType, h.SubjectID}] = h
		}
		rows, err := tx.NewSelect().Model((*domain.AuditEntry)(nil)).
			OrderExpr("subject_type, subject_id, seq, id").Rows(ctx)
		if err != nil {
			return err
		}
		defer rows.Close()
		var c chainCheck
		seen := map[auditKey]bool{}
		for rows.Next() {
			var e domain.AuditEntry
			if err := s.db.ScanRow(ctx, rows, &e); err != nil {
				return err
			}
			rep.Rows++
			k := auditKey{e.SubjectType, e.SubjectID}
			if !c.started || c.key != k {
				if c.started {
					c.finish(rep, byKey)
					seen[c.key] = true
				}
				c = chainCheck{started: true, key: k}
				rep.Subjects++
			}
			c.row(rep, &e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if c.started {
			c.finish(rep, byKey)
			seen[c.key] = true
		}
		// A head without any row: the whole chain was deleted.
		for k, h := range byKey {
			if !seen[k] && h.Seq > 0 {
				rep.add(AuditProblem{Kind: AuditDeleted, SubjectType: k.typ, SubjectID: k.id, Seq: 1,
					Message: fmt.Sprintf("%s %d : les %d lignes de sa chaîne ont été supprimées", k.typ, k.id, h.Seq)})
			}
		}
		return verifyDays(ctx, tx, rep)
	})
	if err != nil {
		return nil, fmt.Errorf("vérification de l’audit : %w", err)
	}
	slices.SortStableFunc(rep.Problems, func(a, b AuditProblem) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(a.SubjectType, b.SubjectType), cmp.Compare(a.SubjectID, b.SubjectID))
	})
	return rep, nil
}

// chainCheck walks one subject's rows in chain order.
type chainCheck struct {
	started bool
	key     auditKey
	seq     int64 // last good place
	prev    string
	lastID  int64
	broken  bool
}

func (r *AuditReport) add(p AuditProblem) {
	if len(r.Problems) < maxAuditProblems {
		r.Problems = append(r.Problems, p)
	}
}

func (c *chainCheck) fail(rep *AuditReport, e *domain.AuditEntry, kind, msg string) {
	c.broken = true
	rep.add(AuditProblem{Kind: kind, SubjectType: e.SubjectType, SubjectID: e.SubjectID, RowID: e.ID, Seq: e.Seq,
		Message: fmt.Sprintf("%s %d, ligne %d (n° %d de sa chaîne) : %s", e.SubjectType, e.SubjectID, e.ID, e.Seq, msg)})
}

func (c *chainCheck) row(rep *AuditReport, e *domain.AuditEntry) {
	if c.broken {
		return
	}
	switch {
	case e.Hash == "":
		c.fail(rep, e, AuditInserted, "ligne insérée sans être chaînée")
	case AuditHash(e) != e.Hash:
		c.fail(rep, e, AuditChanged, "contenu modifié (son empreinte ne correspond plus)")
	case !actorIntact(e):
		c.fail(rep, e, AuditChanged, "auteur modifié (son empreinte ne correspond plus)")
	case e.Seq <= c.seq:
		c.fail(rep, e, AuditInserted, fmt.Sprintf("ligne insérée : la place n° %d était déjà prise", e.Seq))
	case e.Seq > c.seq+1:
		missing := fmt.Sprintf("n° %d", c.seq+1)
		if e.Seq > c.seq+2 {
			missing = fmt.Sprintf("n° %d à %d", c.seq+1, e.Seq-1)
		}
		c.fail(rep, e, AuditDeleted, fmt.Sprintf("ligne précédente supprimée (%s)", missing))
	case e.PrevHash != c.prev:
		c.fail(rep, e, AuditInserted, "ligne insérée hors de l’ordre : elle ne suit pas la précédente de la chaîne")
	case e.ID < c.lastID:
		c.fail(rep, e, AuditInserted, "ligne insérée hors de l’ordre : elle a été écrite avant la précédente")
	default:
		c.seq, c.prev, c.lastID = e.Seq, e.Hash, e.ID
	}
}

// actorIntact checks the actor against its digest, unless the row was
// anonymised (salt blanked with the anonymous label and no id).
func actorIntact(e *domain.AuditEntry) bool {
	if e.ActorSalt == "" {
		return e.ActorID == nil && e.ActorLabel == domain.AnonymousActor
	}
	return actorDigest(e.ActorSalt, e.ActorID, e.ActorLabel) == e.ActorDigest
}

func (c *chainCheck) finish(rep *AuditReport, heads map[auditKey]auditHead) {
	if c.broken {
		return
	}
	h, ok := heads[c.key]
	switch {
	case !ok || h.Seq < c.seq || h.Seq == c.seq && h.Hash != c.prev:
		rep.add(AuditProblem{Kind: AuditInserted, SubjectType: c.key.typ, SubjectID: c.key.id, RowID: c.lastID, Seq: c.seq,
			Message: fmt.Sprintf("%s %d, ligne %d (n° %d de sa chaîne) : ligne insérée à la fin de la chaîne sans l’avoir prolongée", c.key.typ, c.key.id, c.lastID, c.seq)})
	case h.Seq > c.seq:
		rep.add(AuditProblem{Kind: AuditDeleted, SubjectType: c.key.typ, SubjectID: c.key.id, Seq: c.seq + 1,
			Message: fmt.Sprintf("%s %d : dernières lignes de sa chaîne supprimées (n° %d à %d)", c.key.typ, c.key.id, c.seq+1, h.Seq)})
	}
}

// inSnapshot runs fn in a read-only transaction that sees one state of the
// whole database (REPEATABLE READ on PostgreSQL; an SQLite read
// transaction does).
func (s *Store) inSnapshot(ctx context.Context, fn func(tx bun.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.loc.Dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return mapError(s.db.RunInTx(ctx, opts, func(ctx context.Context, tx bun.Tx) error { return fn(tx) }))
}

// auditDigest is one day's digest.
type auditDigest struct {
	Day        string    `bun:"day"`
	RowCount   int64     `bun:"row_count"`
	LastID     int64     `bun:"last_id"`
	PrevDigest string    `bun:"prev_digest"`
	Digest     string    `bun:"digest"`
	CreatedAt  time.Time `bun:"created_at"`
}

// dayDigest computes the digest of a day's rows (by id) after prev.
func dayDigest(ctx context.Context, db bun.IDB, day time.Time, prev string) (*auditDigest, error) {
	var rows []struct {
		ID   int64  `bun:"id"`
		Hash string `bun:"hash"`
	}
	err := db.NewSelect().TableExpr("audit_events").Column("id", "hash").
		Where("created_at >= ? AND created_at < ?", day, day.AddDate(0, 0, 1)).Order("id").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	d := &auditDigest{Day: day.Format(time.DateOnly), RowCount: int64(len(rows)), PrevDigest: prev}
	h := sha256.New()
	hashFields(h, "tnl.audit.day.v1", d.Day, prev, strconv.FormatInt(d.RowCount, 10))
	for _, r := range rows {
		hashFields(h, r.Hash)
		d.LastID = r.ID
	}
	d.Digest = hex.EncodeToString(h.Sum(nil))
	return d, nil
}

// SealAuditDays writes the digest of every day that has ended (an hour
// ago at least) and had audit rows, after the last one sealed, and returns
// how many it wrote. Several processes may run it at once: a day is
// sealed once, with the same digest whoever computes it.
func (s *Store) SealAuditDays(ctx context.Context) (int, error) {
	now := s.Now()
	n := 0
	for {
		var last []auditDigest
		if err := s.db.NewSelect().TableExpr("audit_digests").Column("day", "digest").OrderExpr("day DESC").Limit(1).Scan(ctx, &last); err != nil {
			return n, err
		}
		from, prev := time.Time{}, ""
		if len(last) == 1 {
			d, err := time.Parse(time.DateOnly, last[0].Day)
			if err != nil {
				return n, err
			}
			from, prev = d.AddDate(0, 0, 1), last[0].Digest
		}
		var first []struct {
			CreatedAt time.Time `bun:"created_at"`
		}
		if err := s.db.NewSelect().TableExpr("audit_events").Column("created_at").Where("created_at >= ?", from).
			OrderExpr("created_at").Limit(1).Scan(ctx, &first); err != nil {
			return n, err
		}
		if len(first) == 0 {
			return n, nil
		}
		day := first[0].CreatedAt.UTC().Truncate(24 * time.Hour)
		if now.Before(day.AddDate(0, 0, 1).Add(auditDayGrace)) {
			return n, nil
		}
		d, err := dayDigest(ctx, s.db, day, prev)
		if err != nil {
			return n, err
		}
		d.CreatedAt = now
		if _, err := s.db.NewInsert().Model(d).ModelTableExpr("audit_digests").On("CONFLICT (day) DO NOTHING").Exec(ctx); err != nil {
			return n, fmt.Errorf("audit : condensé du %s : %w", d.Day, err)
		}
		n++
	}
}

// verifyDays recomputes every daily digest and its link to the previous one.
func verifyDays(ctx context.Context, db bun.IDB, rep *AuditReport) error {
	var days []auditDigest
	if err := db.NewSelect().TableExpr("audit_digests").Column("day", "row_count", "last_id", "prev_digest", "digest").
		Order("day").Scan(ctx, &days); err != nil {
		return err
	}
	prev := ""
	for _, stored := range days {
		rep.Days++
		rep.LastDay, rep.LastDigest = stored.Day, stored.Digest
		day, err := time.Parse(time.DateOnly, stored.Day)
		if err != nil {
			return err
		}
		if stored.PrevDigest != prev {
			rep.add(AuditProblem{Kind: AuditChanged, Day: stored.Day,
				Message: fmt.Sprintf("condensé du %s : il ne suit plus celui du jour précédent (condensés modifiés)", stored.Day)})
			return nil
		}
		got, err := dayDigest(ctx, db, day, prev)
		if err != nil {
			return err
		}
		if got.Digest != stored.Digest {
			kind, what := AuditChanged, "une ligne de ce jour a été modifiée"
			switch {
			case got.RowCount < stored.RowCount:
				kind, what = AuditDeleted, fmt.Sprintf("%d lignes de ce jour supprimées (%d au lieu de %d)", stored.RowCount-got.RowCount, got.RowCount, stored.RowCount)
			case got.RowCount > stored.RowCount:
				kind, what = AuditInserted, fmt.Sprintf("%d lignes insérées à cette date (%d au lieu de %d)", got.RowCount-stored.RowCount, got.RowCount, stored.RowCount)
			}
			rep.add(AuditProblem{Kind: kind, Day: stored.Day, Message: fmt.Sprintf("condensé du %s : %s", stored.Day, what)})
			return nil
		}
		prev = stored.Digest
	}
	return nil
}
