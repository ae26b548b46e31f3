package web_test

import (
	"encoding/csv"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/web"
	"github.com/rapport-crm/rapport/web/browsertest"
)

// TestBrowserWorksAList: a manager, in Chinese and in English, at desktop
// and phone width, hides a column, sorts by name, saves the filter, ticks
// two rows and assigns them to a rep, labels them, and exports the list
// as CSV, which is read back.
func TestBrowserWorksAList(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"zh-CN", "en"} {
		t.Run(lang, func(t *testing.T) { browserWorksAList(t, lang) })
	}
}

func browserWorksAList(t *testing.T, lang string) {
	e := newEnv(t, web.Config{})
	ctx := browsertest.New(t)
	u := e.srv.URL
	for _, n := range []string{"Charlie 贸易", "Alpha 电子", "Bravo 机械"} {
		e.customer(n, "rep1")
	}
	name, level := map[string]string{"zh-CN": "名称", "en": "Name"}[lang], map[string]string{"zh-CN": "级别", "en": "Level"}[lang]
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(u+"/login?lang="+lang),
		chromedp.SendKeys(`input[name="email"]`, "manager@example.com"),
		chromedp.SendKeys(`input[name="password"]`, password),
		loads(chromedp.Submit(`input[name="password"]`)),
		chromedp.WaitVisible(`.who`),
		chromedp.Navigate(u+"/customers?lang="+lang),
		chromedp.WaitVisible(`.list-total`),
		// Columns: hide the level.
		chromedp.Click(`.list-columns summary`),
		chromedp.Click(`.list-columns input[value="field.level"]`),
		loads(chromedp.Click(`.list-columns button[type=submit]`)),
		chromedp.WaitVisible(`.list-total`),
		// Sort by name.
		loads(chromedp.Click(fmt.Sprintf(`//th/a[starts-with(normalize-space(.), "%s")]`, name))),
		chromedp.WaitVisible(`th[aria-sort="ascending"]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	head, err := chromedp.Run(ctx, chromedp.Text(`.rec-table thead`))
	if err != nil || strings.Contains(head, level) || !strings.Contains(head, name) {
		t.Fatalf("headings %q (%v): the level should be gone", head, err)
	}
	body, err := chromedp.Run(ctx, chromedp.Text(`.rec-table tbody`))
	if err != nil || !(strings.Index(body, "Alpha") < strings.Index(body, "Bravo") && strings.Index(body, "Bravo") < strings.Index(body, "Charlie")) {
		t.Fatalf("sorted by name: %q (%v)", body, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`.list-save summary`),
		chromedp.SendKeys(`.list-save input[name="name"]`, "按名称"),
		loads(chromedp.Click(`.list-save button[type=submit]`)),
		chromedp.WaitVisible(`.list-saved`),
	)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := chromedp.Run(ctx, chromedp.AttributeValue(`.list-saved a`, "href"))
	if err != nil || !strings.Contains(saved.Value, "sort=name") {
		t.Fatalf("the saved filter links to %q (%v)", saved.Value, err)
	}
	shot(t, ctx, "list-customers-"+lang+".png")
	// Tick Alpha and Bravo, assign them to rep2, then label them.
	rep2 := fmt.Sprint(e.id("rep2"))
	tick := func() []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.Click(`//tr[td/a[starts-with(., "Alpha")]]//input[@name="id"]`),
			chromedp.Click(`//tr[td/a[starts-with(., "Bravo")]]//input[@name="id"]`),
		}
	}
	steps := append(tick(),
		chromedp.SetValue(`#bulk select[name="action"]`, "assign"),
		chromedp.SetValue(`#bulk select[name="owner_id"]`, rep2),
		loads(chromedp.Click(`#bulk button[type=submit]`)),
		chromedp.WaitVisible(`.list-tools .flash`),
	)
	steps = append(steps, tick()...)
	steps = append(steps,
		chromedp.SetValue(`#bulk select[name="action"]`, "label"),
		chromedp.SendKeys(`#bulk input[name="label"]`, "重点"),
		loads(chromedp.Click(`#bulk button[type=submit]`)),
		chromedp.WaitVisible(`.list-tools .flash`),
	)
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "done=2") || !strings.Contains(loc, "failed=0") {
		t.Fatalf("after the bulk label: %q (%v)", loc, err)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`fetch(document.querySelector('.list-export a[href*="format=csv"]').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 4 {
		href, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.list-export a[href*="format=csv"]').href`))
		t.Fatalf("the CSV at %s: %q (%v)", href, text, err)
	}
	owner, tags := slices.Index(rows[0], map[string]string{"zh-CN": "负责人", "en": "Owner"}[lang]), len(rows[0])-1
	if rows[0][0] != name || slices.Contains(rows[0], level) {
		t.Errorf("CSV headings %q", rows[0])
	}
	for _, r := range rows[1:] {
		moved := !strings.HasPrefix(r[0], "Charlie")
		if owner >= 0 && (r[owner] == "Rep2") != moved || (r[tags] == "重点") != moved {
			t.Errorf("CSV row %q: Alpha and Bravo should be rep2's and labelled", r)
		}
	}
	if !slices.IsSortedFunc(rows[1:], func(a, b []string) int { return strings.Compare(a[0], b[0]) }) {
		t.Errorf("the CSV is not in the list's order: %q", rows)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(u+"/customers?"+url.Values{"sort": {"-name"}}.Encode()),
		chromedp.WaitVisible(`.list-total`)); err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "list-customers-"+lang+"-phone.png")
}
