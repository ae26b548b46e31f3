package web

import (
	"context"
	"runtime/debug"
	"time"
)

// Password hashing is bounded: each argon2id check holds 64 MiB for as long
// as it runs, so twenty concurrent wrong passwords once took the process to
// 1.3 GB. A few slots run at once; a few more attempts wait briefly for one;
// the rest are told to come back (429). Unknown emails go through the same
// gate and the same hash, so the gate tells nothing about which emails exist.
const (
	defaultHashSlots = 1               // argon2id already uses both cores of a small server
	defaultHashWait  = 2 * time.Second // how long an attempt may wait for a slot
	waitersPerSlot   = 8               // attempts that may wait, per slot
)

// hashGate is a counting semaphore with a bounded, time-limited queue.
type hashGate struct {
	slots   chan struct{}
	waiters chan struct{} // a token per waiting attempt: a full channel refuses at once
	wait    time.Duration
}

func newHashGate(slots int, wait time.Duration) *hashGate {
	if slots <= 0 {
		slots = defaultHashSlots
	}
	if wait == 0 {
		wait = defaultHashWait
	}
	return &hashGate{slots: make(chan struct{}, slots), waiters: make(chan struct{}, slots*waitersPerSlot), wait: max(wait, 0)}
}

// enter takes a slot, waiting at most g.wait, and returns its release; ok is
// false when none came free in time or too many already wait.
func (g *hashGate) enter(ctx context.Context) (release func(), ok bool) {
	select {
	case g.slots <- struct{}{}:
		return g.entered()
	default:
	}
	select {
	case g.waiters <- struct{}{}:
		defer func() { <-g.waiters }()
	default:
		return nil, false
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.entered()
	case <-t.C:
	case <-ctx.Done():
	}
	return nil, false
}

// entered runs once a slot is taken. The last hash's 64 MiB block is
// garbage by now; it is collected and given back to the system before the
// next hash starts. Left to the collector, it waits until the heap doubles,
// and even collected, small allocations made between two logins split the
// freed run, so the next block is mapped beside it: measured, the third of
// three logins in a row held 65 MB more than the first two. Collecting a heap this small and
// returning the block costs a few milliseconds, a hash hundreds of them.
func (g *hashGate) entered() (func(), bool) {
	debug.FreeOSMemory()
	return g.leave, true
}

func (g *hashGate) leave() { <-g.slots }

// hashBusyRetry is the Retry-After of an attempt refused by a full gate.
const hashBusyRetry = 2 * time.Second
