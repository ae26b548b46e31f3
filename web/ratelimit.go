package web

import (
	"time"

	"github.com/rapport-crm/rapport/internal/ratelimit"
)

// Login attempts allowed per account and per client address: 5 a minute
// with a burst of 5. The address limit is wider because an office's
// colleagues often share one public address.
const (
	accountPerMinute = 5
	addressPerMinute = 20
)

// loginLimits throttles password guessing.
type loginLimits struct {
	account *ratelimit.Keyed
	address *ratelimit.Keyed
}

func newLoginLimits() loginLimits {
	return loginLimits{
		account: ratelimit.PerMinute(accountPerMinute),
		address: ratelimit.PerMinute(addressPerMinute),
	}
}

// allow takes one attempt from both the address and the account budget. It
// returns how long to wait when either is spent.
func (l loginLimits) allow(address, account string, now time.Time) (bool, time.Duration) {
	if ok, wait := l.address.Take(address, now); !ok {
		return false, wait
	}
	return l.account.Take(account, now)
}
