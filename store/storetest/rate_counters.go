package storetest

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunRateCounters checks the counters shared limits keep: concurrent hits
// each get their own count, and the limiter over them allows its burst
// per window, takes a refund back, starts again in the next window and
// sweeps ended windows; with a burst large enough for credit, it counts
// in memory, and three limiters on one table (three instances) stay
// within the documented bound; a table that does not answer does not
// hold requests.
func RunRateCounters(t *testing.T, open Opener) {
	t.Run("concurrent hits", func(t *testing.T) { rateConcurrent(t, open(t).(crm.RateCounter)) })
	t.Run("limiter", func(t *testing.T) { rateLimiter(t, open(t).(crm.RateCounter)) })
	t.Run("credit", func(t *testing.T) { rateCredit(t, open(t).(crm.RateCounter)) })
	t.Run("three instances", func(t *testing.T) { rateInstances(t, open(t).(crm.RateCounter)) })
	t.Run("no answer", func(t *testing.T) { rateNoAnswer(t, open(t).(crm.RateCounter)) })
}

// watched is the store with its AddHits calls counted, and able to stop
// answering (until the caller gives up), as a database that hangs does.
type watched struct {
	crm.RateCounter
	calls atomic.Int64
	hang  atomic.Bool
}

func (w *watched) AddHits(ctx context.Context, counts []crm.RateCount) ([]int64, error) {
	w.calls.Add(1)
	if w.hang.Load() {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return w.RateCounter.AddHits(ctx, counts)
}

func hit(ctx context.Context, t *testing.T, s crm.RateCounter, key string, window, n int64) int64 {
	t.Helper()
	got, err := s.AddHits(ctx, []crm.RateCount{{Key: key, Window: window, Until: window + 60, N: n}})
	if err != nil {
		t.Fatal(err)
	}
	return got[0]
}

func rateConcurrent(t *testing.T, s crm.RateCounter) {
	ctx := context.Background()
	const n = 40
	got := make([]int64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c, err := s.AddHits(ctx, []crm.RateCount{{Key: "ip:1", Window: 600, Until: 660, N: 1}})
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = c[0]
		})
	}
	wg.Wait()
	slices.Sort(got)
	for i, c := range got {
		if c != int64(i+1) {
			t.Fatalf("counts %v, want 1..%d each once", got, n)
		}
	}
	// Several keys in one statement, each total in its place, with a
	// refund (negative) among them.
	totals, err := s.AddHits(ctx, []crm.RateCount{{Key: "ip:1", Window: 600, Until: 660, N: -2},
		{Key: "ip:2", Window: 600, Until: 660, N: 5}, {Key: "ip:1", Window: 660, Until: 720, N: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(totals, []int64{n - 2, 5, 1}) {
		t.Errorf("totals %v, want [%d 5 1]", totals, n-2)
	}
}

func rateLimiter(t *testing.T, s crm.RateCounter) {
	ctx := context.Background()
	l := crm.NewSharedLimiter(s, "form", 0.1, 3, nil).WithAskTimeout(time.Hour) // 3 per 30 s, no credit: every hit asks
	now := time.Unix(1_800_000_000, 0)                                          // a window's start (divisible by 30)
	for i := range 3 {
		if _, ok, _ := l.Spend(ctx, "k", now.Add(time.Duration(i)*time.Second)); !ok {
			t.Fatalf("hit %d refused", i+1)
		}
	}
	_, ok, wait := l.Spend(ctx, "k", now.Add(10*time.Second))
	if ok || wait != 20*time.Second {
		t.Errorf("4th hit: ok %v, wait %v; want refused, 20s", ok, wait)
	}
	if _, ok, _ := l.Spend(ctx, "other", now.Add(10*time.Second)); !ok {
		t.Error("another key was refused")
	}
	// Another instance gives two back: this one learns it when it next
	// asks, which a full key does not (it is full until its window ends).
	if got := hit(ctx, t, s, "form:k", now.Unix(), -2); got != 1 {
		t.Fatalf("the table counts %d after two refunds, want 1 (3 allowed, the refused one not counted, 2 back)", got)
	}
	if _, ok, _ := l.Spend(ctx, "k", now.Add(11*time.Second)); ok {
		t.Error("a full key was allowed again within its window")
	}
	l2 := crm.NewSharedLimiter(s, "form", 0.1, 3, nil).WithAskTimeout(time.Hour) // a fresh instance asks
	refund, ok, _ := l2.Spend(ctx, "k", now.Add(11*time.Second))
	if !ok {
		t.Fatal("refused after two hits were given back")
	}
	refund()
	for i := range 2 {
		if _, ok, _ := l2.Spend(ctx, "k", now.Add(12*time.Second)); !ok {
			t.Errorf("hit %d refused after a refund (2 of 3 were free)", i+1)
		}
	}
	if _, ok, _ := l2.Spend(ctx, "k", now.Add(12*time.Second)); ok {
		t.Error("allowed past the burst after a refund was spent again")
	}
	if _, ok, _ := l.Spend(ctx, "k", now.Add(30*time.Second)); !ok {
		t.Error("refused in the next window")
	}
	l.Flush(ctx, now.Add(30*time.Second))
	if err := s.SweepHits(ctx, now.Add(time.Hour).Unix()); err != nil {
		t.Fatal(err)
	}
	if c := hit(ctx, t, s, "form:k", now.Unix(), 1); c != 1 {
		t.Errorf("a swept window counts %d, want 1 (started again)", c)
	}
}

// rateCredit: with a burst of 1,600 (credit 100), 80 hits at one moment
// are let through in memory: the table hears of them from a flush when
// the first hit comes, one when half the credit is spent and the last,
// which brings it every hit.
func rateCredit(t *testing.T, s crm.RateCounter) {
	ctx := context.Background()
	w := &watched{RateCounter: s}
	l := crm.NewSharedLimiter(w, "form", 1600.0/60, 1600, nil).WithAskTimeout(time.Hour)
	now := time.Unix(1_800_000_000, 0)
	refund, _, _ := l.Spend(ctx, "k", now)
	refund()
	for i := range 80 {
		if _, ok, _ := l.Spend(ctx, "k", now); !ok {
			t.Fatalf("hit %d refused", i+1)
		}
	}
	l.Flush(ctx, now)
	if c := w.calls.Load(); c > 3 {
		t.Errorf("%d statements for 81 hits within the credit, want at most 3 (two flushes and the last)", c)
	}
	if got := hit(ctx, t, s, "form:k", now.Unix(), 0); got != 80 {
		t.Errorf("the table counts %d after the flush, want 80 (81 hits, 1 refunded)", got)
	}
}

// rateInstances floods three limiters on one table, as three instances
// would be, with a burst of 64 (credit 4): each lets through at most its
// credit beyond what the table told it, so the window takes between 64
// and 64 + 3×4 hits.
func rateInstances(t *testing.T, s crm.RateCounter) {
	ctx := context.Background()
	const burst, credit = 64, 64 / 16
	now := time.Unix(1_800_000_000, 0)
	var ls [3]*crm.SharedLimiter
	for i := range ls {
		// A slow answer on a loaded machine is not a silent database.
		ls[i] = crm.NewSharedLimiter(s, "ip", burst/60.0, burst, nil).WithAskTimeout(time.Hour)
	}
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for i := range 3 * 4 * burst {
		wg.Go(func() {
			// Time moves on within the window, so the flushes run too.
			at := now.Add(time.Duration(i) * 50 * time.Millisecond / 8)
			if _, ok, _ := ls[i%3].Spend(ctx, "a", at); ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if n := allowed.Load(); n < burst || n > burst+3*credit {
		t.Errorf("%d allowed over three instances, want %d to %d", n, burst, burst+3*credit)
	}
}

// rateNoAnswer: a table that does not answer holds a request at most its
// ask timeout, once; then hits are counted in memory, still refused at the
// burst, until the limiter asks again.
func rateNoAnswer(t *testing.T, s crm.RateCounter) {
	ctx := context.Background()
	w := &watched{RateCounter: s}
	w.hang.Store(true)
	l := crm.NewSharedLimiter(w, "login", 5.0/60, 5, nil).WithAskTimeout(50 * time.Millisecond) // no credit: every hit asks
	now := time.Unix(1_800_000_000, 0)
	began := time.Now()
	if _, ok, _ := l.Spend(ctx, "k", now); !ok {
		t.Fatal("refused while the database does not answer")
	}
	if d := time.Since(began); d > 10*time.Second {
		t.Errorf("the request waited %v", d)
	}
	for i := range 4 {
		if _, ok, _ := l.Spend(ctx, "k", now.Add(time.Second)); !ok {
			t.Fatalf("hit %d refused while the database does not answer", i+2)
		}
	}
	if c := w.calls.Load(); c != 1 {
		t.Errorf("the table was asked %d times, want once (then counted in memory)", c)
	}
	if _, ok, _ := l.Spend(ctx, "k", now.Add(time.Second)); ok {
		t.Error("a 6th hit allowed: the instance's own count reached the burst")
	}
	w.hang.Store(false)
	if _, ok, _ := l.Spend(ctx, "other", now.Add(10*time.Second)); !ok {
		t.Error("refused once the database answers again")
	}
	l.Flush(ctx, now.Add(10*time.Second))
	if got := hit(ctx, t, s, "login:k", now.Unix()-now.Unix()%60, 0); got != 5 {
		t.Errorf("the table counts %d hits of the silent time, want the 5 let through", got)
	}
}
