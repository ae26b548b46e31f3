package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserAddsAMailbox has an admin add a mailbox in the editor and find
// it on the list; the password typed never comes back in a page.
func TestBrowserAddsAMailbox(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	withMailboxes(e)
	ctx := browsertest.New(t)
	u := e.srv.URL
	const secret = "imap-secret-6f1c"
	do(t, ctx,
		chromedp.Navigate(u+"/login?lang=en"),
		chromedp.SendKeys(`input[name="email"]`, "admin@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		chromedp.Click(`a[href="/mailboxes"]`),
		chromedp.WaitVisible(`a[href="/mailboxes/new"]`),
		chromedp.Click(`a[href="/mailboxes/new"]`),
		chromedp.WaitVisible(`#f-imap_host`),
		chromedp.SendKeys(`#f-name`, "客服 Support"),
		chromedp.SendKeys(`#f-address`, "support@example.com"),
		chromedp.SendKeys(`#f-imap_host`, "imap.example.com"),
		chromedp.SendKeys(`#f-username`, "support@example.com"),
		chromedp.SendKeys(`#f-password`, secret),
		chromedp.SendKeys(`#f-smtp_host`, "smtp.example.com"),
		chromedp.Click(`form.settings-form button.primary`),
		chromedp.WaitVisible(`.flash.ok`),
	)
	if v := eval[string](t, ctx, `document.getElementById('f-password').value`); v != "" {
		t.Fatalf("the saved mailbox's password input holds %q", v)
	}
	html := eval[string](t, ctx, `document.documentElement.outerHTML`)
	do(t, ctx, chromedp.Click(`a[href="/mailboxes"]`), chromedp.WaitVisible(`table.mailboxes`))
	list := eval[string](t, ctx, `document.querySelector('table.mailboxes').innerText`)
	if !strings.Contains(list, "客服 Support") || !strings.Contains(list, "Not started") {
		t.Fatalf("the list shows %q", list)
	}
	html += eval[string](t, ctx, `document.documentElement.outerHTML`)
	if strings.Contains(html, secret) {
		t.Fatal("the password is in a page's HTML")
	}
	shot(t, ctx, "mailboxes-list.png")
}
