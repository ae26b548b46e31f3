package crm

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// Sweep is one kind of work done on time: care plans, pool reclaim,
// reminders. Run finds the due work itself by indexed queries and does each
// item once, keyed in the feature's own table (rule+record+period, plan+
// contact+occurrence…), so a sweep run twice does nothing twice.
type Sweep struct {
	Name  string        // unique; also its lease name
	Every time.Duration // how often it runs
	Run   func(ctx context.Context, now time.Time) error
}

// LeaseStore keeps general named leases, in their own table, so that of
// several instances on one database one at a time holds each name.
type LeaseStore interface {
	// TakeLease gives holder the lease name until until, unless another
	// holder's lease runs past now; it reports whether holder has it. A
	// holder may take its own lease again, to extend or shorten it.
	TakeLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error)
	// ReleaseLease gives up holder's lease on name, if it has it.
	ReleaseLease(ctx context.Context, name, holder string) error
}

// SchedulerConfig is what a Scheduler needs. Leases, Now and Holder are
// required.
type SchedulerConfig struct {
	Leases LeaseStore
	Now    func() time.Time
	Holder string // this instance, unique among instances (host, pid, random)
	Log    *slog.Logger
	// Poll is how often Run looks for due sweeps (default 15 s).
	Poll time.Duration
	// RunLease bounds how long a sweep's lease lasts while it runs (default
	// 5 min, at most Every): an instance that dies mid-run holds the sweep
	// no longer than this before another takes it over.
	RunLease time.Duration
}

// Scheduler runs sweeps on time across instances. A sweep's lease doubles
// as its timetable: while a sweep runs, its lease is short (RunLease); when
// the run succeeds the lease is extended to the start of the run plus
// Every, so no instance runs it again in that period; when it fails the
// lease is cut to a back-off, after which any instance retries. After
// downtime a sweep runs once, not once per missed period: what it missed
// is for the sweep's own query and grace window to find.
type Scheduler struct {
	cfg    SchedulerConfig
	sweeps []Sweep
	next   []time.Time // when this instance next tries each sweep
	fails  []int       // consecutive failures of each sweep, for the back-off
}

// NewScheduler returns a scheduler of sweeps. Sweeps with an empty name,
// a non-positive period or no Run are a programming error: it panics.
func NewScheduler(cfg SchedulerConfig, sweeps ...Sweep) *Scheduler {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 15 * time.Second
	}
	if cfg.RunLease <= 0 {
		cfg.RunLease = 5 * time.Minute
	}
	seen := map[string]bool{}
	for _, s := range sweeps {
		if s.Name == "" || s.Every <= 0 || s.Run == nil || seen[s.Name] {
			panic("crm: invalid or duplicate sweep " + s.Name)
		}
		seen[s.Name] = true
	}
	return &Scheduler{cfg: cfg, sweeps: sweeps, next: make([]time.Time, len(sweeps)), fails: make([]int, len(sweeps))}
}

// Tick runs each sweep that is due at Now(), under its lease, one after
// the other. It returns the first error of a sweep or a lease (the others
// still ran); tests call it after moving the clock.
func (s *Scheduler) Tick(ctx context.Context) error {
	var first error
	for i := range s.sweeps {
		if err := s.tickOne(ctx, i); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Run ticks until ctx ends, every Poll or sooner when a sweep falls due.
func (s *Scheduler) Run(ctx context.Context) {
	for {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Log.Warn("scheduler: tick", "err", err)
		}
		t := time.NewTimer(s.idle())
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// idle is how long Run may sleep: until the next sweep this instance will
// try, at most Poll, at least a second.
func (s *Scheduler) idle() time.Duration {
	d, now := s.cfg.Poll, s.cfg.Now()
	for _, n := range s.next {
		d = min(d, n.Sub(now))
	}
	return max(d, time.Second)
}

var errSweepPanicked = errors.New("sweep panicked")
