package privacy

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Rule is a retention rule: which subjects of an area reach the end of
// their retention, and how one is deleted.
type Rule struct {
	// Name identifies the rule (its notices, its metrics): « brouillons ».
	Name string
	// Treatment describes it on the « Données personnelles » page.
	Treatment Treatment
	// Expiring lists the subjects whose retention ends before until.
	Expiring func(ctx context.Context, until time.Time) ([]Expiring, error)
	// Delete deletes one subject in tx if its retention has ended at now,
	// and reports whether it did (false: it was used again meanwhile).
	Delete func(ctx context.Context, tx *store.Tx, id int64, now time.Time) (bool, error)
}

// Expiring is a subject whose retention ends soon.
type Expiring struct {
	ID   int64
	Ends time.Time
	// What names it in the notice: « le brouillon de candidature de … ».
	What string
	// Keep says, in the notice, how to keep it (empty: it cannot be kept).
	Keep string
	// Notify are the people told before the deletion.
	Notify []Recipient
}

// Recipient is a person told of a deletion.
type Recipient struct{ Email, Name string }

// Service applies the retention rules, exports and deletes accounts.
type Service struct {
	store    *store.Store
	engine   *workflow.Engine
	mailer   *mail.Mailer
	settings Settings
	rules    []Rule
	logger   *slog.Logger
	observe  func(rule, action string, n int)
}

// New returns the service with the drafts' and accounts' rules registered
// (those whose duration is not zero).
func New(st *store.Store, engine *workflow.Engine, mailer *mail.Mailer, settings Settings, logger *slog.Logger) *Service {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Service{store: st, engine: engine, mailer: mailer, settings: settings, logger: logger}
	if settings.DraftMonths > 0 {
		s.Register(s.draftsRule())
	}
	if settings.AccountYears > 0 {
		s.Register(s.accountsRule())
	}
	return s
}

// Register adds an area's retention rule.
func (s *Service) Register(r Rule) { s.rules = append(s.rules, r) }

// Settings returns the retention durations.
func (s *Service) Settings() Settings { return s.settings }

// Observe sets the function told of the notices sent ("avis") and the
// subjects deleted ("suppression") by each rule: the server counts them.
func (s *Service) Observe(fn func(rule, action string, n int)) { s.observe = fn }

// Actions counted by Observe.
const (
	ActionNotice = "avis"
	ActionDelete = "suppression"
)

func (s *Service) count(rule, action string, n int) {
	if s.observe != nil && n > 0 {
		s.observe(rule, action, n)
	}
}

// Report is what one run of the rules did.
type Report struct {
	Notices, Deleted map[string]int // by rule
}

// Run applies every rule once: a notice to the people concerned for each
// subject whose retention ends within the notice period, and the deletion
// of those whose retention has ended and whose notice was sent at least
// that long ago. A subject used again after its notice (an account signed
// in) is no longer listed: its notice is forgotten. Several processes may
// run it at once: each notice is sent once (its row is the lock), each
// deletion happens once (under the subject's lock).
func (s *Service) Run(ctx context.Context) (*Report, error) {
	rep := &Report{Notices: map[string]int{}, Deleted: map[string]int{}}
	for _, r := range s.rules {
		if err := s.runRule(ctx, r, rep); err != nil {
			return rep, fmt.Errorf("conservation « %s » : %w", r.Name, err)
		}
	}
	return rep, nil
}

func (s *Service) runRule(ctx context.Context, r Rule, rep *Report) error {
	now := s.store.Now()
	notice := s.settings.Notice()
	expiring, err := r.Expiring(ctx, now.Add(notice))
	if err != nil {
		return err
	}
	notices, err := s.store.RetentionNotices(ctx, r.Name)
	if err != nil {
		return err
	}
	listed := map[int64]bool{}
	for _, e := range expiring {
		listed[e.ID] = true
		n, sent := notices[e.ID]
		if !sent {
			if err := s.notify(ctx, r, e, now, notice); err != nil {
				return err
			}
			rep.Notices[r.Name]++
			continue
		}
		if now.Before(n.DeletesAt) || now.Before(e.Ends) {
			continue
		}
		deleted := false
		err := s.store.InTx(ctx, func(tx *store.Tx) error {
			var err error
			if deleted, err = r.Delete(ctx, tx, e.ID, now); err != nil {
				return err
			}
			return tx.DeleteRetentionNotice(ctx, r.Name, e.ID)
		})
		if err != nil {
			return err
		}
		if deleted {
			rep.Deleted[r.Name]++
			s.logger.Info("retention: deleted", "rule", r.Name, "id", e.ID)
		}
	}
	for id := range notices {
		if !listed[id] {
			if err := s.store.DeleteRetentionNotice(ctx, r.Name, id); err != nil {
				return err
			}
		}
	}
	s.count(r.Name, ActionNotice, rep.Notices[r.Name])
	s.count(r.Name, ActionDelete, rep.Deleted[r.Name])
	return nil
}

// notify records the notice of a subject and enqueues its messages, in
// one transaction, unless another process did it first.
func (s *Service) notify(ctx context.Context, r Rule, e Expiring, now time.Time, notice time.Duration) error {
	deletes := e.Ends
	if earliest := now.Add(notice); deletes.Before(earliest) {
		deletes = earliest
	}
	return s.store.InTx(ctx, func(tx *store.Tx) error {
		first, err := tx.AddRetentionNotice(ctx, store.RetentionNotice{Rule: r.Name, SubjectID: e.ID, NotifiedAt: now, DeletesAt: deletes})
		if err != nil || !first {
			return err
		}
		for _, to := range e.Notify {
			msg, err := s.mailer.Message("conservation_avis", to.Email, struct {
				Name, What, Keep string
				Deletes          time.Time
			}{to.Name, e.What, e.Keep, deletes})
			if err != nil {
				return err
			}
			key := fmt.Sprintf("conservation:%s:%d:%s:%s", r.Name, e.ID, deletes.Format(time.DateOnly), to.Email)
			msg.DedupKey = &key
			if err := tx.Enqueue(ctx, msg); err != nil {
				return err
			}
		}
		return nil
	})
}

// recipients turns accounts into the people to notify (deleted ones aside).
func recipients(users []domain.User) []Recipient {
	var out []Recipient
	for _, u := range users {
		if u.DeletedAt == nil {
			out = append(out, Recipient{Email: u.Email, Name: u.Name})
		}
	}
	return out
}

// Principal of the retention rules in the audit trail.
func retention() policy.Principal { return policy.Platform() }
