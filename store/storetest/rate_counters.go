package storetest

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunRateCounters checks the counters shared limits keep: concurrent hits
// each get their own count, and the limiter over them allows its burst
// per window, takes a refund back, starts again in the next window and
// sweeps ended windows.
func RunRateCounters(t *testing.T, open Opener) {
	t.Run("concurrent hits", func(t *testing.T) { rateConcurrent(t, open(t).(crm.RateCounter)) })
	t.Run("limiter", func(t *testing.T) { rateLimiter(t, open(t).(crm.RateCounter)) })
}

func rateConcurrent(t *testing.T, s crm.RateCounter) {
	ctx := context.Background()
	const n = 40
	got := make([]int64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c, err := s.CountHit(ctx, "ip:1", 600, 660)
			if err != nil {
				t.Error(err)
			}
			got[i] = c
		})
	}
	wg.Wait()
	slices.Sort(got)
	for i, c := range got {
		if c != int64(i+1) {
			t.Fatalf("counts %v, want 1..%d each once", got, n)
		}
	}
	if c, _ := s.CountHit(ctx, "ip:2", 600, 660); c != 1 {
		t.Errorf("another key starts at %d", c)
	}
}

func rateLimiter(t *testing.T, s crm.RateCounter) {
	ctx := context.Background()
	l := crm.NewSharedLimiter(s, "form", 0.1, 3, nil) // 3 per 30 s
	now := time.Unix(1_800_000_000, 0)                // a window's start (divisible by 30)
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
	s.UncountHit(ctx, "form:k", now.Unix())
	s.UncountHit(ctx, "form:k", now.Unix()) // the refused hit counted too
	refund, ok, _ := l.Spend(ctx, "k", now.Add(11*time.Second))
	if !ok {
		t.Fatal("refused after two hits were given back")
	}
	refund()
	if _, ok, _ := l.Spend(ctx, "k", now.Add(12*time.Second)); !ok {
		t.Error("refused after a refund")
	}
	if _, ok, _ := l.Spend(ctx, "k", now.Add(30*time.Second)); !ok {
		t.Error("refused in the next window")
	}
	if err := s.SweepHits(ctx, now.Add(time.Hour).Unix()); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.CountHit(ctx, "form:k", now.Unix(), now.Unix()+30); c != 1 {
		t.Errorf("a swept window counts %d, want 1 (started again)", c)
	}
}
