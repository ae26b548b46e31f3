package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// stepsIn runs steps with a bound on each batch, so that a step waiting for
// what never shows fails the test instead of hanging it; the page it was
// on is kept as a screenshot.
func stepsIn(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) error {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 40*time.Second)
	defer cancel()
	err := chromedp.Do(sctx, steps...)
	if err != nil {
		shot(t, ctx, "workday-failed-"+strings.ReplaceAll(t.Name(), "/", "-")+".png")
	}
	return err
}

// TestBrowserRepsDay is a rep's day in real Chromium, in zh-CN and
// English, at desktop and phone width: she picks a customer by name for a
// new order (the picker searches as she types), converts a lead into a
// customer (转为客户) and reads the new customer's timeline, with
// screenshots of each page kept.
func TestBrowserRepsDay(t *testing.T) {
	for _, tt := range []struct {
		lang, size    string
		width, height int64
		order, lead   string // words on the saved order, and on the converted customer's timeline
	}{
		{"zh-CN", "desktop", 1280, 900, "订单", "由线索转化"},
		{"en", "desktop", 1280, 900, "Order", "converted from a lead"},
		{"zh-CN", "phone", 390, 844, "订单", "由线索转化"},
		{"en", "phone", 390, 844, "Order", "converted from a lead"},
	} {
		t.Run(tt.lang+"-"+tt.size, func(t *testing.T) {
			e := newEnv(t, web.Config{})
			ctx := browsertest.New(t)
			u := e.srv.URL
			cust := e.customer("华强电子有限公司", "rep1")
			e.customer("光明科技", "rep3") // team B's: the picker must not offer it
			l := &crm.Lead{Name: "李雷", Company: "韩梅梅贸易", Email: "li.lei@hmm.example", OwnerID: ptr(e.id("rep1")),
				Source: crm.LeadSource{Channel: crm.ChannelWebForm, Form: "contact-us", UTMSource: "baidu"}}
			mustDo(t, e.db.CreateLead(context.Background(), l))
			name := func(s string) string { return fmt.Sprintf("workday-%s-%s-%s", tt.lang, tt.size, s) }

			steps := []chromedp.Action[chromedp.Void]{
				chromedp.EmulateViewport(tt.width, tt.height),
				chromedp.Navigate(u + "/login?lang=" + tt.lang),
				chromedp.SendKeys(`input[name="email"]`, "rep1@example.com"),
				chromedp.SendKeys(`input[name="password"]`, password),
				loads(chromedp.Submit(`input[name="password"]`)),
				chromedp.WaitVisible(`.who`),
				chromedp.Navigate(u + "/orders/new"),
				chromedp.SendKeys(`#f-number`, "SO-DAY-1"),
				chromedp.SendKeys(`#f-customer_id`, "光明"),
				chromedp.WaitVisible(`#l-customer_id li.muted`), // nothing: team B's customer is not offered
				chromedp.SendKeys(`#f-customer_id`, "\b\b"),
				chromedp.SendKeys(`#f-customer_id`, "华强"),
				chromedp.WaitVisible(`#l-customer_id [role=option]`),
			}
			if err := stepsIn(t, ctx, steps...); err != nil {
				t.Fatal(err)
			}
			shot(t, ctx, name("picker.png"))
			steps = []chromedp.Action[chromedp.Void]{
				chromedp.Click(`#l-customer_id [role=option]`),
				chromedp.Submit(`#f-number`),
				chromedp.WaitVisible(`.rec-fields`),
			}
			if err := stepsIn(t, ctx, steps...); err != nil {
				t.Fatal(err)
			}
			fields, err := chromedp.Run(ctx, chromedp.Text(`.rec-fields`))
			if err != nil || !strings.Contains(fields, "华强电子有限公司") || !strings.Contains(fields, "SO-DAY-1") {
				t.Fatalf("the saved order shows %q (%v)", fields, err)
			}
			shot(t, ctx, name("order.png"))

			steps = []chromedp.Action[chromedp.Void]{
				chromedp.Navigate(fmt.Sprintf("%s/leads/%d", u, l.ID)),
				chromedp.WaitVisible(`#lead-source`),
			}
			if err := stepsIn(t, ctx, steps...); err != nil {
				t.Fatal(err)
			}
			shot(t, ctx, name("lead.png"))
			steps = []chromedp.Action[chromedp.Void]{
				chromedp.Click(`#convert`),
				chromedp.WaitVisible(`#convert-form`),
				chromedp.Click(`#convert-submit`),
				chromedp.WaitVisible(`#timeline`),
			}
			if err := stepsIn(t, ctx, steps...); err != nil {
				t.Fatal(err)
			}
			tl, err := chromedp.Run(ctx, chromedp.Text(`.hub`))
			if err != nil || !strings.Contains(tl, "李雷") || !strings.Contains(tl, tt.lead) {
				t.Fatalf("the converted customer's hub shows %q (%v)", tl, err)
			}
			shot(t, ctx, name("timeline.png"))

			// The first customer's timeline has the order she just made.
			steps = []chromedp.Action[chromedp.Void]{
				chromedp.Navigate(fmt.Sprintf("%s/customers/%d", u, cust)),
				chromedp.WaitVisible(`.hub-timeline [data-kind="order"]`),
			}
			if err := stepsIn(t, ctx, steps...); err != nil {
				t.Fatal(err)
			}
			row, err := chromedp.Run(ctx, chromedp.Text(`.hub-timeline [data-kind="order"]`))
			if err != nil || !strings.Contains(row, "SO-DAY-1") || !strings.Contains(row, tt.order) {
				t.Fatalf("the order's timeline row is %q (%v)", row, err)
			}
			shot(t, ctx, name("customer.png"))
		})
	}
}
