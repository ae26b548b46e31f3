package web_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserManagerDrillsAndExports: a manager opens the dashboard in
// Chromium, clicks a bar of the week's chart, lands on the orders behind
// it, then opens the sales report and downloads its XLSX.
func TestBrowserManagerDrillsAndExports(t *testing.T) {
	t.Parallel()
	p := &pager{env: newEnv(t, web.Config{})}
	seedSales(t, p)
	ctx := browsertest.New(t)
	u := p.srv.URL
	err := chromedp.Do(ctx,
		chromedp.Navigate(u+"/login?lang=zh-CN"),
		chromedp.SendKeys(`input[name="email"]`, "manager@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		chromedp.Navigate(u+"/dashboard"),
		chromedp.WaitVisible(`#dash-chart svg`),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "dashboard-manager.png")
	err = chromedp.Do(ctx, chromedp.Click(`#dash-chart a.chart-bar rect`), chromedp.WaitVisible(`.rec-table`))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "/orders?") || !strings.Contains(loc, "user_id=") {
		t.Fatalf("the bar led to %q (%v), want rep1's orders", loc, err)
	}
	list, err := chromedp.Run(ctx, chromedp.Text(`.rec-table`))
	if err != nil || !strings.Contains(list, "S-0") || !strings.Contains(list, "S-1") || strings.Contains(list, "S-2") {
		t.Fatalf("the drilled list shows %q (%v)", list, err)
	}
	err = chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(u+"/reports/sales?by=rep"),
		chromedp.WaitVisible(`#export-xlsx`))
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "report-sales-phone.png")
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`fetch(document.getElementById("export-xlsx").href)
		.then(r => r.arrayBuffer()).then(b => Array.from(new Uint8Array(b)))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, len(got))
	for i, x := range got {
		b[i] = byte(x)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the XLSX does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) != 3 || rows[1][1] != "560" {
		t.Fatalf("the XLSX holds %q (%v)", rows, err)
	}
}
