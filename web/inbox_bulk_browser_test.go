package web_test

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserInboxBulkAction: a rep, in Chinese, sees the inbox's total,
// ticks two of three conversations and takes them (assign to me), labels
// them, resolves one, and exports the list as CSV, which is read back;
// the third conversation, unticked, stays in the pool untouched.
func TestBrowserInboxBulkAction(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	in := e.inbox(0)
	conv := map[string]int64{}
	for _, from := range []string{"alpha@kunde.example", "bravo@kunde.example", "charlie@kunde.example"} {
		name, _, _ := strings.Cut(from, "@")
		conv[name] = in.mail(t, from, "询价 "+name, "请报价", "").ConversationID
	}
	ctx := browsertest.New(t)
	u := e.srv.URL
	tick := func(names ...string) []chromedp.Action[chromedp.Void] {
		var out []chromedp.Action[chromedp.Void]
		for _, n := range names {
			out = append(out, chromedp.Click(fmt.Sprintf(`li[data-conv="%d"] input[name="id"]`, conv[n])))
		}
		return out
	}
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(u + "/login?lang=zh-CN"),
		chromedp.SendKeys(`input[name="email"]`, "rep1@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`#inbox`),
		loads(chromedp.Navigate(u + "/inbox?status=any")),
		chromedp.WaitVisible(`.list-total`),
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	if total := eval[string](t, ctx, `document.querySelector('.list-total').textContent`); total != "共 3 个会话" {
		t.Errorf("the total says %q", total)
	}
	// Take alpha and bravo: the assignee offered first is the rep herself.
	steps = append(tick("alpha", "bravo"),
		chromedp.SetValue(`#inbox-bulk select[name="action"]`, "assign"),
		loads(chromedp.Click(`#inbox-bulk button[type=submit]`)),
		chromedp.WaitVisible(`#inbox-bulk-done`),
	)
	steps = append(steps, tick("alpha", "bravo")...)
	steps = append(steps,
		chromedp.SetValue(`#inbox-bulk select[name="action"]`, "label"),
		chromedp.SendKeys(`#inbox-bulk input[name="label"]`, "重点"),
		loads(chromedp.Click(`#inbox-bulk button[type=submit]`)),
		chromedp.WaitVisible(`#inbox-bulk-done`),
	)
	steps = append(steps, tick("bravo")...)
	steps = append(steps,
		chromedp.SetValue(`#inbox-bulk select[name="action"]`, "resolve"),
		loads(chromedp.Click(`#inbox-bulk button[type=submit]`)),
		chromedp.WaitVisible(`#inbox-bulk-done`),
	)
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	done := eval[string](t, ctx, `document.querySelector('#inbox-bulk-done').textContent`)
	if done != "完成：已修改 1 条，0 条未修改（无权限或超出上限）。" {
		t.Errorf("after the resolve: %q", done)
	}
	shot(t, ctx, "inbox-bulk-zh-CN.png")
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`fetch(document.querySelector('.list-export a[href*="format=csv"]').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][1] != "渠道" {
		t.Fatalf("the CSV: %q (%v)", text, err)
	}
	want := map[string]string{"alpha": "Rep1 重点 待处理", "bravo": "Rep1 重点 已解决", "charlie": "无  待处理"}
	for _, r := range rows[1:] {
		name := strings.SplitN(r[2], "@", 2)[0]
		if got := r[5] + " " + r[7] + " " + r[4]; got != want[name] {
			t.Errorf("CSV row of %s: %q, want %q", name, got, want[name])
		}
	}
	for n, id := range conv {
		c, err := e.db.Conversation(ctx, crm.System, id)
		if err != nil || (n == "charlie") != (c.AssigneeID == nil) {
			t.Errorf("%s: %+v (%v)", n, c, err)
		}
	}
}
