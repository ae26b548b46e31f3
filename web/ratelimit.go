package web

import (
	"time"

	"github.com/rapport-crm/rapport/internal/ratelimit"
)

// Failed logins allowed per account and client, and per client: 5 a minute
// with a burst of 5 for one account from one client, 20 from one client
// whatever the accounts (an office's colleagues often share one public
// address). Only failures count, and never per account alone: a stranger
// who hammers an account locks out only themself, and its owner still logs
// in from anywhere else.
const (
	accountPerMinute = 5
	addressPerMinute = 20
)

// loginLimits throttles password guessing.
type loginLimits struct {
	pair    *ratelimit.Keyed // account × client
	address *ratelimit.Keyed // client
}

func newLoginLimits() loginLimits {
	return loginLimits{
		pair:    ratelimit.PerMinute(accountPerMinute),
		address: ratelimit.PerMinute(addressPerMinute),
	}
}

// attempt is one login attempt's spent budget, given back if it succeeds.
type attempt struct{ refunds []func() }

// begin spends one attempt from the client's budget and the account's
// budget at this client (IPv6 counted per /64), before the password is
// hashed, so that concurrent guesses cannot all pass the check at once.
// It returns how long to wait when either is spent.
func (l loginLimits) begin(address, account string, now time.Time) (*attempt, time.Duration) {
	client := ratelimit.ClientKey(address)
	a := &attempt{}
	for _, b := range []struct {
		set *ratelimit.Keyed
		key string
	}{{l.address, client}, {l.pair, account + "\x00" + client}} {
		refund, ok, wait := b.set.Spend(b.key, now)
		if !ok {
			a.succeeded()
			return nil, wait
		}
		a.refunds = append(a.refunds, refund)
	}
	return a, 0
}

// succeeded gives the attempt's budget back: a right password is not a
// failure, and counting it would let a user's own logins lock them out.
func (a *attempt) succeeded() {
	for _, refund := range a.refunds {
		refund()
	}
}
