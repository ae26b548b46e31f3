package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserBuildsAWebForm has an admin create a form in the editor, add
// custom fields (one beyond the blank rows, with "Add an input"), edit one,
// copy the snippet, and then fills in the hosted
// page as a visitor would: the lead arrives with the custom field.
func TestBrowserBuildsAWebForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t, web.Config{})
	formsServer(t, e, true)
	ctx := browsertest.New(t)
	u := e.srv.URL
	save := `form.settings-form button.primary`
	do(t, ctx,
		chromedp.Navigate(u+"/login?lang=zh-CN"),
		chromedp.SendKeys(`input[name="email"]`, "admin@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		loads(chromedp.Click(`a[href="/forms"]`)),
		chromedp.WaitVisible(`a[href="/forms/new"]`),
		loads(chromedp.Click(`a[href="/forms/new"]`)),
		chromedp.WaitVisible(`#f-name`),
		chromedp.SendKeys(`#f-name`, "展会登记"),
		chromedp.SendKeys(`input[name="fields.4.name"]`, "budget"),
		chromedp.SendKeys(`input[name="fields.4.label"]`, "预算"),
		chromedp.Click(`button[data-add-row]`),
		chromedp.Click(`button[data-add-row]`),
		chromedp.SendKeys(`input[name="fields.8.name"]`, "headcount"),
		chromedp.SendKeys(`input[name="fields.8.label"]`, "人数"),
		chromedp.SendKeys(`#f-tags`, "展会"),
		loads(chromedp.Click(save)),
		chromedp.WaitVisible(`#snippet`),
		chromedp.SetValue(`input[name="fields.4.label"]`, "预算（万元）"),
		chromedp.Click(`input[name="fields.4.required"]`),
	)
	// The first save's page shows the "saved" notice already: remove it, so
	// that waiting for the notice waits for the second save's page and no
	// later step reaches into the page being replaced.
	eval[bool](t, ctx, `document.querySelector('.flash.ok').remove() === undefined`)
	do(t, ctx,
		loads(chromedp.Click(save)),
		chromedp.WaitVisible(`.flash.ok`),
		chromedp.Click(`button[data-copy="snippet"]`),
	)
	waitFor(t, ctx, "the copy button to say so", jsContains(`document.querySelector('[data-copy="snippet"]').textContent`, "已复制"))
	snippet := eval[string](t, ctx, `document.getElementById('snippet').value`)
	if !strings.Contains(snippet, `预算（万元） *`) || !strings.Contains(snippet, `name="budget" required`) ||
		!strings.Contains(snippet, `name="headcount"`) {
		t.Fatalf("the snippet after the edit:\n%s", snippet)
	}
	shot(t, ctx, "form-editor.png")
	hosted := eval[string](t, ctx, `document.getElementById('hosted').textContent`)
	key := hosted[strings.LastIndex(hosted, "/f/")+3:]
	do(t, ctx,
		chromedp.Navigate(u+"/f/"+key+"?utm_source=expo"),
		chromedp.WaitVisible(`#f-budget`),
		chromedp.SendKeys(`#f-name`, "李雷"),
		chromedp.SendKeys(`#f-email`, "lilei@shenzhen-tech.example"),
		chromedp.SendKeys(`#f-budget`, "50"),
		chromedp.Click(`button[type="submit"]`),
		chromedp.WaitVisible(`#thanks`),
	)
	var leads struct {
		Items []struct {
			Name   string            `json:"name"`
			Email  string            `json:"email"`
			Custom map[string]string `json:"custom"`
		} `json:"items"`
	}
	e.call("admin", http.MethodGet, "/api/v1/leads?q=lilei", nil, http.StatusOK, &leads)
	if len(leads.Items) != 1 || leads.Items[0].Name != "李雷" || leads.Items[0].Custom["budget"] != "50" {
		t.Fatalf("leads from the hosted page: %+v", leads.Items)
	}
}
