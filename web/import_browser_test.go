package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserImport: a manager uploads a UTF-8 CSV of customers,
// maps the one column nobody could guess, runs the dry run, imports with
// the progress bar moving to the end, downloads the error report and
// undoes the import.
func TestBrowserImport(t *testing.T) {
	e, svc := newImportEnv(t, true)
	ctx := browsertest.New(t)
	run, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); svc.Run(run, 50*time.Millisecond) }()
	t.Cleanup(func() { stop(); <-done })

	var csv strings.Builder
	csv.WriteString("客户名称,联系人,手机,客户来源说明,传真\n")
	for i := range 40 {
		fmt.Fprintf(&csv, "浏览器客户%02d,联系人%d,1390013%04d,展会,x\n", i, i, i)
	}
	csv.WriteString(",没有公司名,13900139999,,\n坏电话公司,某人,12345,,\n")
	file := filepath.Join(t.TempDir(), "客户.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	u := e.srv.URL
	do(t, ctx,
		chromedp.Navigate(u+"/login?lang=zh-CN"),
		chromedp.SendKeys(`input[name="email"]`, "manager@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		chromedp.Navigate(u+"/imports"),
		chromedp.WaitVisible(`#import-upload`),
		chromedp.SetUploadFiles(`#import-upload input[type=file]`, []string{file}),
		chromedp.Submit(`#import-upload input[type=file]`),
		chromedp.WaitVisible(`#import-settings`),
	)
	if got := eval[string](t, ctx, `document.querySelector('select[name=col0]').value`); got != "name" {
		t.Fatalf("客户名称 guessed as %q, want name", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('select[name=col3]').value`); got != "" {
		t.Fatalf("客户来源说明 guessed as %q, want nothing", got)
	}
	do(t, ctx,
		chromedp.SetValue(`select[name=col3]`, "source"),
		chromedp.Click(`#import-check`),
		chromedp.WaitVisible(`#import-report`),
	)
	report := eval[string](t, ctx, `document.getElementById('import-report').textContent`)
	if !strings.Contains(report, "共 42 行：新建 40，更新 0，跳过 0，失败 2") {
		t.Fatalf("dry run says %q", report)
	}
	if got := eval[string](t, ctx, `document.querySelector('select[name=col3]').value`); got != "source" {
		t.Fatalf("the dry run lost the chosen mapping: %q", got)
	}
	shot(t, ctx, "import-dry-run.png")
	do(t, ctx, chromedp.Click(`#import-start`), chromedp.WaitVisible(`#import-progress`))
	waitStatus(t, ctx, "done") // the page reloads itself at the end: the poll survives it
	if v := eval[float64](t, ctx, `document.getElementById('import-progress').value`); v != 42 {
		t.Fatalf("progress bar at %v, want 42", v)
	}
	shot(t, ctx, "import-done.png")
	errs := eval[string](t, ctx, `(function () {
		const x = new XMLHttpRequest();
		x.open('GET', document.getElementById('import-errors').href, false);
		x.send();
		return x.responseText;
	})()`)
	if !strings.Contains(errs, "name: is required") || !strings.Contains(errs, "坏电话公司") ||
		strings.Count(strings.TrimSpace(errs), "\n") != 2 {
		t.Fatalf("error report:\n%s", errs)
	}
	var n struct {
		Items []struct {
			Source string `json:"source"`
		} `json:"items"`
	}
	e.call("admin", "GET", "/api/v1/customers?limit=100", nil, 200, &n)
	if len(n.Items) != 40 || n.Items[0].Source != "展会" {
		t.Fatalf("imported %d customers (first source %q), want 40 with source 展会", len(n.Items), n.Items[0].Source)
	}
	do(t, ctx, chromedp.Click(`#import-undo`))
	waitStatus(t, ctx, "undone")
	e.call("admin", "GET", "/api/v1/customers?limit=100", nil, 200, &n)
	if len(n.Items) != 0 {
		t.Fatalf("after undo %d customers are left", len(n.Items))
	}
}

// waitStatus waits for the import page to show status, through the page's
// own reloads (a condition polled in the page dies with it).
func waitStatus(t *testing.T, ctx context.Context, status string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	js := `(document.getElementById('import') || {dataset: {}}).dataset.status || ''`
	for time.Now().Before(deadline) {
		if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](js)); err == nil && got == status {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the import page never showed %s", status)
}
