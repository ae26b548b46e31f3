package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserPool: a rep claims from the pool until the cap refuses; a
// manager freezes a lead about to be reclaimed and sees it leave the
// "about to be reclaimed" list.
func TestBrowserPool(t *testing.T) {
	e := newEnv(t, web.Config{})
	ctx := browsertest.New(t)
	u := e.srv.URL
	e.call("admin", "PUT", "/api/v1/pool/limits", record{"lead_cap": 2}, 200, nil)
	e.call("admin", "POST", "/api/v1/pool/rules", record{"kind": "lead", "idle_days": 10, "warn_days": 3}, 201, nil)
	for _, name := range []string{"公海线索甲", "公海线索乙", "公海线索丙"} {
		e.call("admin", "POST", "/api/v1/leads", record{"name": name, "owner_id": nil}, 201, nil)
	}
	login := func(who string) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(u + "/login?lang=en"),
			chromedp.SendKeys(`input[name="email"]`, who+"@example.com"),
			chromedp.SendKeys(`input[name="password"]`, password),
			loads(chromedp.Submit(`input[name="password"]`)),
			chromedp.WaitVisible(`.who`),
		}
	}
	claimFirst := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(u + "/leads?owner=pool"),
		chromedp.WaitVisible(`.rec-table`),
		chromedp.Click(`.rec-table form button`),
	}
	do(t, ctx, login("rep1")...)
	for range 2 {
		do(t, ctx, append(claimFirst, chromedp.WaitVisible(`.pool-panel`))...)
	}
	// A refused form shows the error's message on the error page.
	do(t, ctx, append(claimFirst, chromedp.WaitVisible(`#error-page`))...)
	page, err := chromedp.Run(ctx, chromedp.Text(`#error-page`))
	if err != nil || !strings.Contains(page, "Cap 2 reached") {
		t.Fatalf("the third claim shows %q (%v), want the cap's refusal", page, err)
	}
	shot(t, ctx, "pool-claim-refused.png")

	e.clock.Add(8 * 24 * time.Hour) // two days before the reclaim: both leads are about to go
	soon := u + "/leads?countdown=soon"
	do(t, ctx, append(login("manager"), chromedp.Navigate(soon), chromedp.WaitVisible(`.rec-table`))...)
	if n := rowsIn(t, ctx); n != 2 {
		t.Fatalf("about to be reclaimed: %d rows, want 2", n)
	}
	shot(t, ctx, "pool-about-to-go.png")
	do(t, ctx,
		chromedp.Click(`.rec-table tbody tr a`),
		chromedp.WaitVisible(`.pool-freeze`),
		chromedp.SetValue(`.pool-freeze input[name="until"]`, "2026-04-30"),
		chromedp.SendKeys(`.pool-freeze input[name="reason"]`, "招标进行中"),
		chromedp.Submit(`.pool-freeze input[name="reason"]`),
		chromedp.WaitVisible(`.pool-frozen`),
	)
	shot(t, ctx, "pool-frozen-lead.png")
	do(t, ctx, chromedp.Navigate(soon), chromedp.WaitVisible(`.rec-table`))
	if n := rowsIn(t, ctx); n != 1 {
		t.Fatalf("after the freeze: %d rows about to be reclaimed, want 1", n)
	}
}

// rowsIn counts the rows of the list on the page.
func rowsIn(t *testing.T, ctx context.Context) int {
	t.Helper()
	return eval[int](t, ctx, `document.querySelectorAll('.rec-table tbody tr').length`)
}
