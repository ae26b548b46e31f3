package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserCreatesACustomer logs in with real Chromium, creates a
// customer through the form, finds it in the list and opens it, keeping
// screenshots of the list and the detail page (wide and phone-width).
func TestBrowserCreatesACustomer(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	ctx := browsertest.New(t)
	u := e.srv.URL
	e.customer("深圳光明科技", "rep1")
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(u + "/login?lang=zh-CN"),
		chromedp.SendKeys(`input[name="email"]`, "rep1@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		chromedp.Navigate(u + "/customers/new"),
		chromedp.SendKeys(`#f-name`, "华强电子有限公司"),
		chromedp.SetValue(`#f-status`, "deal"),
		chromedp.SendKeys(`#f-tags`, "VIP"),
		chromedp.Submit(`#f-name`),
		chromedp.WaitVisible(`.rec-fields`),
		chromedp.Navigate(u + "/customers"),
		chromedp.WaitVisible(`.rec-table`),
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	list, err := chromedp.Run(ctx, chromedp.Text(`.rec-table`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list, "华强电子有限公司") || !strings.Contains(list, "成交") {
		t.Fatalf("the list shows %q", list)
	}
	shot(t, ctx, "customers-list.png")
	if err := chromedp.Do(ctx, chromedp.Click(`//a[text()="华强电子有限公司"]`), chromedp.WaitVisible(`.c360`)); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Text(`h1`))
	if err != nil || title != "华强电子有限公司" {
		t.Fatalf("the detail page's title is %q (%v)", title, err)
	}
	shot(t, ctx, "customer-detail.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(u+"/customers")); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "customers-list-phone.png")
	var order record
	e.call("rep1", "POST", "/api/v1/orders", record{"number": "SO-2026-001", "customer_id": e.customer("C", "rep1"),
		"items": []record{{"product": "交换机", "quantity": 2, "unit_price": 150000}}}, 201, &order)
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/orders/%d/edit", u, order.id())),
		chromedp.WaitVisible(`.rec-items`)); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "order-form-phone.png")
}

// shot saves a full-page screenshot into $RAPPORT_SCREENSHOTS, or
// artifacts/screenshots at the repository's root, beside the inbox's.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("RAPPORT_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "artifacts", "screenshots")
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
