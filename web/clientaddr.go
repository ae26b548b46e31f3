package web

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddress is the address a request comes from, for rate limits and
// the audit trail: the peer's, unless the peer is a trusted proxy. Then it
// is the last address in X-Forwarded-For that is not a trusted proxy: each
// proxy appends the peer it saw, so everything left of that hop may have
// been written by the client itself.
func (s *Server) clientAddress(r *http.Request) string {
	peer, ok := parseHop(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !s.trustedProxy(peer) {
		return peer.String()
	}
	hops := forwardedHops(r.Header.Values("X-Forwarded-For"))
	addr := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			// Garbage written by a trusted hop's client: keep that hop.
			break
		}
		addr = a
		if !s.trustedProxy(a) {
			break
		}
	}
	return addr.String()
}

func (s *Server) trustedProxy(a netip.Addr) bool {
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedHops splits X-Forwarded-For headers (several are one list, in
// order) into their entries.
func forwardedHops(values []string) []string {
	var hops []string
	for _, v := range values {
		for h := range strings.SplitSeq(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	return hops
}

// parseHop reads an address as peers and proxies write it: "203.0.113.7",
// "203.0.113.7:5123", "2001:db8::1", "[2001:db8::1]:5123". IPv4 mapped into
// IPv6 reads as IPv4, so one client has one key.
func parseHop(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// ParseTrustedProxies reads a comma-separated list of networks and
// addresses ("10.0.0.0/8, 127.0.0.1, ::1") for Config.TrustedProxies.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxies: %q is neither a network nor an address", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
