package web

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Login attempts allowed per account and per client address: 5 a minute
// with a burst of 5. The address limit is wider because an office's
// colleagues often share one public address.
const (
	accountPerMinute = 5
	addressPerMinute = 20
	limiterSweepSize = 10000 // sweep idle limiters once a set holds this many
)

// loginLimits throttles password guessing.
type loginLimits struct {
	account *limiterSet
	address *limiterSet
}

func newLoginLimits() loginLimits {
	return loginLimits{
		account: newLimiterSet(accountPerMinute),
		address: newLimiterSet(addressPerMinute),
	}
}

// allow takes one attempt from both the address and the account budget. It
// returns how long to wait when either is spent.
func (l loginLimits) allow(address, account string, now time.Time) (bool, time.Duration) {
	if ok, wait := l.address.allow(address, now); !ok {
		return false, wait
	}
	return l.account.allow(account, now)
}

// limiterSet keeps one token bucket per key.
type limiterSet struct {
	mu    sync.Mutex
	limit rate.Limit
	burst int
	m     map[string]*rate.Limiter
}

func newLimiterSet(perMinute int) *limiterSet {
	return &limiterSet{limit: rate.Limit(float64(perMinute) / 60), burst: perMinute, m: map[string]*rate.Limiter{}}
}

// allow spends one token of key's bucket at now, or reports the wait.
func (s *limiterSet) allow(key string, now time.Time) (bool, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	lim, ok := s.m[key]
	if !ok {
		if len(s.m) >= limiterSweepSize {
			s.sweep(now)
		}
		lim = rate.NewLimiter(s.limit, s.burst)
		s.m[key] = lim
	}
	if lim.AllowN(now, 1) {
		return true, 0
	}
	r := lim.ReserveN(now, 1)
	wait := r.DelayFrom(now)
	r.CancelAt(now) // we only asked how long; give the token back
	return false, wait
}

// sweep forgets buckets that are full again: they hold no memory of abuse.
func (s *limiterSet) sweep(now time.Time) {
	for k, lim := range s.m {
		if lim.TokensAt(now) >= float64(s.burst) {
			delete(s.m, k)
		}
	}
}

// retryAfter renders a wait as whole seconds for the Retry-After header.
func retryAfter(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}
