package web_test

import (
	"net/http"
	"net/netip"
	"strconv"
	"testing"

	"github.com/rapport-crm/rapport/web"
)

// behindProxy is a server that believes loopback's X-Forwarded-For, so that
// a test can log in from any address.
func behindProxy(t *testing.T) *env {
	loopback := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	return newEnv(t, web.Config{TrustedProxies: loopback})
}

// TestStrangerCannotLockOutAUser: failures count per account and client,
// so a stranger hammering rep1's account is refused while rep1, from their
// own address, still logs in; and rep1's own successful logins never count.
func TestStrangerCannotLockOutAUser(t *testing.T) {
	e := behindProxy(t)
	const stranger, owner = "203.0.113.66", "198.51.100.7"
	for i := range 5 {
		if st := e.loginVia(stranger, "rep1@example.com", "guess "+strconv.Itoa(i)); st != http.StatusUnauthorized {
			t.Fatalf("stranger's attempt %d: status %d, want 401", i+1, st)
		}
	}
	if st := e.loginVia(stranger, "rep1@example.com", password); st != http.StatusTooManyRequests {
		t.Errorf("stranger's sixth attempt: status %d, want 429 (even with the right password)", st)
	}
	if st := e.loginVia(owner, "rep1@example.com", password); st != http.StatusSeeOther {
		t.Errorf("owner from their own address while the stranger is refused: status %d, want 303", st)
	}
	for i := range 10 {
		if st := e.loginVia(owner, "rep1@example.com", password); st != http.StatusSeeOther {
			t.Fatalf("owner's successful login %d: status %d, want 303 (successes do not count)", i+2, st)
		}
	}
}

// TestFailuresCountAfterASuccess: a success gives back only its own
// attempt; the failures before and after it still add up to the limit.
func TestFailuresCountAfterASuccess(t *testing.T) {
	e := behindProxy(t)
	const addr = "198.51.100.8"
	steps := []struct {
		pw   string
		want int
	}{
		{"wrong 1", 401}, {"wrong 2", 401}, {password, 303}, {"wrong 3", 401}, {"wrong 4", 401},
		{"wrong 5", 401}, {password, 429},
	}
	for i, s := range steps {
		if st := e.loginVia(addr, "rep1@example.com", s.pw); st != s.want {
			t.Fatalf("step %d: status %d, want %d", i+1, st, s.want)
		}
	}
}

// TestIPv6CountedPerSlash64: the addresses of one /64 share one budget;
// the next /64 has its own.
func TestIPv6CountedPerSlash64(t *testing.T) {
	e := behindProxy(t)
	for i := range 20 {
		addr := "2001:db8:0:1::" + strconv.FormatInt(int64(i+1), 16)
		if st := e.loginVia(addr, "x"+strconv.Itoa(i)+"@example.com", "guess"); st != http.StatusUnauthorized {
			t.Fatalf("attempt %d from %s: status %d, want 401", i+1, addr, st)
		}
	}
	tests := []struct {
		addr string
		want int
	}{
		{"2001:db8:0:1:ffff:ffff:ffff:ffff", http.StatusTooManyRequests},
		{"[2001:db8:0:1::abcd]:4431", http.StatusTooManyRequests},
		{"2001:db8:0:2::1", http.StatusUnauthorized},
		{"203.0.113.9", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		if st := e.loginVia(tt.addr, "y@example.com", "guess"); st != tt.want {
			t.Errorf("from %s: status %d, want %d", tt.addr, st, tt.want)
		}
	}
}
