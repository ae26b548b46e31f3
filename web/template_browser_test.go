package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/channels/wechat"
	"github.com/rapport-crm/rapport/channels/wechat/wechattest"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/internal/testapp"
)

const wxApp = "wxweb0001"

// withWeChat sends WeChat through the real channel to the fake API, on
// the app's clock (so that the 48-hour window can be left by moving it).
func withWeChat(t *testing.T, api *wechattest.Server) liveOpt {
	return func(p *liveParts) {
		p.clocked = true
		p.senders = append(p.senders, func(app *testapp.App, m map[string]crm.Sender) {
			a := &crm.WeChatAccount{AppID: wxApp, AppSecret: "s3cret", Token: "tok",
				EncodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", Mode: crm.WeChatCompatible, APIBase: api.URL}
			if err := app.DB.CreateWeChatAccount(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			m[crm.ChannelWeChat] = wechat.New(wechat.Config{Store: app.DB, Now: app.Now, Instance: "web",
				HTTPClient: &http.Client{Timeout: 5 * time.Second}})
		})
	}
}

// Outside WeChat's 48-hour window the composer offers the account's
// templates, listed from WeChat, with their fields; the rep picks one,
// fills it in and sends it: a template message reaches the fake WeChat.
func TestBrowserTemplateOutsideWindow(t *testing.T) {
	api := wechattest.New(t)
	api.Templates = []map[string]any{{"template_id": "TPL-ship", "title": "发货通知",
		"content": "{{first.DATA}}\n订单号：{{keyword1.DATA}}\n{{remark.DATA}}", "example": "您的订单已发货"}}
	le := newLiveEnv(t, withWeChat(t, api))
	res, err := le.ing.Ingest(context.Background(), &crm.Inbound{Channel: crm.ChannelWeChat, Account: wxApp,
		ExternalID: "wx-1", From: crm.Address{Name: "小王", Address: "o-follower-1"}, Text: "订单发货了吗？",
		ReceivedAt: le.clock.Now()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	le.clock.Add(50 * time.Hour)

	ctx := le.browser(t, nil, "rep1")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/inbox/%d?lang=zh-CN", le.srv.URL, res.ConversationID)), chromedp.WaitVisible(`#templates`))
	if got := eval[string](t, ctx, `document.querySelector('#cannot-send').textContent`); !strings.Contains(got, "48") {
		t.Errorf("the composer says %q, want the 48-hour window", got)
	}
	if !eval[bool](t, ctx, `document.querySelector('#send').disabled`) {
		t.Error("Send is enabled outside the window before a template is chosen")
	}
	do(t, ctx, chromedp.SetValue(`#composer select[name=template]`, "TPL-ship"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#composer select[name=template]').dispatchEvent(new Event('change', {bubbles: true}))`),
		chromedp.WaitVisible(`.template-fields[data-template="TPL-ship"] input[data-field=keyword1]`),
		chromedp.SendKeys(`.template-fields[data-template="TPL-ship"] input[data-field=first]`, "您好，您的订单已发货"),
		chromedp.SendKeys(`.template-fields[data-template="TPL-ship"] input[data-field=keyword1]`, "SO-2026-0042"))
	screenshot(t, ctx, "template-outside-window")
	do(t, ctx, chromedp.Click(`#send`))
	waitFor(t, ctx, "the template message, sent", `document.querySelector('#timeline [data-delivery="sent"]')`)
	calls := api.Calls("/cgi-bin/message/template/send")
	if len(calls) != 1 {
		t.Fatalf("%d template messages reached WeChat", len(calls))
	}
	b := calls[0].Body
	data, _ := b["data"].(map[string]any)
	kw, _ := data["keyword1"].(map[string]any)
	if b["template_id"] != "TPL-ship" || b["touser"] != "o-follower-1" || kw["value"] != "SO-2026-0042" {
		t.Errorf("template message %v", b)
	}
	if len(api.Calls("/cgi-bin/message/custom/send")) != 0 {
		t.Error("a customer-service message went out after 48 h")
	}

	// No mailbox on this server: a form lead cannot be answered, and the
	// composer says why rather than failing on Send.
	lead := le.form(t, crm.Person{Name: "郑华", Email: "zheng@buyer.example"}, "请报价")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/inbox/%d?lang=en", le.srv.URL, lead)), chromedp.WaitVisible(`#composer`))
	if got := eval[string](t, ctx, `document.querySelector('#cannot-send')?.textContent || ''`); !strings.Contains(got, "No mailbox") {
		t.Errorf("without a mailbox the composer says %q", got)
	}
}
