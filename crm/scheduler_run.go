package crm

import (
	"context"
	"fmt"
	"time"
)

// tickOne runs sweep i if it is due here and this instance gets its lease.
func (s *Scheduler) tickOne(ctx context.Context, i int) error {
	sw, now := s.sweeps[i], s.cfg.Now()
	if now.Before(s.next[i]) {
		return nil
	}
	ok, err := s.cfg.Leases.TakeLease(ctx, sw.Name, s.cfg.Holder, now, now.Add(min(s.cfg.RunLease, sw.Every)))
	if err != nil {
		s.next[i] = now.Add(min(s.cfg.Poll, sw.Every))
		return fmt.Errorf("scheduler: lease %s: %w", sw.Name, err)
	}
	if !ok {
		// Another instance runs it, or ran it this period: look again
		// later; the lease says when it may fall due.
		s.next[i] = now.Add(min(s.cfg.Poll, sw.Every))
		return nil
	}
	runErr := s.runSweep(ctx, sw, now)
	return s.finish(ctx, i, now, runErr)
}

// runSweep calls the sweep, turning a panic into an error so that one bad
// sweep cannot stop the others or the server.
func (s *Scheduler) runSweep(ctx context.Context, sw Sweep, now time.Time) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", errSweepPanicked, p)
		}
	}()
	return sw.Run(ctx, now)
}

// finish records the run in the lease: held until the next period after a
// success, a back-off after a failure, given up when the server is
// stopping mid-run (the work is unfinished: another instance may take it).
func (s *Scheduler) finish(ctx context.Context, i int, start time.Time, runErr error) error {
	sw := s.sweeps[i]
	if runErr != nil && ctx.Err() != nil {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		return s.cfg.Leases.ReleaseLease(rctx, sw.Name, s.cfg.Holder)
	}
	until := start.Add(sw.Every)
	if runErr != nil {
		s.fails[i]++
		until = s.cfg.Now().Add(s.backoff(sw, s.fails[i]))
		s.cfg.Log.Warn("scheduler: sweep failed", "sweep", sw.Name, "failures", s.fails[i], "retry_at", until, "err", runErr)
	} else {
		s.fails[i] = 0
	}
	s.next[i] = until
	if _, err := s.cfg.Leases.TakeLease(ctx, sw.Name, s.cfg.Holder, s.cfg.Now(), until); err != nil {
		return fmt.Errorf("scheduler: keep lease %s: %w", sw.Name, err)
	}
	if runErr != nil {
		return fmt.Errorf("scheduler: sweep %s: %w", sw.Name, runErr)
	}
	return nil
}

// backoff doubles from 30 s with each failure in a row, never past the
// sweep's own period.
func (s *Scheduler) backoff(sw Sweep, fails int) time.Duration {
	d := 30 * time.Second << min(fails-1, 10)
	return min(d, sw.Every)
}
