package storetest

import (
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

func webhookClaim(t *testing.T, s crm.WebhookStore) {
	w := aHook("https://a.example/", crm.HookLeadCreated)
	must(t, s.CreateWebhook(ctx, w))
	t0 := aTime(0)
	_, err := s.QueueHookEvent(ctx, hookEvent("lead.created:7", crm.HookLeadCreated, t0))
	must(t, err)
	claim := func(now time.Duration) []*crm.HookDelivery {
		ds, err := s.ClaimHookDeliveries(ctx, t0.Add(now), t0.Add(now+time.Minute), 10)
		must(t, err)
		return ds
	}
	same(t, "not due before its time", len(claim(-time.Second)), 0)
	ds := claim(0)
	same(t, "claimed with url and secret", []any{len(ds), ds[0].URL, ds[0].Secret.Reveal(), ds[0].Attempts},
		[]any{1, "https://a.example/", "whsec_test", 1})
	same(t, "leased: not claimed again", len(claim(30*time.Second)), 0)
	retry := crm.HookOutcome{State: crm.HookQueued, RetryAt: t0.Add(5 * time.Minute),
		Attempt: crm.HookAttempt{At: t0, Status: 500, Error: "HTTP 500", DurationMS: 12}}
	_, err = s.FinishHookDelivery(ctx, ds[0], retry)
	must(t, err)
	same(t, "not due before the retry", len(claim(4*time.Minute)), 0)
	ds = claim(5 * time.Minute)
	same(t, "second attempt", ds[0].Attempts, 2)
	sent := crm.HookOutcome{State: crm.HookSent, Attempt: crm.HookAttempt{At: t0.Add(5 * time.Minute), Status: 204}}
	_, err = s.FinishHookDelivery(ctx, ds[0], sent)
	must(t, err)
	same(t, "nothing left", len(claim(time.Hour)), 0)
	as, err := s.HookAttempts(ctx, ds[0].ID)
	must(t, err)
	same(t, "attempt log", []any{len(as), as[0].Status, as[0].Error, as[0].DurationMS, as[1].Status},
		[]any{2, 500, "HTTP 500", int64(12), 204})
	d, err := s.RedeliverHook(ctx, ds[0].ID, t0.Add(2*time.Hour))
	must(t, err)
	same(t, "redelivered", []any{d.State, d.EventID}, []any{crm.HookQueued, "lead.created:7"})
	same(t, "claimed again", len(claim(2*time.Hour)), 1)
	_, err = s.RedeliverHook(ctx, 999999, t0)
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.HookAttempts(ctx, 999999)
	wantCode(t, err, crm.ENOTFOUND)
}

func webhookDisable(t *testing.T, s crm.WebhookStore) {
	w := aHook("https://a.example/", crm.HookLeadCreated)
	must(t, s.CreateWebhook(ctx, w))
	t0 := aTime(0)
	for _, id := range []string{"lead.created:1", "lead.created:2"} {
		_, err := s.QueueHookEvent(ctx, hookEvent(id, crm.HookLeadCreated, t0))
		must(t, err)
	}
	fail := crm.HookOutcome{State: crm.HookQueued, RetryAt: t0, DisableAfter: 3,
		Attempt: crm.HookAttempt{At: t0, Error: "connection refused"}}
	var disabled []bool
	for range 3 {
		ds, err := s.ClaimHookDeliveries(ctx, t0, t0, 1)
		must(t, err)
		off, err := s.FinishHookDelivery(ctx, ds[0], fail)
		must(t, err)
		disabled = append(disabled, off)
	}
	same(t, "disabled at the third failure", disabled, []bool{false, false, true})
	got, err := s.Webhook(ctx, w.ID)
	must(t, err)
	same(t, "disabled with reason", []any{got.Disabled, got.Failures, got.DisabledReason},
		[]any{true, 3, "disabled after 3 failed attempts in a row; last: connection refused"})
	n, err := s.PendingHookDeliveries(ctx)
	must(t, err)
	same(t, "queued deliveries failed", n, 0)
	n, err = s.QueueHookEvent(ctx, hookEvent("lead.created:3", crm.HookLeadCreated, t0))
	must(t, err)
	same(t, "a disabled webhook gets nothing", n, 0)
	got.Disabled = false
	must(t, s.UpdateWebhook(ctx, got))
	got, err = s.Webhook(ctx, w.ID)
	must(t, err)
	same(t, "enabled again", []any{got.Disabled, got.Failures, got.DisabledReason}, []any{false, 0, ""})
}
