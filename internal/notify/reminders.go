package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Reminder stages before a campaign's deadline.
const (
	stageWeek = "J-7"
	stageDay  = "J-1"
)

// signature ends every message, as in workflow's notifications.
const signature = "\n\n—\nL’équipe du label Territoire Numérique Libre (ADULLACT)\nCe message est envoyé automatiquement : pour nous écrire, répondez depuis la plateforme."

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
		if cp.State != workflow.CampagneOuverte {
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
			if c.State != workflow.Brouillon {
				continue
			}
			if err := tx.Enqueue(ctx, reminderMessage(cp, t, stage, w.baseURL)); err != nil {
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
func reminderMessage(cp *domain.Campaign, t store.ReminderTarget, stage, baseURL string) *domain.OutboxMessage {
	deadline := fr.Deadline(cp.ClosesAt)
	greeting := "Bonjour,"
	if name := strings.TrimSpace(t.EluName); name != "" {
		greeting = "Bonjour " + name + ","
	}
	subject := fmt.Sprintf("Rappel : la candidature de %s n’est pas encore déposée", t.CollectiviteName)
	left := "Il reste moins d’une semaine."
	if stage == stageDay {
		subject = fmt.Sprintf("Dernier rappel : la candidature de %s est à déposer au plus tard le %s (heure de Paris)", t.CollectiviteName, deadline)
		left = "Il reste moins de 24 heures."
	}
	body := fmt.Sprintf(`%s

La candidature de %s au label Territoire Numérique Libre %d (référence %s) n’est pas encore déposée : elle est toujours à l’état de brouillon, et le jury ne pourra pas l’examiner si elle n’est pas déposée à temps.

Date limite de dépôt : %s (heure de Paris). %s

Pour la terminer, ouvrez la candidature, complétez les réponses manquantes, cochez l’attestation sur l’honneur puis déposez-la :
%s/candidatures/%d

Si la collectivité a renoncé à candidater cette année, vous pouvez ignorer ce message.`,
		greeting, t.CollectiviteName, cp.Year, t.Reference, deadline, left, baseURL, t.CandidatureID)
	key := reminderKey(stage, t.CandidatureID)
	return &domain.OutboxMessage{
		Kind:      "rappel_" + strings.ToLower(strings.ReplaceAll(stage, "-", "")),
		Recipient: t.EluEmail,
		Subject:   subject,
		Body:      body + signature,
		DedupKey:  &key,
	}
}
