package ratelimit

import (
	"context"
	"time"
)

// Limiter spends one unit of a key's budget, or says how long to wait.
// Keyed is one, in this process; crm.SharedLimiter is one whose counts
// every instance on a PostgreSQL database shares.
type Limiter interface {
	// Spend is Keyed.Spend; refund gives the unit back (a right password).
	Spend(ctx context.Context, key string, now time.Time) (refund func(), ok bool, wait time.Duration)
}

// Maker makes the limiter named name (a key prefix where limiters share
// one store) of perSecond a second, burst at once.
type Maker func(name string, perSecond float64, burst int) Limiter

// InProcess is the Maker of Keyed limiters: one instance's own buckets.
func InProcess(_ string, perSecond float64, burst int) Limiter {
	return inProcess{New(perSecond, burst)}
}

type inProcess struct{ k *Keyed }

func (l inProcess) Spend(_ context.Context, key string, now time.Time) (func(), bool, time.Duration) {
	return l.k.Spend(key, now)
}
