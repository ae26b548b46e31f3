package webhook_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/webhook"
)

// TestDisableTellsAdmins lets a receiver fail until the webhook is
// disabled: each active admin gets a task in their language, a rep none,
// queued deliveries fail, and after the admin enables the webhook again a
// redelivery from the log goes through, once.
func TestDisableTellsAdmins(t *testing.T) {
	rc := newReceiver(t, 500, 500, 500)
	cfg := webhook.Config{MaxAttempts: 10, DisableAfter: 3, Backoff: crm.Backoff{First: time.Minute, Max: time.Minute}}
	w := newWorld(t, rc.URL, cfg, crm.HookCustomerCreated)
	users := []*crm.User{
		{Email: "admin@x.cn", Name: "管理员", Role: crm.RoleAdmin, Locale: "zh-CN"},
		{Email: "ops@x.com", Name: "Ops", Role: crm.RoleAdmin, Locale: "en"},
		{Email: "rep@x.cn", Name: "Rep", Role: crm.RoleRep},
	}
	for _, u := range users {
		must(t, w.db.CreateUser(ctx, u))
	}
	cfg.Store, cfg.Now, cfg.Client = w.db, w.clock.Now, webhook.Guard{AllowPrivate: true}.Client(0)
	cfg.Disabled = webhook.TellAdmins(w.db, nil)
	w.deliv = webhook.NewDeliverer(cfg)
	var custs []int64
	for _, name := range []string{"A", "B"} {
		c := &crm.Customer{Name: name}
		must(t, w.db.CreateCustomer(ctx, c))
		must(t, w.disp.Handle(ctx, crm.Event{Kind: crm.EventCustomerNew, RecordID: c.ID}))
		custs = append(custs, c.ID)
	}
	w.deliver(t) // two failures
	w.clock.Add(time.Minute)
	w.deliver(t) // the third disables it
	hook, err := w.db.Webhook(ctx, w.hook.ID)
	must(t, err)
	if !hook.Disabled || !strings.Contains(hook.DisabledReason, "3 failed attempts") {
		t.Fatalf("webhook %+v, want disabled after 3 failures", hook)
	}
	tasks, err := w.db.ListTasks(ctx, crm.TaskFilter{Viewer: crm.System})
	must(t, err)
	var titles []string
	for _, tk := range tasks.Items {
		titles = append(titles, tk.Title)
	}
	if len(titles) != 2 || !contains(titles, "Webhook 已停用："+rc.URL) || !contains(titles, "Webhook disabled: "+rc.URL) {
		t.Errorf("tasks %q, want one per admin in their language", titles)
	}
	w.clock.Add(time.Hour)
	if n := w.deliver(t); n != 0 {
		t.Fatalf("a disabled webhook got %d attempts", n)
	}
	hook.Disabled = false
	must(t, w.db.UpdateWebhook(ctx, hook))
	l, err := w.db.HookDeliveries(ctx, w.hook.ID, crm.Page{})
	must(t, err)
	for _, d := range l.Items {
		if d.State != crm.HookFailed {
			t.Fatalf("delivery %d is %s, want failed when the webhook was disabled", d.ID, d.State)
		}
	}
	_, err = w.db.RedeliverHook(ctx, l.Items[0].ID, w.clock.Now())
	must(t, err)
	if n := w.deliver(t); n != 1 {
		t.Fatalf("redelivery: %d attempts, want 1", n)
	}
	reqs := rc.requests()
	if last := reqs[len(reqs)-1]; last.header.Get("Rapport-Delivery") != l.Items[0].EventID {
		t.Errorf("redelivered %s, want %s", last.header.Get("Rapport-Delivery"), l.Items[0].EventID)
	}
	d, _ := w.db.HookDeliveries(ctx, w.hook.ID, crm.Page{})
	if d.Items[0].State != crm.HookSent || d.Items[1].State != crm.HookFailed {
		t.Errorf("states %s, %s: want the redelivered one sent, the other still failed", d.Items[0].State, d.Items[1].State)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
