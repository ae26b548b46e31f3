package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/care"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// withCare serves e's store with care plans and reminders switched on.
func withCare(e *env) *care.Service {
	svc, err := care.New(care.Config{Store: e.db, Records: e.db, Reminders: e.db, Now: e.clock.Now})
	if err != nil {
		e.t.Fatal(err)
	}
	s := web.New(web.Config{}, web.Deps{Store: e.db, Now: e.clock.Now, Version: "test", Care: svc, CareStore: e.db,
		Reminders: e.db, Logger: slog.New(slog.NewTextHandler(e.logs, nil))})
	e.srv.Close()
	e.srv = httptest.NewServer(s)
	e.t.Cleanup(e.srv.Close)
	return svc
}

func TestCarePlanAPI(t *testing.T) {
	e := newEnv(t, web.Config{})
	withCare(e)
	bday := crm.Date{Year: 1980, Month: 3, Day: 5}
	k := &crm.Contact{Name: "王小明", Birthday: &bday, OwnerID: ptr(e.id("rep1"))}
	mustDo(t, e.db.CreateContact(context.Background(), k))
	plan := map[string]any{"name": "生日关怀", "action": "send", "trigger": map[string]any{"kind": "birthday"},
		"texts": map[string]any{"zh-CN": map[string]string{"text": "{{contact.name}}，生日快乐！"}}}

	e.fail("rep1", "POST", "/api/v1/care-plans", plan, http.StatusForbidden, crm.EFORBIDDEN)
	bad := map[string]any{"name": "x", "action": "send", "trigger": map[string]any{"kind": "birthday"},
		"texts": map[string]any{"zh-CN": map[string]string{"text": "{{contact.nmae}}"}}}
	if ae := e.fail("manager", "POST", "/api/v1/care-plans", bad, http.StatusBadRequest, crm.EINVALID); !strings.Contains(ae.Fields["texts.zh-CN.text"], "contact.nmae") {
		t.Errorf("unknown variable not named: %+v", ae)
	}
	var items []crm.CarePreviewItem
	e.call("manager", "POST", "/api/v1/care-plans/preview?days=7", plan, http.StatusOK, &items)
	if len(items) != 1 || items[0].ContactID != k.ID || items[0].Text != "王小明，生日快乐！" || items[0].OccursOn.Day != 5 {
		t.Errorf("preview: %+v", items)
	}
	var saved crm.CarePlan
	e.call("manager", "POST", "/api/v1/care-plans", plan, http.StatusCreated, &saved)
	if saved.ID == 0 || saved.Enabled {
		t.Fatalf("saved %+v: want an id, switched off", saved)
	}
	plan["enabled"] = true
	e.call("admin", "PUT", "/api/v1/care-plans/"+strconv.FormatInt(saved.ID, 10), plan, http.StatusOK, &saved)
	e.call("rep1", "GET", "/api/v1/care/calendar?days=7", nil, http.StatusOK, &items)
	if len(items) != 1 || items[0].PlanID != saved.ID {
		t.Errorf("rep1's calendar: %+v", items)
	}
	e.call("rep2", "GET", "/api/v1/care/calendar?days=7", nil, http.StatusOK, &items)
	if len(items) != 0 {
		t.Errorf("rep2 sees rep1's care: %+v", items)
	}
}

func TestCareUnsubscribeOneClick(t *testing.T) {
	e := newEnv(t, web.Config{})
	withCare(e)
	k := &crm.Contact{Name: "Anna", Emails: []string{"anna@kunde.example"}}
	mustDo(t, e.db.CreateContact(context.Background(), k))
	tok, err := e.db.CareUnsubscribeToken(context.Background(), k.ID)
	mustDo(t, err)
	res, _ := e.send(e.request("", "GET", "/care/unsubscribe/"+tok, nil))
	if r, _ := e.db.CareRecipient(context.Background(), k.ID); res.StatusCode != http.StatusOK || r.OptedOut {
		t.Fatalf("GET: %d, opted out %v: a GET must not unsubscribe", res.StatusCode, r.OptedOut)
	}
	// What a mail client sends for List-Unsubscribe-Post (RFC 8058).
	req := e.request("", "POST", "/care/unsubscribe/"+tok, url.Values{"List-Unsubscribe": {"One-Click"}}.Encode())
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, body := e.send(req)
	if r, _ := e.db.CareRecipient(context.Background(), k.ID); res.StatusCode != http.StatusOK || !r.OptedOut {
		t.Fatalf("POST: %d %s, opted out %v", res.StatusCode, body, r.OptedOut)
	}
	res, _ = e.send(e.request("", "POST", "/care/unsubscribe/not-a-token", ""))
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown token: %d", res.StatusCode)
	}
}

