package web

import (
	"context"
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
	pair    ratelimit.Limiter // account × client
	address ratelimit.Limiter // client
}

// newLoginLimits makes the limits with mk: in this process, or shared
// by every instance on PostgreSQL (Deps.Limits).
func newLoginLimits(mk ratelimit.Maker) loginLimits {
	if mk == nil {
		mk = ratelimit.InProcess
	}
	return loginLimits{
		pair:    mk("login-pair", accountPerMinute/60.0, accountPerMinute),
		address: mk("login-addr", addressPerMinute/60.0, addressPerMinute),
	}
}

// attempt is one login attempt's spent budget, given back if it succeeds.
type attempt struct{ refunds []func() }

// begin spends one attempt from the client's budget and the account's
// budget at this client (IPv6 counted per /64), before the password is
// hashed, so that concurrent guesses cannot all pass the check at once.
// It returns how long to wait when either is spent.
func (l loginLimits) begin(ctx context.Context, address, account string, now time.Time) (*attempt, time.Duration) {
	client := ratelimit.ClientKey(address)
	a := &attempt{}
	for _, b := range []struct {
		set ratelimit.Limiter
		key string
	}{{l.address, client}, {l.pair, account + "\x00" + client}} {
		refund, ok, wait := b.set.Spend(ctx, b.key, now)
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
