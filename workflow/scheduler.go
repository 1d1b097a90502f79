package workflow

import (
	"context"
	"log/slog"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
)

// Scheduler fires the timed events of every registered definition when
// they are due (a campaign opening or closing, a request left unclaimed).
// Several server processes may run one each: the engine's optimistic
// versioning lets only one of them fire each transition; the others see a
// conflict or a state that no longer allows it, and move on.
type Scheduler struct {
	engine   *Engine
	interval time.Duration
	logger   *slog.Logger
}

// NewScheduler returns a scheduler ticking every interval.
func NewScheduler(e *Engine, interval time.Duration, logger *slog.Logger) *Scheduler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{engine: e, interval: interval, logger: logger}
}

// Run ticks until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(s.interval)
	defer t.Stop()
	for {
		s.Tick(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick fires every due timed event once and returns the transitions this
// process made.
func (s *Scheduler) Tick(ctx context.Context) []*Transition {
	now := s.engine.store.Now()
	var done []*Transition
	for _, name := range s.engine.order {
		lc := s.engine.defs[name]
		for _, timer := range lc.timers() {
			due, err := timer.Due(ctx, s.engine.store, now)
			if err != nil {
				s.logger.Error("scheduler: listing due subjects", "lifecycle", name, "event", timer.Event, "err", err)
				continue
			}
			for _, d := range due {
				if t := s.fire(ctx, name, timer.Event, d); t != nil {
					done = append(done, t)
				}
			}
		}
	}
	return done
}

func (s *Scheduler) fire(ctx context.Context, lifecycle, event string, d Due) *Transition {
	log := s.logger.With("lifecycle", lifecycle, "id", d.ID, "event", event)
	t, err := s.engine.Fire(ctx, lifecycle, d.ID, event, policy.Platform(), Input{ExpectedVersion: d.Version})
	switch domain.ErrorCode(err) {
	case "":
		log.Info("scheduler: timed event fired")
		return t
	case domain.EConflict:
		log.Debug("scheduler: another process got there first")
	case domain.EUnprocessable:
		// A guard holds the subject back (e.g. a campaign whose deadline
		// passed before it opened): staff must see it, at every tick.
		log.Warn("scheduler: timed event blocked", "reason", err.Error())
	default:
		log.Error("scheduler: timed event failed", "err", err)
	}
	return nil
}
