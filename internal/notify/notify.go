// Package notify delivers the notifications of the transactional outbox by
// email, and enqueues the deadline reminders of open campaigns.
//
// Messages are written to the outbox table in the transaction of the change
// they announce (see workflow). A Worker, run by every server process, claims
// due messages in small batches under a lease (store.ClaimOutbox), renders
// their attachment, hands them to a Sender (SMTP relay, or the log when no
// relay is configured) and records the outcome: MarkSent, MarkFailed with an
// exponential backoff, or GiveUp for errors that retrying cannot cure.
//
// Delivery is at least once. The lease keeps concurrent workers off a message
// while one delivers it, and each batch is processed well within its lease.
// But a process that dies, or loses the database, after the relay accepted a
// message and before MarkSent is recorded leaves the message to be claimed
// again when its lease expires, and it is sent a second time. Recipients may
// thus rarely get a message twice; they never miss one.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/mail"
	"github.com/adullact/tnl/internal/store"
)

// Message is one email to send.
type Message struct {
	To          string
	Subject     string
	Body        string
	Attachments []Attachment
}

// Attachment is a file attached to a message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Sender delivers messages. A Sender returns an error wrapped with Permanent
// when retrying the same message cannot succeed.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// AttachmentFunc renders the attachment named by an outbox reference such as
// "receipt:42" at delivery time. It returns nil, nil when there is nothing
// to attach. Its errors are retried like sending errors, except those
// wrapped with Permanent (an unknown reference), which give the message up.
type AttachmentFunc func(ctx context.Context, ref string) (*Attachment, error)

// LogSender writes messages to the log instead of sending them, and reports
// them delivered: the staff outbox page shows them. It stands in for a relay
// when TNL_SMTP_URL is not set.
type LogSender struct {
	Logger *slog.Logger
}

// Send logs m.
func (l LogSender) Send(ctx context.Context, m Message) error {
	logger := l.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	attachments := make([]string, len(m.Attachments))
	for i, a := range m.Attachments {
		attachments[i] = fmt.Sprintf("%s (%s, %d octets)", a.Name, a.ContentType, len(a.Data))
	}
	logger.InfoContext(ctx, "notify: email logged, not sent (TNL_SMTP_URL unset)",
		"to", m.To, "subject", m.Subject, "body", m.Body, "attachments", attachments)
	return nil
}

// Config configures a Worker.
type Config struct {
	// SMTPURL is TNL_SMTP_URL (see NewSMTPSender). Empty: messages go to the log.
	SMTPURL string
	// From overrides the sender address given in SMTPURL, e.g.
	// "label@adullact.org" or "Label TNL <label@adullact.org>".
	From string
	// Mail writes the reminders.
	Mail *mail.Mailer
	// Interval is how often the outbox is polled (default 2 s).
	Interval time.Duration
	// ReminderInterval is how often deadline reminders are checked
	// (default 10 min).
	ReminderInterval time.Duration
	// Sender, when set, replaces the sender SMTPURL would choose: for tests
	// and tools.
	Sender Sender
	// Observe, when set, is told of each delivery attempt's outcome
	// (DeliverySent, DeliveryFailed, DeliveryGivenUp, DeliveryInterrupted).
	Observe func(outcome string)
}

// Outcomes of a delivery attempt, for Config.Observe.
const (
	DeliverySent        = "sent"
	DeliveryFailed      = "failed"
	DeliveryGivenUp     = "given_up"
	DeliveryInterrupted = "interrupted"
)

// Delivery tuning. A batch is delivered one message after the other, each
// within sendTimeout, so that the whole batch ends before its lease with a
// margin for clock differences between server processes.
const (
	batchSize     = 10
	sendTimeout   = time.Minute
	leaseMargin   = time.Minute
	lease         = batchSize*sendTimeout + leaseMargin
	recordTimeout = 10 * time.Second
	maxBatches    = 100 // per poll, so that reminders get their turn
	backoffBase   = time.Minute
	backoffCap    = 6 * time.Hour
)

// Worker delivers the outbox and enqueues deadline reminders.
type Worker struct {
	store            *store.Store
	sender           Sender
	attach           AttachmentFunc
	logger           *slog.Logger
	mail             *mail.Mailer
	observe          func(outcome string)
	interval         time.Duration
	reminderInterval time.Duration
	jitter           func() float64 // in [0, 1)
}

