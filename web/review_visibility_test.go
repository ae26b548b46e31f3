package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// TestNewRoutesKeepTeamsApart calls the bot's, care's, the pool's, the
// revisit lists', the messages' and the public search's routes as rep3
// (team B) against team A's records, conversations and settings: each must
// refuse (403 for admin or manager work, 404 for a record not theirs) or
// leave team A's data out of its answer.
func TestNewRoutesKeepTeamsApart(t *testing.T) {
	e := newEnv(t, web.Config{})
	ctx := context.Background()
	svc, err := care.New(care.Config{Store: e.db, Records: e.db, Reminders: e.db, Now: e.clock.Now})
	mustDo(t, err)
	e.serve(web.Config{}, web.Deps{Care: svc, CareStore: e.db, Reminders: e.db, Webhooks: e.db})

	rep1 := ptr(e.id("rep1"))
	cust := &crm.Customer{Name: "Secretco Trading", Status: "lost", OwnerID: rep1}
	mustDo(t, e.db.CreateCustomer(ctx, cust))
	bday := crm.Date{Year: 1980, Month: 3, Day: 5}
	k := &crm.Contact{Name: "Zhang Secret", Birthday: &bday, OwnerID: rep1, CustomerID: &cust.ID,
		Phones: []string{"+8613800138000"}, Emails: []string{"zhang.private@hidden-secretco.example"}}
	mustDo(t, e.db.CreateContact(ctx, k))
	// Team B's: team A's manager must not see it in care either.
	kB := &crm.Contact{Name: "Li Teamb", Birthday: &bday, OwnerID: ptr(e.id("rep3"))}
	mustDo(t, e.db.CreateContact(ctx, kB))
	due := e.clock.Now().Add(-1)
	mustDo(t, e.db.CreateTask(ctx, &crm.Task{Title: "call Secretco", DueAt: &due, AssigneeID: rep1}))
	in := e.inbox(0).mail(t, "zhang@secretco.example", "secret quote", "our secret price", "")
	_, err = e.db.Assign(ctx, crm.Viewer{Role: crm.RoleAdmin}, in.ConversationID, crm.Assignment{AssigneeID: rep1})
	mustDo(t, err)
	plan := map[string]any{"name": "生日关怀", "action": "send", "enabled": true, "trigger": map[string]any{"kind": "birthday"},
		"texts": map[string]any{"zh-CN": map[string]string{"text": "{{contact.name}}，生日快乐！"}}}
	e.call("admin", "POST", "/api/v1/care-plans", plan, http.StatusCreated, nil)
	var rule crm.PoolRule
	e.call("admin", "POST", "/api/v1/pool/rules", map[string]any{"kind": "customer", "idle_days": 30, "team_id": e.teamA},
		http.StatusCreated, &rule)

	conv := fmt.Sprintf("/api/v1/conversations/%d/bot", in.ConversationID)
	custPath := fmt.Sprintf("/api/v1/customers/%d/", cust.ID)
	pooled := &crm.Customer{Name: "Pooled Ltd"}
	mustDo(t, e.db.CreateCustomer(ctx, pooled))
	poolPath := fmt.Sprintf("/api/v1/customers/%d/", pooled.ID)
	refused := []struct {
		method, path string
		body         any
		status       int
	}{
		{"GET", "/api/v1/bot/settings?channel=email&account=sales@rapport.example", nil, http.StatusForbidden},
		{"PUT", "/api/v1/bot/settings", map[string]any{"channel": "wechat", "account": "wx1", "enabled": true}, http.StatusForbidden},
		{"GET", "/api/v1/bot/rules", nil, http.StatusForbidden},
		{"POST", "/api/v1/bot/rules", map[string]any{"channel": "wechat", "account": "wx1", "kind": "keyword",
			"keywords": []string{"x"}, "reply": "y"}, http.StatusForbidden},
		{"GET", "/api/v1/bot/faqs", nil, http.StatusForbidden},
		{"GET", "/api/v1/bot/faqs/export", nil, http.StatusForbidden},
		{"POST", "/api/v1/bot/faqs/import", "question,alternatives,answer,answer_en\nq,,a,\n", http.StatusForbidden},
		{"GET", "/api/v1/bot/counts", nil, http.StatusForbidden},
		{"GET", "/bot", nil, http.StatusForbidden},
		{"GET", "/api/v1/webhooks", nil, http.StatusForbidden},
		{"POST", "/api/v1/webhooks", map[string]any{"url": "https://hooks.example/x", "events": []string{"lead.created"}}, http.StatusForbidden},
		{"GET", "/webhooks", nil, http.StatusForbidden},
		{"GET", "/bot/rules/new", nil, http.StatusForbidden},
		{"GET", "/care", nil, http.StatusForbidden},
		{"GET", "/api/v1/bot/menu/live?account=wx1", nil, http.StatusForbidden},
		{"POST", "/api/v1/bot/menu/publish?account=wx1", nil, http.StatusForbidden},
		{"GET", conv, nil, http.StatusNotFound},
		{"PUT", conv, map[string]bool{"paused": true}, http.StatusNotFound},
		{"GET", fmt.Sprintf("/api/v1/messages/%d", in.MessageID), nil, http.StatusNotFound},
		{"GET", "/api/v1/care-plans", nil, http.StatusForbidden},
		{"POST", "/api/v1/care-plans", plan, http.StatusForbidden},
		{"POST", "/api/v1/care-plans/preview", plan, http.StatusForbidden},
		{"GET", custPath + "care", nil, http.StatusNotFound},
		{"PUT", fmt.Sprintf("/api/v1/contacts/%d/care-opt-out", k.ID), map[string]any{"opted_out": true}, http.StatusNotFound},
		{"POST", "/api/v1/pool/rules", map[string]any{"kind": "customer", "idle_days": 1}, http.StatusForbidden},
		{"PATCH", fmt.Sprintf("/api/v1/pool/rules/%d", rule.ID), map[string]any{"idle_days": 1}, http.StatusForbidden},
		{"DELETE", fmt.Sprintf("/api/v1/pool/rules/%d", rule.ID), nil, http.StatusForbidden},
		{"PUT", "/api/v1/pool/limits", map[string]any{"lead_cap": 1}, http.StatusForbidden},
		{"PUT", "/api/v1/pool/limits", map[string]any{"lead_cap": 1, "team_id": e.teamB}, http.StatusForbidden},
		{"POST", custPath + "assign", map[string]any{"user_id": e.id("rep3"), "reason": "mine"}, http.StatusNotFound},
		{"POST", custPath + "freeze", map[string]any{"until": "2099-01-01T00:00:00Z", "reason": "x"}, http.StatusNotFound},
		{"POST", custPath + "unfreeze", nil, http.StatusNotFound},
		{"POST", poolPath + "assign", map[string]any{"user_id": e.id("rep3"), "reason": "mine"}, http.StatusForbidden},
		{"POST", poolPath + "freeze", map[string]any{"until": "2099-01-01T00:00:00Z", "reason": "x"}, http.StatusForbidden},
		{"POST", poolPath + "unfreeze", nil, http.StatusForbidden},
		{"POST", custPath + "release", map[string]any{"reason": "x"}, http.StatusNotFound},
		{"POST", custPath + "claim", nil, http.StatusNotFound},
	}
	for _, c := range refused {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			res, b := e.send(e.request("rep3", c.method, c.path, c.body))
			if res.StatusCode != c.status {
				t.Errorf("rep3: status %d, want %d; body %s", res.StatusCode, c.status, b)
			}
			for _, secret := range []string{"Secretco", "Zhang Secret", "secret price", "13800138000"} {
				if strings.Contains(string(b), secret) {
					t.Errorf("rep3's refusal shows %q: %s", secret, b)
				}
			}
		})
	}

	// Lists, counts, calendars, reminders and searches answer, without
	// team A's records.
	filtered := []struct {
		who, method, path string
		body              any
		shown             bool // rep1, the owner, sees the secret here: the check is not empty
	}{
		{"rep3", "GET", fmt.Sprintf("/api/v1/messages?conversation_id=%d", in.ConversationID), nil, false},
		{"rep3", "GET", "/api/v1/messages", nil, true},
		{"rep3", "GET", "/api/v1/revisits/lost", nil, true},
		{"rep3", "GET", fmt.Sprintf("/api/v1/revisits/lost?owner_id=%d", *rep1), nil, false},
		{"rep3", "GET", "/api/v1/revisits/repurchase", nil, false},
		{"rep3", "GET", fmt.Sprintf("/api/v1/care/calendar?days=366&owner_id=%d", *rep1), nil, true},
		{"manager", "GET", "/api/v1/care/calendar?days=366", nil, false},
		{"manager", "POST", "/api/v1/care-plans/preview?days=366", plan, false},
		{"rep3", "GET", fmt.Sprintf("/api/v1/care/calendar?days=366&customer_id=%d", cust.ID), nil, false},
		{"rep3", "GET", fmt.Sprintf("/api/v1/care/occurrences?customer_id=%d", cust.ID), nil, false},
		{"rep3", "GET", "/api/v1/reminders", nil, true},
		{"rep3", "GET", "/api/v1/inbox?handed_off=true", nil, false},
		{"rep3", "GET", "/api/v1/inbox/counts?handed_off=true", nil, false},
		{"rep3", "POST", "/api/v1/duplicates", map[string]any{"q": "Secretco"}, false},
		{"rep3", "POST", "/api/v1/duplicates", map[string]any{"q": "Zhang"}, false},
		{"rep3", "POST", "/api/v1/duplicates", map[string]any{"q": "138001"}, false},
		{"rep3", "POST", "/api/v1/duplicates", map[string]any{"q": "secretco.example"}, false},
		{"rep3", "POST", "/api/v1/duplicates", map[string]any{"name": "Secretco Trading"}, false},
		{"rep3", "GET", "/revisits", nil, true},
		{"rep3", "GET", "/reminders", nil, true},
		{"rep3", "GET", "/pool", nil, false},
		{"rep3", "POST", "/api/v1/revisits/tasks", map[string]any{"customer_ids": []int64{cust.ID}}, false},
	}
	for _, c := range filtered {
		t.Run(c.who+" "+c.method+" "+c.path, func(t *testing.T) {
			if c.shown {
				_, b := e.send(e.request("rep1", c.method, c.path, c.body))
				if !strings.Contains(strings.ToLower(string(b)), "secret") {
					t.Errorf("rep1 does not see their own record here: %s", b)
				}
			}
			res, b := e.send(e.request(c.who, c.method, c.path, c.body))
			if res.StatusCode >= 300 {
				t.Fatalf("status %d; body %s", res.StatusCode, b)
			}
			hidden := []string{"Secretco Trading", "Zhang Secret", "secret price", "secret quote", "13800138000", "call Secretco", "zhang.private"}
			if c.who == "manager" { // team A's own are theirs; team B's are not
				hidden = []string{"Li Teamb"}
			}
			for _, secret := range hidden {
				if strings.Contains(string(b), secret) {
					t.Errorf("%s sees another team's %q: %s", c.who, secret, b)
				}
			}
		})
	}

	// Care done: after the birthday's sweep, team A's manager sees their
	// team's occurrence, not rep3's.
	e.clock.Set(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC))
	mustDo(t, svc.Sweep(ctx, e.clock.Now()))
	var occ []crm.CareOccurrence
	e.call("admin", "GET", "/api/v1/care/occurrences", nil, http.StatusOK, &occ)
	if len(occ) != 2 {
		t.Fatalf("admin's occurrences: %+v, want team A's and team B's", occ)
	}
	e.call("manager", "GET", "/api/v1/care/occurrences", nil, http.StatusOK, &occ)
	if len(occ) != 1 || occ[0].ContactID != k.ID {
		t.Errorf("manager's occurrences: %+v, want only team A's contact %d", occ, k.ID)
	}
	if b := e.call("rep3", "POST", "/api/v1/duplicates", map[string]any{"q": "Secretco"}, http.StatusOK, nil); !strings.Contains(string(b), `"visible":false`) {
		t.Errorf("rep3's search by a fragment of team A's name finds nothing masked (the check above is empty): %s", b)
	}
	// A webhook's secret never reads back from the API (its own admin page
	// shows it on purpose, webhooks_page.go) nor reaches the log.
	var hook struct {
		ID            int64  `json:"id"`
		SigningSecret string `json:"signing_secret"`
	}
	e.call("admin", "POST", "/api/v1/webhooks", map[string]any{"url": "https://hooks.example/x",
		"events": []string{"lead.created"}}, http.StatusCreated, &hook)
	if hook.SigningSecret == "" {
		t.Fatalf("no signing secret on create: %+v", hook)
	}
	for _, path := range []string{"/api/v1/webhooks", fmt.Sprintf("/api/v1/webhooks/%d", hook.ID),
		"/webhooks"} {
		if _, b := e.send(e.request("admin", "GET", path, nil)); strings.Contains(string(b), hook.SigningSecret) {
			t.Errorf("GET %s shows the webhook's secret", path)
		}
	}
	if strings.Contains(e.logs.String(), hook.SigningSecret) {
		t.Errorf("the log holds the webhook's secret")
	}
	// The public search page masks team A's records.
	req0 := e.request("rep3", "POST", "/search", url.Values{"q": {"Secretco"}}.Encode())
	req0.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res, b := e.send(req0); res.StatusCode != http.StatusOK || strings.Contains(string(b), "Secretco Trading") ||
		strings.Contains(string(b), "Zhang Secret") {
		t.Errorf("rep3's public search: %d, want team A's names masked: %s", res.StatusCode, b)
	}
	// The care page's preview form, as team A's manager.
	form := url.Values{"op": {"preview"}, "name": {"生日关怀"}, "action": {"send"}, "trigger": {"birthday"},
		"text_zh": {"{{contact.name}}，生日快乐！"}}
	req := e.request("manager", "POST", "/care", form.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, b := e.send(req)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), "Zhang Secret") {
		t.Errorf("manager's care page preview: %d, want team A's contact shown: %s", res.StatusCode, b)
	}
	if strings.Contains(string(b), "Li Teamb") {
		t.Errorf("manager's care page preview shows team B's contact")
	}
}
