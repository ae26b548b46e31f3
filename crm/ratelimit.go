package crm

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"
)

// RateCounter keeps hit counts per key and fixed window in the database,
// so that every instance on it counts together (store/sqlstore).
type RateCounter interface {
	// CountHit adds one to key's count in the window starting at window
	// (Unix seconds), kept until until, and returns the new count.
	CountHit(ctx context.Context, key string, window, until int64) (int64, error)
	// UncountHit takes one back (a right password is not a failure).
	UncountHit(ctx context.Context, key string, window int64) error
	// SweepHits deletes the counts of windows that ended before now.
	SweepHits(ctx context.Context, now int64) error
}

// SharedLimiter allows Burst hits per key in each window of Burst/PerSecond
// seconds: the token bucket's promised rate, counted in the database, so
// that a flood spread over instances meets one limit. A window may see up
// to twice Burst across its edge with the next, as a bucket refilled at
// the same rate would allow. A database error lets the hit through: the
// limit protects the database, which then cannot take the work anyway.
type SharedLimiter struct {
	store  RateCounter
	name   string
	burst  int64
	window int64 // seconds
	log    *slog.Logger
	swept  atomic.Int64 // Unix seconds of the last sweep
}

// NewSharedLimiter returns the limiter named name (its keys' prefix).
func NewSharedLimiter(store RateCounter, name string, perSecond float64, burst int, log *slog.Logger) *SharedLimiter {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := int64(float64(burst)/perSecond + 0.5)
	return &SharedLimiter{store: store, name: name, burst: int64(max(burst, 1)), window: max(w, 1), log: log}
}

// Spend counts one hit of key at now and tells whether it is within the
// limit; when it is not, wait is the time to the window's end.
func (l *SharedLimiter) Spend(ctx context.Context, key string, now time.Time) (refund func(), ok bool, wait time.Duration) {
	sec := now.Unix()
	start := sec - sec%l.window
	k := l.name + ":" + key
	n, err := l.store.CountHit(ctx, k, start, start+l.window)
	if err != nil {
		l.log.Warn("rate limit not counted", "limit", l.name, "code", ErrorCode(err), "err", err)
		return func() {}, true, 0
	}
	l.sweep(ctx, sec)
	if n > l.burst {
		return nil, false, time.Unix(start+l.window, 0).Sub(now)
	}
	return func() {
		if err := l.store.UncountHit(context.WithoutCancel(ctx), k, start); err != nil {
			l.log.Warn("rate limit not refunded", "limit", l.name, "err", err)
		}
	}, true, 0
}

// sweep deletes ended windows once a minute per instance, off the
// caller's path.
func (l *SharedLimiter) sweep(ctx context.Context, now int64) {
	last := l.swept.Load()
	if now-last < 60 || !l.swept.CompareAndSwap(last, now) {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := l.store.SweepHits(ctx, now); err != nil {
			l.log.Warn("rate counters not swept", "err", err)
		}
	}()
}
