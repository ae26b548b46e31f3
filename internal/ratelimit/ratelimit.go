// Package ratelimit keeps one token bucket per key (a client address, an
// account, a form) in memory, over golang.org/x/time/rate. Time is passed
// in, so tests move a clock instead of sleeping. It imports nothing of
// ours: web (logins) and channels/webform (submissions) share it.
package ratelimit

import (
	"math"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// sweepAt is how many buckets a Keyed holds before the idle ones go.
const sweepAt = 10000

// Keyed is a token bucket per key: perSecond tokens a second, up to burst
// at once. Its zero value is not usable; call New.
type Keyed struct {
	limit rate.Limit
	burst int
	mu    sync.Mutex
	m     map[string]*rate.Limiter
}

// New returns buckets refilled at perSecond tokens a second, holding burst.
func New(perSecond float64, burst int) *Keyed {
	return &Keyed{limit: rate.Limit(perSecond), burst: burst, m: map[string]*rate.Limiter{}}
}

// PerMinute returns buckets of n tokens refilled at n a minute.
func PerMinute(n int) *Keyed { return New(float64(n)/60, n) }

// Take spends one token of key's bucket at now; when there is none it
// returns how long until there is one (a minute if there never will be).
func (k *Keyed) Take(key string, now time.Time) (ok bool, wait time.Duration) {
	_, ok, wait = k.Spend(key, now)
	return ok, wait
}

// Spend is Take for an attempt that may turn out not to count (a right
// password): refund gives its token back. Spending before the attempt,
// rather than counting after it, keeps concurrent attempts within the
// budget.
func (k *Keyed) Spend(key string, now time.Time) (refund func(), ok bool, wait time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	lim := k.m[key]
	if lim == nil {
		if len(k.m) >= sweepAt {
			k.sweep(now)
		}
		lim = rate.NewLimiter(k.limit, k.burst)
		k.m[key] = lim
	}
	res := lim.ReserveN(now, 1)
	if !res.OK() {
		return nil, false, time.Minute
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now) // we only asked how long: give the token back
		return nil, false, d
	}
	return func() { res.CancelAt(now) }, true, 0
}

// sweep drops the buckets that are full again: forgetting them changes
// nothing for their keys (they hold no memory of abuse).
func (k *Keyed) sweep(now time.Time) {
	for key, lim := range k.m {
		if lim.TokensAt(now) >= float64(k.burst) {
			delete(k.m, key)
		}
	}
}

// RetryAfter writes a wait as the Retry-After header wants it: whole
// seconds, rounded up, at least one.
func RetryAfter(d time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}
