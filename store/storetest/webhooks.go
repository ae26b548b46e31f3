package storetest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunWebhooks checks webhooks and their deliveries: validation, a secret
// kept when an update leaves it out, one delivery per webhook and event,
// leased claims, the attempt log, redelivery and disabling after failures.
func RunWebhooks(t *testing.T, open Opener) {
	t.Run("validation", func(t *testing.T) { webhookValidation(t, open(t).(crm.WebhookStore)) })
	t.Run("crud", func(t *testing.T) { webhookCRUD(t, open(t).(crm.WebhookStore)) })
	t.Run("queue", func(t *testing.T) { webhookQueue(t, open(t).(crm.WebhookStore)) })
	t.Run("claim and finish", func(t *testing.T) { webhookClaim(t, open(t).(crm.WebhookStore)) })
	t.Run("disable", func(t *testing.T) { webhookDisable(t, open(t).(crm.WebhookStore)) })
}

func aHook(url string, events ...string) *crm.Webhook {
	return &crm.Webhook{URL: url, Events: events, Secret: "whsec_test"}
}

func webhookValidation(t *testing.T, s crm.WebhookStore) {
	tests := []struct {
		w     *crm.Webhook
		field string
	}{
		{aHook("ftp://example.com/x", crm.HookLeadCreated), "url"},
		{aHook("file:///etc/passwd", crm.HookLeadCreated), "url"},
		{aHook("https://", crm.HookLeadCreated), "url"},
		{aHook("https://u:p@example.com/", crm.HookLeadCreated), "url"},
		{aHook("", crm.HookLeadCreated), "url"},
		{aHook("https://example.com/"), "events"},
		{aHook("https://example.com/", "lead.deleted"), "events"},
		{&crm.Webhook{URL: "https://example.com/", Events: []string{crm.HookLeadCreated}}, "secret"},
	}
	for _, tt := range tests {
		wantFields(t, s.CreateWebhook(ctx, tt.w), tt.field)
	}
	ws, err := s.Webhooks(ctx)
	must(t, err)
	same(t, "webhooks after refusals", len(ws), 0)
}

func webhookCRUD(t *testing.T, s crm.WebhookStore) {
	w := aHook("https://example.com/hook", crm.HookLeadCreated, crm.HookOrderCreated)
	must(t, s.CreateWebhook(ctx, w))
	w.URL, w.Secret, w.Events = "https://example.com/v2", "", []string{crm.HookPaymentReceived}
	must(t, s.UpdateWebhook(ctx, w))
	got, err := s.Webhook(ctx, w.ID)
	must(t, err)
	same(t, "updated", []any{got.URL, got.Events, got.Secret.Reveal()},
		[]any{"https://example.com/v2", []string{crm.HookPaymentReceived}, "whsec_test"})
	raw, _ := json.Marshal(got)
	var m map[string]any
	must(t, json.Unmarshal(raw, &m))
	same(t, "secret in JSON", m["secret"], nil)
	must(t, s.DeleteWebhook(ctx, w.ID))
	_, err = s.Webhook(ctx, w.ID)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.DeleteWebhook(ctx, w.ID), crm.ENOTFOUND)
}

func hookEvent(id, typ string, at time.Time) crm.HookEvent {
	return crm.HookEvent{ID: id, Type: typ, At: at, Payload: json.RawMessage(`{"id":"` + id + `"}`)}
}

func webhookQueue(t *testing.T, s crm.WebhookStore) {
	leads := aHook("https://a.example/", crm.HookLeadCreated)
	both := aHook("https://b.example/", crm.HookLeadCreated, crm.HookOrderCreated)
	off := aHook("https://c.example/", crm.HookLeadCreated)
	off.Disabled = true
	for _, w := range []*crm.Webhook{leads, both, off} {
		must(t, s.CreateWebhook(ctx, w))
	}
	tests := []struct {
		e    crm.HookEvent
		want int
	}{
		{hookEvent("lead.created:1", crm.HookLeadCreated, aTime(0)), 2},
		{hookEvent("lead.created:1", crm.HookLeadCreated, aTime(0)), 0}, // the same occurrence again
		{hookEvent("order.created:1", crm.HookOrderCreated, aTime(0)), 1},
		{hookEvent("payment.received:1", crm.HookPaymentReceived, aTime(0)), 0},
	}
	for _, tt := range tests {
		n, err := s.QueueHookEvent(ctx, tt.e)
		must(t, err)
		if n != tt.want {
			t.Errorf("QueueHookEvent(%s) queued %d, want %d", tt.e.ID, n, tt.want)
		}
	}
	l, err := s.HookDeliveries(ctx, both.ID, crm.Page{})
	must(t, err)
	same(t, "both's events, newest first", []string{l.Items[0].EventID, l.Items[1].EventID},
		[]string{"order.created:1", "lead.created:1"})
	same(t, "payload kept", string(l.Items[1].Payload), `{"id":"lead.created:1"}`)
	n, err := s.PendingHookDeliveries(ctx)
	must(t, err)
	same(t, "pending", n, 3)
}
