package ratelimit

import "net/netip"

// ClientKey is the key a client address is limited under: an IPv6 client
// holds a whole /64 (one subscriber's), so it could otherwise take a fresh
// address, and a fresh budget, for every attempt. IPv4 addresses and
// anything unparsable are their own key.
func ClientKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is6() || a.Is4In6() {
		return addr
	}
	p, err := a.Prefix(64)
	if err != nil {
		return addr
	}
	return p.String()
}
