package webform

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// sweepAt is how many buckets a set holds before idle ones are dropped.
const sweepAt = 10000

// limiterSet keeps one token bucket per key (a client address, a form).
// Time is passed in, so tests move a clock instead of sleeping.
type limiterSet struct {
	limit Limit
	mu    sync.Mutex
	m     map[string]*rate.Limiter
}

func newLimiterSet(l Limit) *limiterSet {
	return &limiterSet{limit: l, m: map[string]*rate.Limiter{}}
}

// take spends one token of key's bucket at now; when there is none it
// returns how long until there is one.
func (s *limiterSet) take(key string, now time.Time) (ok bool, wait time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	lim := s.m[key]
	if lim == nil {
		if len(s.m) >= sweepAt {
			s.sweep(now)
		}
		lim = rate.NewLimiter(rate.Limit(s.limit.Rate), s.limit.Burst)
		s.m[key] = lim
	}
	res := lim.ReserveN(now, 1)
	if !res.OK() {
		return false, time.Minute
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// sweep drops the buckets that are full again: forgetting them changes
// nothing for their keys.
func (s *limiterSet) sweep(now time.Time) {
	for k, lim := range s.m {
		if lim.TokensAt(now) >= float64(s.limit.Burst) {
			delete(s.m, k)
		}
	}
}

// retryAfter is a wait in whole seconds, at least one, for Retry-After.
func retryAfter(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}
