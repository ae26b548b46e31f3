package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTeachUnanswered: in real Chromium an admin opens the
// unanswered questions from the bot page, teaches one to the entry the
// bot guessed (preselected), and writes a new FAQ entry from another on
// the FAQ form, which opens with the question filled in; both leave the
// list.
func TestBrowserTeachUnanswered(t *testing.T) {
	w := newTeachWorld(t)
	first := w.ask(t, "o-browser-1", "运费贵不贵啊我在新疆那边")
	second := w.ask(t, "o-browser-2", "发票抬头写错了能改吗")
	b := w.le.browser(t, nil, "admin")
	do(t, b,
		chromedp.Navigate(w.le.srv.URL+"/bot?lang=zh-CN"),
		chromedp.Click(`a[href="/bot/unanswered"]`),
		chromedp.WaitVisible(fmt.Sprintf(`#q-%d`, first.MessageID)),
	)
	shot(t, b, "bot-unanswered.png")
	if got := eval[string](t, b, fmt.Sprintf(`document.querySelector('#q-%d select[name=faq_id]').value`, first.MessageID)); got != fmt.Sprint(w.ship.ID) {
		t.Fatalf("the entry preselected is %s, want the bot's guess %d", got, w.ship.ID)
	}
	do(t, b,
		chromedp.Click(fmt.Sprintf(`#q-%d form.unanswered-teach button`, first.MessageID)),
		chromedp.WaitVisible(`.flash.ok`),
	)
	if got := eval[string](t, b, `document.querySelector('.flash.ok').innerText`); !strings.Contains(got, "已加为相似问法") {
		t.Fatalf("after teaching the page says %q", got)
	}
	do(t, b,
		chromedp.Click(fmt.Sprintf(`#q-%d a[href^="/bot/faqs/new"]`, second.MessageID)),
		chromedp.WaitVisible(`#f-answer`),
	)
	if got := eval[string](t, b, `document.querySelector('#f-question').value`); got != "发票抬头写错了能改吗" {
		t.Fatalf("the FAQ form opens with the question %q", got)
	}
	do(t, b,
		chromedp.SendKeys(`#f-answer`, "开票后7天内可在订单页申请重开。"),
		chromedp.Click(`form.settings-form button.primary`),
		chromedp.WaitVisible(`.flash.ok`),
		chromedp.Navigate(w.le.srv.URL+"/bot/unanswered?lang=zh-CN"),
		chromedp.WaitVisible(`h1`),
	)
	if got := eval[string](t, b, `document.querySelector('main').innerText`); !strings.Contains(got, "没有未识别问题") {
		t.Fatalf("the list after both:\n%s", got)
	}
}