// New returns a worker delivering st's outbox. With cfg.SMTPURL empty (and no
// cfg.Sender) messages are written to logger. attach renders attachments; nil
// sends messages without them. An unreadable cfg.SMTPURL is an error whose
// French message names the problem.
func New(st *store.Store, cfg Config, logger *slog.Logger, attach AttachmentFunc) (*Worker, error) {
	if st == nil {
		return nil, errors.New("notify: nil store")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Mail == nil {
		return nil, errors.New("notify: no mailer to write the reminders")
	}
	w := &Worker{
		store: st, sender: cfg.Sender, attach: attach, logger: logger, mail: cfg.Mail, observe: cfg.Observe,
		interval: cfg.Interval, reminderInterval: cfg.ReminderInterval, jitter: rand.Float64,
	}
	if w.interval <= 0 {
		w.interval = 2 * time.Second
	}
	if w.reminderInterval <= 0 {
		w.reminderInterval = 10 * time.Minute
	}
	switch {
	case w.sender != nil:
	case strings.TrimSpace(cfg.SMTPURL) != "":
		s, err := NewSMTPSender(cfg.SMTPURL, cfg.From)
		if err != nil {
			return nil, err
		}
		logger.Info("notify: emails sent through SMTP relay", "relay", s.String())
		w.sender = s
	default:
		logger.Warn("notify: TNL_SMTP_URL unset, emails are written to the log and not sent")
		w.sender = LogSender{Logger: logger}
	}
	return w, nil
}

// Run delivers due messages every interval and checks reminders every
// reminder interval, until ctx ends. A full batch is followed at once by the
// next one.
func (w *Worker) Run(ctx context.Context) {
	tick := time.NewTicker(w.interval)
	defer tick.Stop()
	var nextReminders time.Time
	for {
		if now := time.Now(); !now.Before(nextReminders) {
			if _, err := w.Reminders(ctx); err != nil && ctx.Err() == nil {
				w.logger.Error("notify: deadline reminders", "err", err)
			}
			if _, err := w.JuryReminders(ctx); err != nil && ctx.Err() == nil {
				w.logger.Error("notify: jury reminders", "err", err)
			}
			nextReminders = now.Add(w.reminderInterval)
		}
		for range maxBatches {
			sent, failed, err := w.DeliverOnce(ctx)
			if err != nil && ctx.Err() == nil {
				w.logger.Error("notify: delivering the outbox", "err", err)
			}
			if err != nil || sent+failed < batchSize || ctx.Err() != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// DeliverOnce claims one batch of due messages and delivers it. It returns
// how many messages were sent and how many failed (to be retried, or given
// up); err reports a database error, after which some outcomes may not have
// been recorded (those messages are retried when their lease expires).
func (w *Worker) DeliverOnce(ctx context.Context) (sent, failed int, err error) {
	if ctx.Err() != nil {
		return 0, 0, ctx.Err()
	}
	leaseEnd := time.Now().Add(lease - leaseMargin)
	msgs, err := w.store.ClaimOutbox(ctx, batchSize, lease)
	if err != nil {
		return 0, 0, err
	}
	var errs []error
	for i := range msgs {
		m := &msgs[i]
		if ctx.Err() != nil || !time.Now().Before(leaseEnd) {
			// Shutting down (or, against the odds, out of lease): hand the
			// rest back for another worker at once.
			errs = append(errs, w.release(ctx, msgs[i:]))
			break
		}
		deadline := time.Now().Add(sendTimeout)
		if deadline.After(leaseEnd) {
			deadline = leaseEnd
		}
		sendErr := w.deliver(ctx, m, deadline)
		if sendErr == nil {
			sent++
		} else {
			failed++
		}
		if err := w.record(ctx, m, sendErr); err != nil {
			errs = append(errs, err)
		}
	}
	return sent, failed, errors.Join(errs...)
}

// deliver renders m's attachment and sends it before deadline.
func (w *Worker) deliver(ctx context.Context, m *domain.OutboxMessage, deadline time.Time) error {
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	msg := Message{To: m.Recipient, Subject: m.Subject, Body: m.Body}
	if m.Attachment != "" && w.attach != nil {
		a, err := w.attach(ctx, m.Attachment)
		if err != nil {
			return fmt.Errorf("pièce jointe « %s » : %w", m.Attachment, err)
		}
		if a != nil {
			msg.Attachments = append(msg.Attachments, *a)
		}
	}
	return w.sender.Send(ctx, msg)
}

// record stores the outcome of one delivery, even when ctx has just ended.
func (w *Worker) record(ctx context.Context, m *domain.OutboxMessage, sendErr error) error {
	interrupted := ctx.Err() != nil
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	log := w.logger.With("id", m.ID, "kind", m.Kind, "to", m.Recipient, "attempt", m.Attempts)
	switch {
	case sendErr == nil:
		log.Info("notify: email sent")
		w.observed(DeliverySent)
		return w.store.MarkSent(ctx, m.ID)
	case IsPermanent(sendErr):
		log.Error("notify: email given up", "err", sendErr)
		w.observed(DeliveryGivenUp)
		return w.store.GiveUp(ctx, m.ID, sendErr.Error())
	case interrupted:
		// Cut short by shutdown: another process may try again at once.
		log.Warn("notify: email interrupted", "err", sendErr)
		w.observed(DeliveryInterrupted)
		return w.store.MarkFailed(ctx, m.ID, "envoi interrompu par l’arrêt du serveur : "+sendErr.Error(), w.store.Now())
	}
	w.observed(DeliveryFailed)
	if m.Attempts >= store.MaxOutboxAttempts {
		log.Error("notify: email given up after its last attempt", "err", sendErr)
	} else {
		log.Warn("notify: email failed, will retry", "err", sendErr)
	}
	return w.store.MarkFailed(ctx, m.ID, sendErr.Error(), w.store.Now().Add(w.backoff(m.Attempts)))
}

func (w *Worker) observed(outcome string) {
	if w.observe != nil {
		w.observe(outcome)
	}
}

// release hands claimed messages back for immediate delivery by any worker.
func (w *Worker) release(ctx context.Context, msgs []domain.OutboxMessage) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	var errs []error
	for _, m := range msgs {
		errs = append(errs, w.store.MarkFailed(ctx, m.ID, "envoi interrompu par l’arrêt du serveur", w.store.Now()))
	}
	return errors.Join(errs...)
}

// backoff returns the wait after a message's attempts-th failed attempt:
// one minute, doubling each time up to six hours, give or take 10 %.
func (w *Worker) backoff(attempts int) time.Duration {
	d := backoffCap
	if n := attempts - 1; n >= 0 && n < 16 {
		d = min(backoffBase<<n, backoffCap)
	} else if n < 0 {
		d = backoffBase
	}
	d = time.Duration(float64(d) * (0.9 + 0.2*w.jitter()))
	return min(d, backoffCap)
}
