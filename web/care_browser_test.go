package web_test

import (
	"context"
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
		chromedp.Submit(`input[name="password"]`),
		chromedp.WaitVisible(`.who`),
		chromedp.Click(`a[href="/care"]`),
		chromedp.WaitVisible(`#care-form`),
		chromedp.SendKeys(`input[name="name"]`, "生日电话"),
		chromedp.SetValue(`select[name="action"]`, "task"),
		chromedp.SendKeys(`input[name="subject_zh"]`, "给{{contact.name}}打电话"),
		chromedp.SendKeys(`textarea[name="text_zh"]`, "{{contact.name}} 今天生日"),
		chromedp.Click(`#care-preview`),
		chromedp.WaitVisible(`#care-preview-table`),
	)
	preview := eval[string](t, ctx, `document.getElementById('care-preview-table').innerText`)
	if !strings.Contains(preview, "2026-03-05") || !strings.Contains(preview, "给王小明打电话") {
		t.Fatalf("the preview shows %q", preview)
	}
	do(t, ctx, chromedp.Click(`#care-save`), chromedp.WaitVisible(`#care-plans`),
		chromedp.Click(`#care-plans button.switch-on`), chromedp.WaitVisible(`#care-plans .state.on`))
	shot(t, ctx, "care-plans.png")

	e.clock.Set(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC)) // 11:00 in Shanghai, after the 10:00 send time
	mustDo(t, svc.Sweep(context.Background(), e.clock.Now()))
	do(t, ctx,
		chromedp.Click(`form[action="/logout"] button`),
		chromedp.WaitVisible(`input[name="email"]`),
		chromedp.SendKeys(`input[name="email"]`, "rep1@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		chromedp.Submit(`input[name="password"]`),
		chromedp.WaitVisible(`#bell`),
	)
	if n := eval[string](t, ctx, `document.querySelector('#bell .count').innerText`); n != "1" {
		t.Fatalf("the bell shows %q, want 1", n)
	}
	do(t, ctx, chromedp.Click(`#bell`), chromedp.WaitVisible(`.reminder-list`))
	list := eval[string](t, ctx, `document.querySelector('.reminders').innerText`)
	if !strings.Contains(list, "给王小明打电话") {
		t.Fatalf("the reminders page shows %q", list)
	}
	shot(t, ctx, "care-reminders.png")
}
