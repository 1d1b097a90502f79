package workflow

import (
	"context"
	"log/slog"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

// Scheduler opens and closes campaigns at their instants. Several server
// processes may run one each: the engine's optimistic versioning lets only
// one of them fire each transition; the others see a conflict or a state
// that no longer allows it, and move on.
type Scheduler struct {
	engine   *Engine
	store    *store.Store
	interval time.Duration
	logger   *slog.Logger
}

// NewScheduler returns a scheduler ticking every interval.
func NewScheduler(e *Engine, st *store.Store, interval time.Duration, logger *slog.Logger) *Scheduler {
	return &Scheduler{engine: e, store: st, interval: interval, logger: logger}
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

// Tick fires every due opening and closing once and returns the transitions
// this process made.
func (s *Scheduler) Tick(ctx context.Context) []*Transition {
	now := s.engine.env.Now()
	var done []*Transition
	for _, due := range []struct{ state, column, event string }{
		{CampagnePreparation, "opens_at", "ouvrir"},
		{CampagneOuverte, "closes_at", "clore"},
	} {
		campaigns, err := s.store.CampaignsDue(ctx, due.state, due.column, now)
		if err != nil {
			s.logger.Error("scheduler: listing due campaigns", "err", err)
			continue
		}
		for _, c := range campaigns {
			t, err := s.engine.Fire(ctx, "campagne", c.ID, due.event, SystemActor(), Input{ExpectedVersion: c.Version})
			switch code := domain.ErrorCode(err); code {
			case "":
				s.logger.Info("scheduler: campaign transition", "year", c.Year, "event", due.event)
				done = append(done, t)
			case domain.EConflict:
				s.logger.Debug("scheduler: another process got there first", "year", c.Year, "event", due.event)
			case domain.EUnprocessable:
				// A guard holds the campaign back (e.g. its deadline passed
				// before it opened): staff must see it, at every tick.
				s.logger.Warn("scheduler: campaign transition blocked", "year", c.Year, "event", due.event, "reason", err.Error())
			default:
				s.logger.Error("scheduler: campaign transition failed", "year", c.Year, "event", due.event, "err", err)
			}
		}
	}
	return done
}