func TestRemindersBell(t *testing.T) {
	e := newEnv(t, web.Config{})
	withCare(e)
	past, later := e.clock.Now().Add(-time.Hour), e.clock.Now().Add(time.Hour)
	for _, due := range []time.Time{past, later} {
		mustDo(t, e.db.CreateTask(context.Background(), &crm.Task{Title: "回电", DueAt: &due, AssigneeID: ptr(e.id("rep1"))}))
	}
	var out struct {
		DueToday int `json:"due_today"`
		Overdue  int `json:"overdue"`
	}
	e.call("rep1", "GET", "/api/v1/reminders", nil, http.StatusOK, &out)
	if out.DueToday != 2 || out.Overdue != 1 {
		t.Errorf("rep1's bell: %+v, want 2 due today, 1 overdue", out)
	}
	e.call("rep2", "GET", "/api/v1/reminders", nil, http.StatusOK, &out)
	if out.DueToday != 0 {
		t.Errorf("rep2's bell: %+v", out)
	}
	e.call("rep1", "GET", "/api/v1/follow-ups?next_before=2026-03-03T00:00:00Z", nil, http.StatusOK, nil)
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The customer page shows the next care and, once done, the last.
func TestCustomerPageShowsCare(t *testing.T) {
	p := newPager(t)
	svc := withCare(p.env)
	bg := context.Background()
	cust := &crm.Customer{Name: "华强电子", OwnerID: ptr(p.id("rep1"))}
	mustDo(t, p.db.CreateCustomer(bg, cust))
	bday := crm.Date{Year: 1980, Month: 3, Day: 5}
	mustDo(t, p.db.CreateContact(bg, &crm.Contact{Name: "王小明", CustomerID: &cust.ID, Birthday: &bday}))
	plan := &crm.CarePlan{Name: "生日电话", Enabled: true, Action: crm.CareActionTask,
		Trigger: crm.CareTrigger{Kind: crm.CareBirthday}, Texts: map[string]crm.CareText{"zh-CN": {Text: "祝{{contact.name}}生日快乐"}}}
	mustDo(t, svc.SavePlan(bg, crm.Viewer{Role: crm.RoleAdmin}, plan))
	path := "/customers/" + strconv.FormatInt(cust.ID, 10)
	if page := p.mustPage("rep1", path); !strings.Contains(page, `id="c360-next-care"`) || !strings.Contains(page, "2026-03-05 10:00") {
		t.Fatalf("no next care on the customer page")
	}
	p.clock.Set(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC))
	mustDo(t, svc.Sweep(bg, p.clock.Now()))
	if page := p.mustPage("rep1", path); !strings.Contains(page, `id="c360-last-care"`) || !strings.Contains(page, "生日电话") {
		t.Fatalf("no last care on the customer page")
	}
}

// A rep marks a contact "no care messages" on the contact page.
func TestContactPageCareOptOut(t *testing.T) {
	p := newPager(t)
	withCare(p.env)
	k := &crm.Contact{Name: "王小明", OwnerID: ptr(p.id("rep1"))}
	mustDo(t, p.db.CreateContact(context.Background(), k))
	path := "/contacts/" + strconv.FormatInt(k.ID, 10)
	if page := p.mustPage("rep1", path); !strings.Contains(page, `id="care-opt-out"`) {
		t.Fatal("no opt-out form on the contact page")
	}
	if res, _ := p.post("rep1", path+"/care-opt-out", url.Values{"opted_out": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("opt-out: %d", res.StatusCode)
	}
	if r, _ := p.db.CareRecipient(context.Background(), k.ID); !r.OptedOut {
		t.Fatal("not opted out")
	}
	if res, _ := p.post("rep2", path+"/care-opt-out", url.Values{"opted_out": {"0"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("another rep's contact: %d, want 404", res.StatusCode)
	}
}

func TestCareSettingsAPI(t *testing.T) {
	e := newEnv(t, web.Config{})
	withCare(e)
	k := &crm.Contact{Name: "Anna", OwnerID: ptr(e.id("rep1"))}
	mustDo(t, e.db.CreateContact(context.Background(), k))
	path := "/api/v1/contacts/" + strconv.FormatInt(k.ID, 10) + "/care-opt-out"
	if ae := e.fail("rep1", "PUT", path, map[string]any{"time_zone": "Mars/Olympus"}, http.StatusBadRequest, crm.EINVALID); ae.Fields["time_zone"] == "" {
		t.Errorf("bad zone not named: %+v", ae)
	}
	e.call("rep1", "PUT", path, map[string]any{"opted_out": true, "time_zone": "Europe/Berlin"}, http.StatusOK, nil)
	r, err := e.db.CareRecipient(context.Background(), k.ID)
	mustDo(t, err)
	if !r.OptedOut || r.TimeZone != "Europe/Berlin" {
		t.Errorf("stored %+v", r)
	}
	e.fail("rep2", "PUT", path, map[string]any{"opted_out": false}, http.StatusNotFound, crm.ENOTFOUND)
}
