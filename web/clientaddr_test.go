package web

import (
	"net/http/httptest"
	"net/netip"
	"slices"
	"testing"
)

// The client address is the peer's unless a trusted proxy forwarded the
// request; then it is the last hop in X-Forwarded-For that is not ours.
func TestClientAddress(t *testing.T) {
	t.Parallel()
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	tests := []struct {
		name    string
		trusted []netip.Prefix
		peer    string
		xff     []string // X-Forwarded-For headers
		want    string
	}{
		{"no proxy configured: header ignored", nil, "10.0.0.2:4000", []string{"203.0.113.7"}, "10.0.0.2"},
		{"untrusted peer: header ignored", proxies, "198.51.100.9:4000", []string{"203.0.113.7"}, "198.51.100.9"},
		{"trusted peer, no header", proxies, "10.0.0.2:4000", nil, "10.0.0.2"},
		{"trusted peer forwards the client", proxies, "10.0.0.2:4000", []string{"203.0.113.7"}, "203.0.113.7"},
		{"client-written hops left of ours are ignored", proxies, "10.0.0.2:4000",
			[]string{"192.0.2.1, 203.0.113.7"}, "203.0.113.7"},
		{"chained trusted proxies are skipped", proxies, "10.0.0.2:4000",
			[]string{"192.0.2.1, 203.0.113.7, 10.1.1.1"}, "203.0.113.7"},
		{"several headers form one list", proxies, "10.0.0.2:4000",
			[]string{"192.0.2.1", "203.0.113.7, 10.1.1.1"}, "203.0.113.7"},
		{"all hops trusted: the leftmost", proxies, "10.0.0.2:4000", []string{"10.9.9.9, 10.1.1.1"}, "10.9.9.9"},
		{"garbage stops at the last good hop", proxies, "10.0.0.2:4000", []string{"203.0.113.7, nonsense, 10.1.1.1"}, "10.1.1.1"},
		{"ports and brackets", proxies, "[::1]:4000", []string{"[2001:db8::7]:5123"}, "2001:db8::7"},
		{"IPv4 in IPv6", proxies, "[::ffff:10.0.0.2]:4000", []string{"::ffff:203.0.113.7"}, "203.0.113.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Config{TrustedProxies: tt.trusted}, Deps{})
			r := httptest.NewRequest("POST", "/login", nil)
			r.RemoteAddr = tt.peer
			for _, h := range tt.xff {
				r.Header.Add("X-Forwarded-For", h)
			}
			if got := s.clientAddress(r); got != tt.want {
				t.Errorf("clientAddress = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	t.Parallel()
	got, err := ParseTrustedProxies(" 10.0.0.0/8, 127.0.0.1 ,::1,, 192.168.1.7/16")
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("127.0.0.1/32"),
		netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("192.168.0.0/16")}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, err := ParseTrustedProxies("10.0.0.0/8, proxy.internal"); err == nil {
		t.Error("a host name was accepted")
	}
	if got, err := ParseTrustedProxies(""); err != nil || got != nil {
		t.Errorf("empty: %v, %v; want none", got, err)
	}
}
