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

// JuryReminders enqueues the reminders to jurors before their jury's
// deadline (a campaign setting): seven days and again one day before it,
// one message to each juror with evaluations not submitted, saying how
// many. The dedup key rappel-jury:<stage>:<campaign id>:<juror id> makes
// it idempotent across calls and server processes. It returns how many it
// wrote.
func (w *Worker) JuryReminders(ctx context.Context) (int, error) {
	deadlines, err := w.store.JuryDeadlines(ctx)
	if err != nil {
		return 0, fmt.Errorf("jury reminders: %w", err)
	}
	now := w.store.Now()
	total := 0
	var errs []error
	for _, js := range deadlines {
		stage, due := reminderStage(*js.Deadline, now)
		if !due {
			continue
		}
		n, err := w.remindJurors(ctx, js, stage)
		total += n
		if err != nil {
			errs = append(errs, fmt.Errorf("jury reminders %s of campaign %d: %w", stage, js.CampaignID, err))
		}
	}
	return total, errors.Join(errs...)
}

func (w *Worker) remindJurors(ctx context.Context, js domain.JurySettings, stage string) (int, error) {
	cp, err := w.store.Campaign(ctx, js.CampaignID)
	if err != nil {
		return 0, err
	}
	targets, err := w.store.JuryReminderTargets(ctx, js.CampaignID)
	if err != nil || len(targets) == 0 {
		return 0, err
	}
	keys := make([]string, len(targets))
	for i, t := range targets {
		keys[i] = fmt.Sprintf("rappel-jury:%s:%d:%d", stage, js.CampaignID, t.UserID)
	}
	taken, err := w.store.DedupKeysTaken(ctx, keys)
	if err != nil {
		return 0, err
	}
	kind := "jury_rappel_" + strings.ToLower(strings.ReplaceAll(stage, "-", ""))
	var msgs []*domain.OutboxMessage
	for i, t := range targets {
		if taken[keys[i]] {
			continue
		}
		m, err := w.mail.Message(kind, t.Email, struct {
			Name     string
			Count    int
			Year     int
			Deadline time.Time
		}{strings.TrimSpace(t.Name), t.Pending, cp.Year, *js.Deadline})
		if err != nil {
			return 0, err
		}
		key := keys[i]
		m.DedupKey = &key
		msgs = append(msgs, m)
	}
	if len(msgs) == 0 {
		return 0, nil
	}
	if err := w.store.InTx(ctx, func(tx *store.Tx) error { return tx.Enqueue(ctx, msgs...) }); err != nil {
		return 0, err
	}
	w.logger.Info("notify: jury reminders enqueued", "year", cp.Year, "stage", stage, "count", len(msgs))
	return len(msgs), nil
}
