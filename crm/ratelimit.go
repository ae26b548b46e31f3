package crm

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// RateCounter keeps hit counts per key and fixed window in the database,
// so that every instance on it counts together (store/sqlstore).
type RateCounter interface {
	// AddHits adds each count's N (negative: hits given back) to its key's
	// count in its window, in one statement, and returns the new totals
	// in the order given.
	AddHits(ctx context.Context, counts []RateCount) ([]int64, error)
	// SweepHits deletes the counts of windows that ended before now.
	SweepHits(ctx context.Context, now int64) error
}

// RateCount is hits to add to one key's count in one window.
type RateCount struct {
	Key    string
	Window int64 // Unix seconds of the window's start
	Until  int64 // Unix seconds until which the count is kept
	N      int64
}

// How the shared limiter spends the database (see SharedLimiter).
const (
	// creditShare: an instance may let through burst/creditShare hits
	// the table has not heard of yet (none when the burst is below it).
	creditShare = 16
	// flushEvery is how often an instance adds its hits to the table.
	flushEvery = 200 * time.Millisecond
	// askTimeout bounds a request's own wait for the table (a limiter's
	// default; WithAskTimeout); downFor is how long the limiter then
	// counts in memory only.
	askTimeout = time.Second
	downFor    = 2 * time.Second
	// maxKeys is how many keys an instance remembers before it forgets
	// those with nothing unsent.
	maxKeys = 100_000
)

// SharedLimiter allows Burst hits per key in each window of Burst/PerSecond
// seconds: the token bucket's promised rate, counted in the database, so
// that a flood spread over instances meets one limit. A window may see up
// to twice Burst across its edge with the next, as a bucket refilled at
// the same rate would allow.
//
// The request path does not wait for the database. Each instance counts
// in memory and adds its hits to the table every flushEvery (one
// statement for all keys), learning every instance's total in return.
// Between two of those, it may let through up to credit = burst/16 hits
// of a key that the table has not heard of; past that, the request adds
// its hits itself and waits for the total. So across N instances a window
// lets through at most burst + N×credit hits: about 19 % over with three
// instances, and exactly burst when the burst is under 16 (credit 0: each
// hit is counted in the table before it is allowed, as the login limits
// are). A key that is full is refused in memory until its window ends,
// without asking. A database that fails, or does not answer within
// a second (askTimeout), lets hits through for downFor, still refused once this
// instance's own count reaches the burst, and logs a warning: the limit
// protects the database, which then cannot take the work anyway.
type SharedLimiter struct {
	store  RateCounter
	name   string
	burst  int64
	credit int64
	window int64 // seconds
	log    *slog.Logger
	ask    time.Duration

	mu   sync.Mutex
	keys map[string]*sharedKey
	down time.Time // until when the table is not asked

	flushing  sync.Mutex   // one flush at a time
	flushedAt atomic.Int64 // Unix nanoseconds of the last flush's start
	swept     atomic.Int64 // Unix seconds of the last sweep
}

// sharedKey is what an instance knows of one key in one window.
type sharedKey struct {
	window int64
	known  int64 // the table's total at the last answer (every instance's)
	local  int64 // hits let through here, not yet sent (negative: refunds)
	sent   int64 // hits on their way to the table
}

// NewSharedLimiter returns the limiter named name (its keys' prefix).
func NewSharedLimiter(store RateCounter, name string, perSecond float64, burst int, log *slog.Logger) *SharedLimiter {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := int64(float64(burst)/perSecond + 0.5)
	b := int64(max(burst, 1))
	return &SharedLimiter{store: store, name: name, burst: b, credit: b / creditShare, window: max(w, 1),
		log: log, ask: askTimeout, keys: map[string]*sharedKey{}}
}

// WithAskTimeout sets how long a request out of credit waits for the
// table before it is let through (tests: a loaded machine must not make a
// slow answer look like none).
func (l *SharedLimiter) WithAskTimeout(d time.Duration) *SharedLimiter {
	l.ask = d
	return l
}

// Spend counts one hit of key at now and tells whether it is within the
// limit; when it is not, wait is the time to the window's end.
func (l *SharedLimiter) Spend(ctx context.Context, key string, now time.Time) (refund func(), ok bool, wait time.Duration) {
	sec := now.Unix()
	start := sec - sec%l.window
	wait = time.Unix(start+l.window, 0).Sub(now)
	l.sweep(ctx, sec)
	l.mu.Lock()
	k := l.keys[key]
	if k == nil || k.window != start {
		k = &sharedKey{window: start}
		l.keys[key] = k
	}
	if k.known+k.local+k.sent >= l.burst {
		l.mu.Unlock()
		return nil, false, wait
	}
	if k.local+k.sent < l.credit || now.Before(l.down) {
		k.local++
		hot := l.credit >= 2 && k.local+k.sent >= l.credit/2
		l.mu.Unlock()
		l.maybeFlush(ctx, now, hot)
		return l.refund(key, k), true, 0
	}
	// Out of credit: send this key's hits with this one and wait for the
	// total, which says whether this one is within the burst.
	n := k.local + 1
	k.local, k.sent = 0, k.sent+n
	l.mu.Unlock()
	actx, cancel := context.WithTimeout(ctx, l.ask)
	totals, err := l.store.AddHits(actx, []RateCount{l.count(key, start, n)})
	cancel()
	l.mu.Lock()
	defer l.mu.Unlock()
	k.sent -= n
	if err != nil {
		k.local += n // sent with the next flush
		l.failed(now, err)
		return l.refund(key, k), true, 0
	}
	k.known = max(k.known, totals[0])
	if totals[0] > l.burst {
		return nil, false, wait // counted: a refused hit is a hit
	}
	return l.refund(key, k), true, 0
}

// refund gives a hit back in k's window: the next flush takes it off the
// table, and until then this instance may spend it again.
func (l *SharedLimiter) refund(key string, k *sharedKey) func() {
	return func() {
		l.mu.Lock()
		if l.keys[key] == k {
			k.local--
		}
		l.mu.Unlock()
	}
}

func (l *SharedLimiter) count(key string, window, n int64) RateCount {
	return RateCount{Key: l.name + ":" + key, Window: window, Until: window + l.window, N: n}
}

// failed stops asking the table for a while; l.mu is held.
func (l *SharedLimiter) failed(now time.Time, err error) {
	if now.Before(l.down) {
		return
	}
	l.down = now.Add(downFor)
	l.log.Warn("rate limit not counted in the database; counting in memory", "limit", l.name,
		"for", downFor, "code", ErrorCode(err), "err", err)
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
