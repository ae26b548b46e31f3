package web_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// hookLog collects what the web layer tells the webhooks.
type hookLog struct {
	mu     sync.Mutex
	events []crm.Event
}

func (h *hookLog) Publish(e crm.Event) { h.mu.Lock(); h.events = append(h.events, e); h.mu.Unlock() }

// withWebhooks serves e's store with the webhook API on and its events
// collected.
func withWebhooks(e *env) *hookLog {
	h := &hookLog{}
	s := web.New(web.Config{}, web.Deps{Store: e.db, Inbox: e.db, Webhooks: e.db, Hooks: h, Now: e.clock.Now,
		Version: "test", Logger: slog.New(slog.NewTextHandler(e.logs, nil))})
	e.srv.Close()
	e.srv = httptest.NewServer(s)
	e.t.Cleanup(e.srv.Close)
	return h
}

// TestWebhookAPI: admins only; bad URLs and events refused with the field
// named; the secret made on create is answered once, then write-only and
// kept by a PATCH that leaves it out; the log lists deliveries and a
// redelivery queues one again.
func TestWebhookAPI(t *testing.T) {
	e := newEnv(t, web.Config{})
	withWebhooks(e)
	e.call("rep1", http.MethodGet, "/api/v1/webhooks", nil, http.StatusForbidden, nil)
	bad := []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"url": "ftp://x.example/", "events": []string{"lead.created"}}, "url"},
		{map[string]any{"url": "javascript:alert(1)", "events": []string{"lead.created"}}, "url"},
		{map[string]any{"url": "https://x.example/", "events": []string{"lead.exploded"}}, "events"},
		{map[string]any{"url": "https://x.example/", "events": []string{}}, "events"},
	}
	for _, b := range bad {
		ae := e.fail("admin", http.MethodPost, "/api/v1/webhooks", b.body, http.StatusBadRequest, crm.EINVALID)
		if ae.Fields[b.field] == "" {
			t.Errorf("%v: fields %v, want %s named", b.body, ae.Fields, b.field)
		}
	}
	var created struct {
		ID            int64  `json:"id"`
		SigningSecret string `json:"signing_secret"`
	}
	e.call("admin", http.MethodPost, "/api/v1/webhooks",
		map[string]any{"url": "https://hooks.example.com/rapport", "events": []string{"lead.created", "order.created"}},
		http.StatusCreated, &created)
	if !strings.HasPrefix(created.SigningSecret, "whsec_") {
		t.Fatalf("created %+v, want a whsec_ signing secret", created)
	}
	path := fmt.Sprintf("/api/v1/webhooks/%d", created.ID)
	got := e.call("admin", http.MethodGet, path, nil, http.StatusOK, nil)
	upd := e.call("admin", http.MethodPatch, path, map[string]any{"description": "ERP"}, http.StatusOK, nil)
	for _, b := range [][]byte{got, upd, []byte(e.logs.String())} {
		if strings.Contains(string(b), created.SigningSecret) {
			t.Fatalf("the secret leaked: %s", b)
		}
	}
	stored, err := e.db.Webhook(t.Context(), created.ID)
	if err != nil || stored.Secret.Reveal() != created.SigningSecret || stored.Description != "ERP" {
		t.Fatalf("stored %+v (%v): want the secret kept and the description changed", stored, err)
	}
	_, err = e.db.QueueHookEvent(t.Context(), crm.HookEvent{ID: "lead.created:1", Type: "lead.created",
		At: e.clock.Now(), Payload: []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	var log crm.List[*crm.HookDelivery]
	e.call("admin", http.MethodGet, path+"/deliveries", nil, http.StatusOK, &log)
	if len(log.Items) != 1 || log.Items[0].EventID != "lead.created:1" || log.Items[0].State != crm.HookQueued {
		t.Fatalf("log %+v, want the queued delivery", log.Items)
	}
	dpath := fmt.Sprintf("%s/deliveries/%d", path, log.Items[0].ID)
	e.call("admin", http.MethodPost, dpath+"/redeliver", nil, http.StatusOK, nil)
	e.call("admin", http.MethodGet, dpath+"/attempts", nil, http.StatusOK, nil)
	e.call("admin", http.MethodPost, fmt.Sprintf("/api/v1/webhooks/%d/deliveries/%d/redeliver", created.ID+1, log.Items[0].ID),
		nil, http.StatusNotFound, nil)
	e.call("admin", http.MethodDelete, path, nil, http.StatusOK, nil)
	e.call("admin", http.MethodGet, path, nil, http.StatusNotFound, nil)
}

// TestWebhookEventsFromTheAPI: records created and conversations assigned
// or resolved through the API reach the webhooks' publisher.
func TestWebhookEventsFromTheAPI(t *testing.T) {
	e := newEnv(t, web.Config{})
	h := withWebhooks(e)
	var c crm.Customer
	e.call("admin", http.MethodPost, "/api/v1/customers", map[string]any{"name": "明远"}, http.StatusCreated, &c)
	var o crm.Order
	e.call("admin", http.MethodPost, "/api/v1/orders", map[string]any{"number": "SO-9", "customer_id": c.ID, "amount": 100},
		http.StatusCreated, &o)
	var l crm.Lead
	e.call("rep1", http.MethodPost, "/api/v1/leads", map[string]any{"name": "王芳", "email": "wf@example.com"},
		http.StatusCreated, &l)
	h.mu.Lock()
	defer h.mu.Unlock()
	want := []crm.Event{{Kind: crm.EventCustomerNew, RecordID: c.ID}, {Kind: crm.EventOrderNew, RecordID: o.ID},
		{Kind: crm.EventLeadNew, LeadID: l.ID}}
	if fmt.Sprint(h.events) != fmt.Sprint(want) {
		t.Errorf("events %+v, want %+v", h.events, want)
	}
}

// TestWebhookPages: the list and the editor with its delivery log render
// for an admin, in both languages, and the log's button redelivers.
func TestWebhookPages(t *testing.T) {
	e := newEnv(t, web.Config{})
	withWebhooks(e)
	w := &crm.Webhook{URL: "https://hooks.example.com/in", Events: []string{crm.HookLeadCreated}, Secret: "whsec_page"}
	if err := e.db.CreateWebhook(t.Context(), w); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.QueueHookEvent(t.Context(), crm.HookEvent{ID: "lead.created:5", Type: crm.HookLeadCreated,
		At: e.clock.Now(), Payload: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{"/webhooks?lang=en", "https://hooks.example.com/in"},
		{"/webhooks?lang=zh-CN", "添加 Webhook"},
		{fmt.Sprintf("/webhooks/%d?lang=en", w.ID), "lead.created:5"},
		{fmt.Sprintf("/webhooks/%d?lang=zh-CN", w.ID), "重新投递"},
		{"/webhooks/new?lang=en", "payment.received"},
	}
	for _, tt := range tests {
		res, body := e.send(e.request("admin", http.MethodGet, tt.path, nil))
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s: %d, want 200 with %q", tt.path, res.StatusCode, tt.want)
		}
	}
	res, _ := e.send(e.request("rep1", http.MethodGet, "/webhooks", nil))
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a rep got /webhooks: %d", res.StatusCode)
	}
	form := func(path, body string) *http.Response {
		req := e.request("admin", http.MethodPost, path, body)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, _ := e.send(req)
		return res
	}
	res = form("/webhooks", "url=https%3A%2F%2Ferp.example%2Fhook&events=lead.created%0D%0Aorder.created")
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "?saved=1") {
		t.Fatalf("form create: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	ws, _ := e.db.Webhooks(t.Context())
	if last := ws[len(ws)-1]; last.URL != "https://erp.example/hook" || len(last.Events) != 2 || last.Secret == "" {
		t.Errorf("form-created webhook %+v, want two events and a secret made", last)
	}
	l, _ := e.db.HookDeliveries(t.Context(), w.ID, crm.Page{})
	res = form(fmt.Sprintf("/webhooks/%d/deliveries/%d/redeliver", w.ID, l.Items[0].ID), "")
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("redeliver button: %d", res.StatusCode)
	}
}
