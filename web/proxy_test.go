package web_test

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// loginVia posts the login form as if through a proxy that sent xff.
func (e *env) loginVia(xff, email, pw string) int {
	e.t.Helper()
	form := url.Values{"email": {email}, "password": {pw}, "next": {"/"}}
	req, err := http.NewRequest("POST", e.srv.URL+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", xff)
	res, _ := e.send(req)
	return res.StatusCode
}

// Behind a trusted proxy the login rate limit counts per forwarded client,
// and a client cannot escape it by writing its own X-Forwarded-For.
func TestLoginRateLimitBehindTrustedProxy(t *testing.T) {
	t.Parallel()
	loopback := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	e := newEnv(t, web.Config{TrustedProxies: loopback})
	for i := range 20 {
		if st := e.loginVia("203.0.113.7", "x"+strconv.Itoa(i)+"@example.com", "guess"); st != 401 {
			t.Fatalf("attempt %d: status %d, want 401", i+1, st)
		}
	}
	if st := e.loginVia("203.0.113.7", "y@example.com", "guess"); st != http.StatusTooManyRequests {
		t.Errorf("21st attempt from 203.0.113.7: status %d, want 429", st)
	}
	// The client wrote its own header; the proxy appended the real peer.
	if st := e.loginVia("198.51.100.1, 203.0.113.7", "y@example.com", "guess"); st != http.StatusTooManyRequests {
		t.Errorf("spoofed hop: status %d, want 429", st)
	}
	if st := e.loginVia("203.0.113.8", "rep1@example.com", password); st != http.StatusSeeOther {
		t.Errorf("another client behind the proxy: status %d, want 303", st)
	}
	entries, err := e.db.AuditOf(context.Background(), crm.Ref{Kind: "user", ID: e.id("rep1")}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || !strings.HasSuffix(entries[0].Detail, "from 203.0.113.8") {
		t.Errorf("login audit %+v: want the forwarded client's address", entries)
	}
}

// Without trusted proxies the header is ignored: all these clients are the
// one peer, and share its budget.
func TestLoginRateLimitIgnoresUntrustedForwarding(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	for i := range 20 {
		if st := e.loginVia("203.0.113."+strconv.Itoa(i), "x"+strconv.Itoa(i)+"@example.com", "guess"); st != 401 {
			t.Fatalf("attempt %d: status %d, want 401", i+1, st)
		}
	}
	if st := e.loginVia("192.0.2.99", "y@example.com", "guess"); st != http.StatusTooManyRequests {
		t.Errorf("21st attempt with a fresh forwarded address: status %d, want 429", st)
	}
}
