package webhook

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// Guard decides where deliveries may connect. The check runs on the
// address actually dialled (a net.Dialer Control func), after DNS, so a
// name that resolves to 127.0.0.1 or is re-pointed after the webhook was
// saved (DNS rebinding) is refused all the same.
type Guard struct {
	// AllowPrivate lets deliveries reach loopback, private and link-local
	// addresses (RAPPORT_WEBHOOK_ALLOW_PRIVATE): for a receiver on the
	// same network, and for tests on 127.0.0.1.
	AllowPrivate bool
}

// special are ranges that are neither loopback nor private by netip's
// methods but must not be reached either: shared address space (carrier
// NAT), "this network", IETF protocol assignments, benchmarking, reserved,
// and NAT64, which could carry a private IPv4 address.
var special = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
}

// Refused says why ip may not be reached, or "" when it may.
func (g Guard) Refused(ip netip.Addr) string {
	ip = ip.Unmap()
	if g.AllowPrivate {
		return ""
	}
	switch {
	case ip.IsLoopback():
		return "a loopback address"
	case ip.IsPrivate():
		return "a private address"
	case ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast():
		return "a link-local address"
	case ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast():
		return "not a unicast address"
	}
	for _, p := range special {
		if p.Contains(ip) {
			return "a reserved address"
		}
	}
	return ""
}

// control is the Dialer's Control func: it sees "ip:port" after resolution.
func (g Guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refused: cannot read address %q", address)
	}
	if why := g.Refused(ap.Addr()); why != "" {
		return fmt.Errorf("refused: %s is %s (set RAPPORT_WEBHOOK_ALLOW_PRIVATE=1 to allow)", ap.Addr(), why)
	}
	return nil
}

// Client returns the HTTP client deliveries use: guarded dials, no proxy
// (a proxy would connect for us, out of the guard's sight), no redirects
// (a 3xx is a failure, not a hop to an address nobody checked), and
// timeout bounding each whole attempt.
func (g Guard) Client(timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout, Control: g.control}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: tr, Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
