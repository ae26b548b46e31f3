package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserCarePlan: a manager builds a care plan, previews it and
// switches it on; on the day, the rep finds the care task under the bell.
func TestBrowserCarePlan(t *testing.T) {
	e := newEnv(t, web.Config{})
	svc := withCare(e)
	bday := crm.Date{Year: 1980, Month: 3, Day: 5}
	k := &crm.Contact{Name: "王小明", Birthday: &bday, OwnerID: ptr(e.id("rep1"))}
	mustDo(t, e.db.CreateContact(context.Background(), k))
	ctx := browsertest.New(t)
	u := e.srv.URL
	do(t, ctx,
		chromedp.Navigate(u+"/login?lang=zh-CN"),
		chromedp.SendKeys(`input[name="email"]`, "manager@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		loads(chromedp.Click(`a[href="/care"]`)),
		chromedp.WaitVisible(`#care-form`),
		chromedp.SendKeys(`input[name="name"]`, "生日电话"),
		chromedp.SetValue(`select[name="action"]`, "task"),
		chromedp.SendKeys(`input[name="subject_zh"]`, "给{{contact.name}}打电话"),
		chromedp.SendKeys(`textarea[name="text_zh"]`, "{{contact.name}} 今天生日"),
		loads(chromedp.Click(`#care-preview`)),
		chromedp.WaitVisible(`#care-preview-table`),
	)
	preview := eval[string](t, ctx, `document.getElementById('care-preview-table').innerText`)
	if !strings.Contains(preview, "2026-03-05") || !strings.Contains(preview, "给王小明打电话") {
		t.Fatalf("the preview shows %q", preview)
	}
	// Saving and switching on post the page: #care-plans is on the page
	// being left too, so each waits for the next page to load first.
	do(t, ctx, loads(chromedp.Click(`#care-save`)), chromedp.WaitVisible(`#care-plans`),
		loads(chromedp.Click(`#care-plans button.switch-on`)), chromedp.WaitVisible(`#care-plans .state.on`))
	shot(t, ctx, "care-plans.png")

	e.clock.Set(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC)) // 11:00 in Shanghai, after the 10:00 send time
	mustDo(t, svc.Sweep(context.Background(), e.clock.Now()))
	do(t, ctx,
		loads(chromedp.Click(`form[action="/logout"] button`)),
		chromedp.WaitVisible(`input[name="email"]`),
		chromedp.SendKeys(`input[name="email"]`, "rep1@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`#bell`),
	)
	if n := eval[string](t, ctx, `document.querySelector('#bell .count').innerText`); n != "1" {
		t.Fatalf("the bell shows %q, want 1", n)
	}
	do(t, ctx, loads(chromedp.Click(`#bell`)), chromedp.WaitVisible(`.reminder-list`))
	list := eval[string](t, ctx, `document.querySelector('.reminders').innerText`)
	if !strings.Contains(list, "给王小明打电话") {
		t.Fatalf("the reminders page shows %q", list)
	}
	shot(t, ctx, "care-reminders.png")
}

// TestBrowserCarePlanEdit: a manager opens a plan that is on, in English,
// changes its trigger, text and team, previews and saves it; the plan keeps
// its id and stays on. The zh-CN page offers the same edit.
func TestBrowserCarePlanEdit(t *testing.T) {
	e := newEnv(t, web.Config{})
	svc := withCare(e)
	p := &crm.CarePlan{Name: "交付回访", Action: crm.CareActionTask, Enabled: true, Locale: "zh-CN", SendAt: "10:00",
		Trigger: crm.CareTrigger{Kind: crm.CareAfterDelivery, Days: 3},
		Texts:   map[string]crm.CareText{"zh-CN": {Subject: "回访", Text: "{{contact.name}}，收到货了吗？"}}}
	mustDo(t, svc.SavePlan(context.Background(), crm.Viewer{Role: crm.RoleAdmin}, p))
	ctx := browsertest.New(t)
	u := e.srv.URL
	id := strconv.FormatInt(p.ID, 10)
	do(t, ctx,
		chromedp.Navigate(u+"/login?lang=en"),
		chromedp.SendKeys(`input[name="email"]`, "manager@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		chromedp.Navigate(u+"/care?lang=en"),
		loads(chromedp.Click(`#edit-plan-`+id)),
		chromedp.WaitVisible(`#care-cancel`),
	)
	if h := eval[string](t, ctx, `document.querySelector('.care-new h2').innerText`); !strings.Contains(h, "Edit care plan") {
		t.Fatalf("the form's heading %q", h)
	}
	if v := eval[string](t, ctx, `document.querySelector('input[name="days"]').value`); v != "3" {
		t.Fatalf("the form holds the plan: days %q", v)
	}
	do(t, ctx,
		chromedp.SetValue(`input[name="days"]`, "7"),
		chromedp.SetValue(`textarea[name="text_zh"]`, "{{contact.name}}，用得怎么样？"),
		chromedp.SetValue(`select[name="team_id"]`, strconv.FormatInt(e.teamA, 10)),
		loads(chromedp.Click(`#care-preview`)),
		chromedp.WaitVisible(`#care-preview-none`),
		loads(chromedp.Click(`#care-save`)),
		chromedp.WaitVisible(`p.flash.ok`),
	)
	got, err := e.db.CarePlan(context.Background(), p.ID)
	mustDo(t, err)
	if got.Trigger.Days != 7 || got.Texts["zh-CN"].Text != "{{contact.name}}，用得怎么样？" || !got.Enabled ||
		got.Audience.TeamID == nil || *got.Audience.TeamID != e.teamA {
		t.Fatalf("the plan after editing: %+v", got)
	}
	plans, err := e.db.ListCarePlans(context.Background(), false)
	mustDo(t, err)
	if len(plans) != 1 {
		t.Fatalf("editing made %d plans", len(plans))
	}
	shot(t, ctx, "care-plan-edit.png")
	do(t, ctx, chromedp.Navigate(u+"/care?lang=zh-CN"), chromedp.WaitVisible(`#edit-plan-`+id))
	if l := eval[string](t, ctx, `document.getElementById('edit-plan-`+id+`').innerText`); l != "编辑" {
		t.Fatalf("the zh-CN edit link says %q", l)
	}
}
