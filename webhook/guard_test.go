package webhook_test

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/webhook"
)

func TestGuardRefused(t *testing.T) {
	tests := []struct {
		ip   string
		want string // "" allowed
	}{
		{"127.0.0.1", "a loopback address"},
		{"::1", "a loopback address"},
		{"::ffff:127.0.0.1", "a loopback address"},
		{"10.1.2.3", "a private address"},
		{"172.16.0.1", "a private address"},
		{"192.168.1.1", "a private address"},
		{"fd00::1", "a private address"},
		{"169.254.169.254", "a link-local address"}, // cloud metadata
		{"fe80::1", "a link-local address"},
		{"0.0.0.0", "not a unicast address"},
		{"100.64.0.1", "a reserved address"},
		{"64:ff9b::a00:1", "a reserved address"},
		{"93.184.215.14", ""},
		{"2606:2800:21f:cb07:6820:80da:af6b:8b2c", ""},
	}
	for _, tt := range tests {
		if got := (webhook.Guard{}).Refused(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("Refused(%s) = %q, want %q", tt.ip, got, tt.want)
		}
		if got := (webhook.Guard{AllowPrivate: true}).Refused(netip.MustParseAddr(tt.ip)); got != "" {
			t.Errorf("AllowPrivate: Refused(%s) = %q", tt.ip, got)
		}
	}
}

// TestGuardAtConnectTime saves a webhook whose URL names "localhost" (a
// valid http URL, so saving accepts it) and shows that the delivery is
// refused when connecting, with the reason in the log, and the receiver
// never hears of it.
func TestGuardAtConnectTime(t *testing.T) {
	rc := newReceiver(t)
	url := strings.Replace(rc.URL, "127.0.0.1", "localhost", 1)
	cfg := webhook.Config{Client: webhook.Guard{}.Client(time.Second), MaxAttempts: 1}
	w := newWorld(t, url, cfg, crm.HookCustomerCreated)
	c := &crm.Customer{Name: "Acme"}
	must(t, w.db.CreateCustomer(ctx, c))
	must(t, w.disp.Handle(ctx, crm.Event{Kind: crm.EventCustomerNew, RecordID: c.ID}))
	if n := w.deliver(t); n != 1 {
		t.Fatalf("%d attempts, want 1", n)
	}
	l, err := w.db.HookDeliveries(ctx, w.hook.ID, crm.Page{})
	must(t, err)
	d := l.Items[0]
	if d.State != crm.HookFailed || !strings.Contains(d.LastError, "is a loopback address") ||
		!strings.Contains(d.LastError, "RAPPORT_WEBHOOK_ALLOW_PRIVATE") {
		t.Errorf("delivery %s %q, want failed, refused as loopback", d.State, d.LastError)
	}
	if n := len(rc.requests()); n != 0 {
		t.Errorf("the receiver got %d requests, want none", n)
	}
}
