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
	jobs     []*scheduledJob
	observer SchedulerObserver
}

// Job is a periodic task the scheduler runs besides the timed events: the
// audit trail's daily check, the retention of personal data. Each process
// runs its own (every server runs a scheduler): a job must be safe to run
// in several processes at once.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) error
}

type scheduledJob struct {
	Job
	next time.Time // of this process's clock
}

// SchedulerObserver is told what the scheduler did; either function may
// be nil.
type SchedulerObserver struct {
	// Run is told of each run: its duration and the timed events fired.
	Run func(d time.Duration, fired int)
	// Job is told of each job run.
	Job func(name string, d time.Duration, err error)
}

// AddJob adds a periodic job, first run at the next tick.
func (s *Scheduler) AddJob(j Job) { s.jobs = append(s.jobs, &scheduledJob{Job: j}) }

// Observe sets what is told of the scheduler's runs.
func (s *Scheduler) Observe(o SchedulerObserver) { s.observer = o }

// NewScheduler returns a scheduler ticking every interval.
func NewScheduler(e *Engine, interval time.Duration, logger *slog.Logger) *Scheduler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{engine: e, interval: interval, logger: logger}
}

// Run ticks until ctx ends: the timed events, then the jobs that are due.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(s.interval)
	defer t.Stop()
	for {
		start := time.Now()
		fired := s.Tick(ctx)
		s.RunJobs(ctx)
		if s.observer.Run != nil {
			s.observer.Run(time.Since(start), len(fired))
		}
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

// RunJobs runs the jobs whose time has come (every job at the first call).
func (s *Scheduler) RunJobs(ctx context.Context) {
	for _, j := range s.jobs {
		now := time.Now()
		if now.Before(j.next) || ctx.Err() != nil {
			continue
		}
		j.next = now.Add(j.Every)
		err := j.Run(ctx)
		if err != nil && ctx.Err() == nil {
			s.logger.Error("scheduler: job failed", "job", j.Name, "err", err)
		}
		if s.observer.Job != nil {
			s.observer.Job(j.Name, time.Since(now), err)
		}
	}
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
