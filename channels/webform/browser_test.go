package webform_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/channels/webform"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// sitePage is a customer's page on another origin: the pasted snippet
// (a plain form post) and a second form sent with fetch() as JSON, which
// makes the browser ask a CORS preflight first.
const sitePage = `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
<form id="plain" action="%[1]s" method="post" accept-charset="utf-8">
  <input name="full_name"><input type="email" name="email"><input name="mobile"><textarea name="msg"></textarea>
  <div style="position:absolute;left:-10000px" aria-hidden="true"><input name="_hp" tabindex="-1" autocomplete="off"></div>
  <input type="hidden" name="_page_url"><input type="hidden" name="_referrer">
  <button id="send" type="submit">Send</button>
</form>
<script>
(function (f) { f._page_url.value = location.href; f._referrer.value = document.referrer; })(document.currentScript.previousElementSibling);
</script>
<button id="fetch" type="button">fetch</button><pre id="result"></pre>
<script>
document.getElementById("fetch").onclick = async function () {
  const body = {full_name: "Fetch 用户", email: "fetch@buyer.example", msg: "JSON 询价",
    _page_url: location.href, _referrer: document.referrer};
  try {
    const r = await fetch(%[1]q, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
    document.getElementById("result").textContent = r.status + " " + await r.text();
  } catch (e) { document.getElementById("result").textContent = "error " + e; }
};
</script>
</body></html>`

func TestBrowserSubmitsFromAnotherOrigin(t *testing.T) {
	var action string
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/thanks" {
			fmt.Fprint(w, `<!doctype html><p id="done">thanks</p>`)
			return
		}
		fmt.Fprintf(w, sitePage, action)
	}))
	defer site.Close()
	h := newHarness(t, func(c *webform.Config, f *crm.Form) {
		c.ClientIP = nil // the peer's address: the browser's
		f.AllowedOrigins = []string{site.URL}
		f.RedirectURL = site.URL + "/thanks"
	})
	action = h.url()
	ctx := browsertest.New(t)
	pageURL := site.URL + "/contact?utm_source=newsletter&utm_campaign=autumn"

	step, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(step, chromedp.Navigate(pageURL),
		chromedp.SendKeys(`input[name="full_name"]`, "表单 用户"),
		chromedp.SendKeys(`input[name="email"]`, "plain@buyer.example"),
		chromedp.SendKeys(`input[name="mobile"]`, "13800138000"),
		chromedp.SendKeys(`textarea[name="msg"]`, "想了解价格"),
		chromedp.Click("#send"), chromedp.WaitVisible("#done"))
	if err != nil {
		t.Fatalf("plain post: %v", err)
	}
	loc, err := chromedp.Run(step, chromedp.Location())
	if err != nil || loc != site.URL+"/thanks?ok=1" {
		t.Fatalf("after the post the browser is at %q (%v), want the form's thanks with ok=1", loc, err)
	}
	if err := chromedp.Do(step, chromedp.Navigate(pageURL), chromedp.Click("#fetch"),
		chromedp.WaitVisible(`#result:not(:empty)`)); err != nil {
		t.Fatalf("fetch: %v", err)
	}
	res, err := chromedp.Run(step, chromedp.Text("#result"))
	if err != nil || !strings.HasPrefix(res, `200 {"ok":true`) {
		t.Fatalf("fetch answered %q (%v)", res, err)
	}
	wantBrowserLeads(t, h.leads(), pageURL)
}

func wantBrowserLeads(t *testing.T, leads []*crm.Lead, pageURL string) {
	t.Helper()
	byEmail := map[string]*crm.Lead{}
	for _, l := range leads {
		byEmail[l.Email] = l
	}
	for email, name := range map[string]string{"plain@buyer.example": "表单 用户", "fetch@buyer.example": "Fetch 用户"} {
		l := byEmail[email]
		if l == nil {
			t.Fatalf("no lead for %s among %d", email, len(leads))
		}
		s := l.Source
		if l.Name != name || s.PageURL != pageURL || s.UTMSource != "newsletter" || s.UTMCampaign != "autumn" ||
			s.IP != "127.0.0.1" || !strings.Contains(s.UserAgent, "Chrome") || s.Channel != crm.ChannelWebForm {
			t.Errorf("lead %s = %q, source %+v", email, l.Name, s)
		}
	}
	if l := byEmail["plain@buyer.example"]; l != nil && l.Phone != "+8613800138000" {
		t.Errorf("phone = %q", l.Phone)
	}
}

// The hosted page works in a real browser under its own CSP: the inlined
// style applies (allowed by its hash), a wrong email comes back with its
// message, and a good post ends on the thanks.
func TestBrowserHostedPage(t *testing.T) {
	h := newHarness(t, func(c *webform.Config, _ *crm.Form) { c.ClientIP = nil })
	ctx := browsertest.New(t)
	step, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(step, chromedp.Navigate(h.url()+"?lang=zh-CN&utm_source=qr"),
		chromedp.SendKeys(`#f-full_name`, "扫码 用户"), chromedp.SendKeys(`#f-email`, "not-an-email"),
		chromedp.Click(`button[type="submit"]`), chromedp.WaitVisible(`#err-email`))
	if err != nil {
		t.Fatalf("invalid post: %v", err)
	}
	msg, err := chromedp.Run(step, chromedp.Text(`#err-email`))
	if err != nil || msg != "请输入有效的邮箱地址。" {
		t.Fatalf("email message %q (%v)", msg, err)
	}
	bg, err := chromedp.Run(step, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("button")).backgroundColor`))
	if err != nil || bg != "rgb(47, 111, 235)" {
		t.Fatalf("button background %q (%v): the inline style was blocked", bg, err)
	}
	err = chromedp.Do(step, chromedp.SetValue(`#f-email`, "scan@buyer.example"),
		chromedp.Click(`button[type="submit"]`), chromedp.WaitVisible(`#thanks`))
	if err != nil {
		t.Fatalf("good post: %v", err)
	}
	ls := h.leads()
	if len(ls) != 1 || ls[0].Name != "扫码 用户" || ls[0].Source.UTMSource != "qr" || ls[0].Email != "scan@buyer.example" {
		t.Fatalf("leads = %+v", ls)
	}
}
