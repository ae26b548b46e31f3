package webhook_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/webhook"
)

// TestDeliveryRetries drives one event through receivers that fail in
// different ways, moving the clock by the back-off between passes: each
// attempt is signed (checked by an independent implementation), carries
// the same delivery id and body, and exactly one attempt and one delivery
// end as sent — unless the receiver never recovers.
func TestDeliveryRetries(t *testing.T) {
	tests := []struct {
		name      string
		script    []int // receiver's answers; 0 hangs past the timeout
		wantState string
		wantLog   []string // each attempt's status or error
	}{
		{"answers at once", []int{204}, crm.HookSent, []string{"204"}},
		{"500 then 200", []int{500, 500, 200}, crm.HookSent, []string{"HTTP 500", "HTTP 500", "200"}},
		{"times out then 200", []int{0, 200}, crm.HookSent, []string{"timed out after 300ms", "200"}},
		{"a redirect is a failure", []int{302, 200}, crm.HookSent, []string{"HTTP 302", "200"}},
		{"never recovers", []int{500, 503, 500, 500}, crm.HookFailed, []string{"HTTP 500", "HTTP 503", "HTTP 500"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := newReceiver(t, tt.script...)
			cfg := webhook.Config{Timeout: 300 * time.Millisecond, MaxAttempts: 3,
				Backoff: crm.Backoff{First: time.Minute, Max: time.Hour}}
			w := newWorld(t, rc.URL+"/hook", cfg, crm.HookCustomerCreated)
			rc.now = w.clock.Now
			c := &crm.Customer{Name: "上海明远贸易"}
			must(t, w.db.CreateCustomer(ctx, c))
			must(t, w.disp.Handle(ctx, crm.Event{Kind: crm.EventCustomerNew, RecordID: c.ID}))
			for i := range len(tt.wantLog) {
				if n := w.deliver(t); n != 1 {
					t.Fatalf("pass %d attempted %d deliveries, want 1", i+1, n)
				}
				if n := w.deliver(t); n != 0 {
					t.Fatalf("pass %d: a retry was attempted before its back-off", i+1)
				}
				w.clock.Add(time.Duration(1<<i) * time.Minute)
			}
			w.clock.Add(24 * time.Hour)
			if n := w.deliver(t); n != 0 {
				t.Fatalf("%d attempts after the last expected one", n)
			}
			checkLog(t, w, tt.wantState, tt.wantLog)
			checkRequests(t, w, rc.requests(), c.ID)
		})
	}
}

func checkLog(t *testing.T, w *world, wantState string, wantLog []string) {
	t.Helper()
	l, err := w.db.HookDeliveries(ctx, w.hook.ID, crm.Page{})
	must(t, err)
	if len(l.Items) != 1 || l.Items[0].State != wantState {
		t.Fatalf("deliveries %+v, want one %s", l.Items, wantState)
	}
	as, err := w.db.HookAttempts(ctx, l.Items[0].ID)
	must(t, err)
	var got []string
	sent := 0
	for _, a := range as {
		if a.Error != "" {
			got = append(got, a.Error)
		} else {
			got = append(got, strconv.Itoa(a.Status))
			sent++
		}
	}
	if strings.Join(got, "|") != strings.Join(wantLog, "|") {
		t.Errorf("attempt log %q, want %q", got, wantLog)
	}
	if wantState == crm.HookSent && sent != 1 {
		t.Errorf("%d successful attempts, want exactly 1", sent)
	}
}

func checkRequests(t *testing.T, w *world, reqs []received, customerID int64) {
	t.Helper()
	for i, r := range reqs {
		if !verifySignature("whsec_independent", r.header.Get("Rapport-Signature"), r.body, r.at) {
			t.Errorf("request %d: signature %q does not verify", i, r.header.Get("Rapport-Signature"))
		}
		if string(r.body) != string(reqs[0].body) || r.header.Get("Rapport-Delivery") != "customer.created:"+strconv.FormatInt(customerID, 10) {
			t.Errorf("request %d: body or delivery id changed between attempts: %s %s", i, r.header.Get("Rapport-Delivery"), r.body)
		}
	}
	var b struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Data struct {
			Customer crm.Customer `json:"customer"`
		} `json:"data"`
	}
	must(t, json.Unmarshal(reqs[0].body, &b))
	if b.Type != crm.HookCustomerCreated || b.Data.Customer.ID != customerID || b.Data.Customer.Name != "上海明远贸易" {
		t.Errorf("body %+v, want the customer", b)
	}
}
