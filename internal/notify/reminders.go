package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// Reminder stages before a campaign's deadline.
const (
	stageWeek = "J-7"
	stageDay  = "J-1"
)

// reminderStage returns the reminder due at now for a campaign closing at
// closesAt: J-1 in the last 24 hours, J-7 in the six days before, none
// otherwise. Only the latest stage is ever due: a campaign opened, or a
// server started, less than a day before the deadline sends J-1 alone,
// since a J-7 reminder would then repeat it in the same hour.
func reminderStage(closesAt, now time.Time) (string, bool) {
	switch {
	case !now.Before(closesAt):
		return "", false
	case !now.Before(closesAt.Add(-24 * time.Hour)):
		return stageDay, true
	case !now.Before(closesAt.Add(-7 * 24 * time.Hour)):
		return stageWeek, true
	}
	return "", false
}

// Reminders enqueues the deadline reminders due now: for each open campaign,
// one message to the élu of each candidature still in draft, seven days and
// again one day before the deadline. The dedup key
// rappel:<stage>:<candidature id> makes it idempotent, across calls and
// across server processes. It returns how many reminders it wrote (a
// concurrent process may have written some of the same first; they are then
// dropped).
func (w *Worker) Reminders(ctx context.Context) (int, error) {
	campaigns, err := w.store.Campaigns(ctx)
	if err != nil {
		return 0, fmt.Errorf("reminders: %w", err)
	}
	now := w.store.Now()
	total := 0
	var errs []error
	for i := range campaigns {
		cp := &campaigns[i]
		if cp.State != domain.CampagneOuverte {
			continue
		}
		stage, due := reminderStage(cp.ClosesAt, now)
		if !due {
			continue
		}
		n, err := w.remind(ctx, cp, stage)
		total += n
		if err != nil {
			errs = append(errs, fmt.Errorf("reminders %s of campaign %d: %w", stage, cp.Year, err))
		}
	}
	return total, errors.Join(errs...)
}

func (w *Worker) remind(ctx context.Context, cp *domain.Campaign, stage string) (int, error) {
	targets, err := w.store.DraftReminderTargets(ctx, cp.ID)
	if err != nil || len(targets) == 0 {
		return 0, err
	}
	keys := make([]string, len(targets))
	for i, t := range targets {
		keys[i] = reminderKey(stage, t.CandidatureID)
	}
	taken, err := w.store.DedupKeysTaken(ctx, keys)
	if err != nil {
		return 0, err
	}
	var todo []store.ReminderTarget
	for i, t := range targets {
		if !taken[keys[i]] && t.EluEmail != "" {
			todo = append(todo, t)
		}
	}
	if len(todo) == 0 {
		return 0, nil
	}
	n := 0
	err = w.store.InTx(ctx, func(tx *store.Tx) error {
		n = 0
		for _, t := range todo {
			// Read again under lock: a candidature submitted since the
			// listing gets no reminder, and one being submitted waits for
			// this transaction.
			c, err := tx.CandidatureForShare(ctx, t.CandidatureID)
			if err != nil {
				return err
			}
			if c.State != domain.Brouillon {
				continue
			}
			m, err := w.reminderMessage(cp, t, stage)
			if err != nil {
				return err
			}
			if err := tx.Enqueue(ctx, m); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if n > 0 {
		w.logger.Info("notify: deadline reminders enqueued", "year", cp.Year, "stage", stage, "count", n)
	}
	return n, nil
}

func reminderKey(stage string, candidatureID int64) string {
	return fmt.Sprintf("rappel:%s:%d", stage, candidatureID)
}

// reminderMessage writes the reminder of one draft candidature.
func (w *Worker) reminderMessage(cp *domain.Campaign, t store.ReminderTarget, stage string) (*domain.OutboxMessage, error) {
	kind := "rappel_" + strings.ToLower(strings.ReplaceAll(stage, "-", ""))
	m, err := w.mail.Message(kind, t.EluEmail, struct {
		Name, Collectivite, Reference string
		Year                          int
		ID                            int64
		Deadline                      time.Time
	}{strings.TrimSpace(t.EluName), t.CollectiviteName, t.Reference, cp.Year, t.CandidatureID, cp.ClosesAt})
	if err != nil {
		return nil, err
	}
	key := reminderKey(stage, t.CandidatureID)
	m.DedupKey = &key
	return m, nil
}
