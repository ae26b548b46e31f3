package email

import (
	"context"
	"sync"
	"time"
)

// Supervisor runs one Poller per mailbox, starting pollers for mailboxes
// added or enabled later and stopping those removed or disabled. It looks
// every second (one small query), so a mailbox saved on any instance, or
// with the CLI, starts within a second.
type Supervisor struct {
	cfg   PollerConfig
	every time.Duration
}

// NewSupervisor returns a Supervisor that looks for mailbox changes every
// interval (a second when zero).
func NewSupervisor(cfg PollerConfig, every time.Duration) *Supervisor {
	cfg.defaults()
	return &Supervisor{cfg: cfg, every: orDuration(every, time.Second)}
}

// Run supervises until ctx ends, then waits for its pollers to stop.
func (s *Supervisor) Run(ctx context.Context) error {
	running := map[int64]context.CancelFunc{}
	var wg sync.WaitGroup
	defer func() {
		for _, stop := range running {
			stop()
		}
		wg.Wait()
	}()
	for {
		s.reconcile(ctx, running, &wg)
		if err := s.cfg.Wait(ctx, s.every); err != nil {
			return nil
		}
	}
}

func (s *Supervisor) reconcile(ctx context.Context, running map[int64]context.CancelFunc, wg *sync.WaitGroup) {
	ids, err := s.cfg.Store.EnabledMailboxes(ctx)
	if err != nil {
		s.cfg.Logger.Warn("list mailboxes", "err", err)
		return
	}
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
		if _, ok := running[id]; ok {
			continue
		}
		pctx, stop := context.WithCancel(ctx)
		running[id] = stop
		p := NewPoller(s.cfg, id)
		wg.Go(func() { p.Run(pctx) }) //nolint:errcheck // Run logs its own failures
	}
	for id, stop := range running {
		if !want[id] {
			stop()
			delete(running, id)
		}
	}
}
