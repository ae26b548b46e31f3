package web

import (
	"context"
	"testing"
	"time"
)

// TestHashGate: one slot; a full gate with no wait refuses at once; a
// bounded number of attempts may wait, the next is refused at once; a
// waiter gets the slot when it frees, or gives up with its request.
func TestHashGate(t *testing.T) {
	ctx := context.Background()
	g := newHashGate(1, -1)
	release, ok := g.enter(ctx)
	if !ok {
		t.Fatal("an empty gate refused")
	}
	if _, ok := g.enter(ctx); ok {
		t.Fatal("a full gate with no wait let a second hash in")
	}
	release()

	g = newHashGate(1, time.Hour)
	release, _ = g.enter(ctx)
	wctx, cancel := context.WithCancel(ctx)
	results := make(chan bool, waitersPerSlot)
	for range waitersPerSlot {
		go func() {
			r, ok := g.enter(wctx)
			if ok {
				r()
			}
			results <- ok
		}()
	}
	for len(g.waiters) < waitersPerSlot { // all queued
		time.Sleep(time.Millisecond)
	}
	if _, ok := g.enter(ctx); ok {
		t.Fatal("an attempt past the queue's bound was let in")
	}
	release()
	if !<-results {
		t.Fatal("a waiter did not get the freed slot")
	}
	cancel()
	admitted := 0
	for range waitersPerSlot - 1 {
		if <-results {
			admitted++
		}
	}
	if len(g.slots) != 0 || len(g.waiters) != 0 {
		t.Errorf("after everyone left: %d slots held, %d waiting", len(g.slots), len(g.waiters))
	}
	t.Logf("%d more waiters got the slot before the requests ended", admitted)
}
