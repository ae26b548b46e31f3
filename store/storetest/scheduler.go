package storetest

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testkit"
)

// TwoOpener returns two handles (two connection pools, as two instances
// would have) on one fresh, migrated database.
type TwoOpener = func(t *testing.T) (crm.Store, crm.Store)

// RunScheduler checks the scheduler on two instances sharing a database:
// each sweep runs once per period whichever instances tick, and a run
// whose instance dies is taken over when its lease ends.
func RunScheduler(t *testing.T, open TwoOpener) {
	t.Run("OncePerPeriod", func(t *testing.T) { schedulerOncePerPeriod(t, open) })
	t.Run("CrashTakenOver", func(t *testing.T) { schedulerCrashTakenOver(t, open) })
	t.Run("FailureBacksOff", func(t *testing.T) { schedulerBacksOff(t, open) })
}

// periods counts a sweep's runs per period of its clock.
type periods struct {
	mu    sync.Mutex
	t0    time.Time
	every time.Duration
	runs  map[int]int
}

func (p *periods) run(_ context.Context, now time.Time) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.runs[int(now.Sub(p.t0)/p.every)]++
	return nil
}

func schedulerOncePerPeriod(t *testing.T, open TwoOpener) {
	a, b := open(t)
	clock := testkit.NewClock(aTime(0))
	hourly := &periods{t0: clock.Now(), every: time.Hour, runs: map[int]int{}}
	daily := &periods{t0: clock.Now(), every: 24 * time.Hour, runs: map[int]int{}}
	mk := func(s crm.Store, holder string) *crm.Scheduler {
		return crm.NewScheduler(crm.SchedulerConfig{Leases: s, Now: clock.Now, Holder: holder},
			crm.Sweep{Name: "hourly", Every: time.Hour, Run: hourly.run},
			crm.Sweep{Name: "daily", Every: 24 * time.Hour, Run: daily.run})
	}
	scheds := []*crm.Scheduler{mk(a, "instance-a"), mk(b, "instance-b")}
	// Both instances tick together every 20 minutes for three days.
	for step := 0; step < 3*24*3; step++ {
		var wg sync.WaitGroup
		for _, s := range scheds {
			wg.Go(func() {
				if err := s.Tick(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		clock.Add(20 * time.Minute)
	}
	for name, p := range map[string]*periods{"hourly": hourly, "daily": daily} {
		want := int(3 * 24 * time.Hour / p.every)
		if len(p.runs) != want {
			t.Errorf("%s ran in %d periods, want %d", name, len(p.runs), want)
		}
		for k, n := range p.runs {
			if n != 1 {
				t.Errorf("%s ran %d times in period %d, want once", name, n, k)
			}
		}
	}
}

func schedulerCrashTakenOver(t *testing.T, open TwoOpener) {
	a, b := open(t)
	clock := testkit.NewClock(aTime(0))
	started, hang := make(chan struct{}), make(chan struct{})
	dying := crm.NewScheduler(crm.SchedulerConfig{Leases: a, Now: clock.Now, Holder: "dies", RunLease: 5 * time.Minute},
		crm.Sweep{Name: "reclaim", Every: time.Hour, Run: func(context.Context, time.Time) error {
			close(started)
			<-hang // the instance dies here: it never finishes nor releases
			return nil
		}})
	done := make(chan struct{})
	go func() { defer close(done); dying.Tick(ctx) }()
	<-started
	var ran []time.Time
	other := crm.NewScheduler(crm.SchedulerConfig{Leases: b, Now: clock.Now, Holder: "survives", Poll: time.Second},
		crm.Sweep{Name: "reclaim", Every: time.Hour, Run: func(_ context.Context, now time.Time) error {
			ran = append(ran, now)
			return nil
		}})
	t0 := clock.Now()
	for _, d := range []time.Duration{0, time.Minute, 4*time.Minute + 59*time.Second, 5 * time.Minute, 10 * time.Minute} {
		clock.Set(t0.Add(d))
		must(t, other.Tick(ctx))
	}
	close(hang)
	<-done
	if len(ran) != 1 || !ran[0].Equal(t0.Add(5*time.Minute)) {
		t.Fatalf("the survivor ran at %v, want once at %v (when the dead run's lease ended)", ran, t0.Add(5*time.Minute))
	}
}

// schedulerBacksOff: a failing sweep is retried after 30 s, then 60 s, by
// whichever instance ticks first, and after a success waits its period.
func schedulerBacksOff(t *testing.T, open TwoOpener) {
	a, b := open(t)
	clock := testkit.NewClock(aTime(0))
	t0 := clock.Now()
	var tries []time.Duration
	run := func(_ context.Context, now time.Time) error {
		tries = append(tries, now.Sub(t0))
		if len(tries) < 3 {
			return errors.New("the database of a channel is away")
		}
		return nil
	}
	var scheds []*crm.Scheduler
	for i, s := range []crm.Store{a, b} {
		scheds = append(scheds, crm.NewScheduler(crm.SchedulerConfig{Leases: s, Now: clock.Now, Holder: "i" + strconv.Itoa(i)},
			crm.Sweep{Name: "remind", Every: time.Hour, Run: run}))
	}
	for at := time.Duration(0); at <= 2*time.Hour; at += 10 * time.Second {
		clock.Set(t0.Add(at))
		for _, s := range scheds {
			s.Tick(ctx) // the failures are the point here
		}
	}
	want := []time.Duration{0, 30 * time.Second, 90 * time.Second, time.Hour + 90*time.Second}
	same(t, "tries after t0", tries, want)
}
