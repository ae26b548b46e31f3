package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rapport-crm/rapport/bot"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// TestBrowserBotAnswers: an admin builds a keyword rule and an FAQ entry on
// the bot pages; a customer's mail then gets the FAQ answer, and another the
// rule's reply, shown in the conversation as automatic answers.
func TestBrowserBotAnswers(t *testing.T) {
	le := newLiveEnv(t)
	ctx := context.Background()
	const mailbox = "sales@rapport.example"
	if err := le.db.SaveBotSettings(ctx, &crm.BotSettings{Channel: crm.ChannelEmail, Account: mailbox, Enabled: true, FAQ: true}); err != nil {
		t.Fatal(err)
	}
	b := le.browser(t, nil, "admin")
	do(t, b,
		chromedp.Navigate(le.srv.URL+"/bot?lang=zh-CN"),
		chromedp.Click(`a[href="/bot/faqs/new"]`),
		chromedp.WaitVisible(`#f-question`),
		chromedp.SendKeys(`#f-question`, "怎么开发票？"),
		chromedp.SendKeys(`#f-alternatives`, "能开专票吗\n发票怎么开"),
		chromedp.SendKeys(`#f-answer`, "在订单页填写抬头和税号即可开电子发票。"),
		chromedp.Click(`form.settings-form button.primary`),
		chromedp.WaitVisible(`.flash.ok`),
		chromedp.Navigate(le.srv.URL+"/bot/rules/new?lang=zh-CN"),
		chromedp.WaitVisible(`#f-account`),
		chromedp.SetValue(`#f-channel`, "email"),
		chromedp.SendKeys(`#f-account`, mailbox),
		chromedp.SendKeys(`#f-keywords`, "样品"),
		chromedp.SendKeys(`#f-reply`, "样品请填写申请表。"),
		chromedp.Click(`form.settings-form button.primary`),
		chromedp.WaitVisible(`.flash.ok`),
		chromedp.Navigate(le.srv.URL+"/bot?lang=zh-CN"),
		chromedp.WaitVisible(`table.bot-rules`),
	)
	shot(t, b, "bot-page.png")

	// The bot, as serve runs it, on this server's store; its answers are
	// queued through an outbox on the same store, which the live outbox sends.
	box := crm.NewOutbox(crm.OutboxConfig{Store: le.db, Senders: map[string]crm.Sender{crm.ChannelEmail: le.sender}})
	bt := bot.New(bot.Config{Store: le.db, Outbox: box})
	for _, c := range []struct{ subject, text, want string }{
		{"发票", "你好，请问发票怎么开？", "在订单页填写抬头和税号即可开电子发票。"},
		{"样品", "想要几个样品看看", "样品请填写申请表。"},
	} {
		res := le.mail(t, fmt.Sprintf("buyer-%s@kunde.example", c.subject), c.subject, c.text, "", "")
		d, err := bt.Decide(ctx, res.MessageID)
		if err != nil || d == nil || d.Action != crm.BotAnswer {
			t.Fatalf("%q: decision %+v, %v", c.text, d, err)
		}
		do(t, b, chromedp.Navigate(fmt.Sprintf("%s/inbox/%d?lang=zh-CN", le.srv.URL, res.ConversationID)))
		waitFor(t, b, "the bot's answer", fmt.Sprintf(`document.body.innerText.includes(%q)`, c.want))
		waitFor(t, b, "the answer marked as the bot's, with its reason",
			`[...document.querySelectorAll('.bot-reason')].some(e => e.innerText.includes('机器人自动回复'))`)
	}
	shot(t, b, "bot-answer.png")
}

// TestBrowserBotSettingsAndMenu: in real Chromium an admin sets an
// account's business hours and away message, writes a menu (a name over
// WeChat's limit is named by its line), publishes it and reads it back,
// and sets up the generative endpoint in English.
func TestBrowserBotSettingsAndMenu(t *testing.T) {
	le := newLiveEnv(t)
	menus := &fakeMenus{live: map[string]*crm.Menu{}}
	le.serve(web.Config{}, web.Deps{Events: le.app.Events, Outbox: le.app.Outbox, Inbox: le.app.DB,
		Mailboxes: le.app.DB, Menus: menus})
	b := le.browser(t, nil, "admin")
	do(t, b,
		chromedp.Navigate(le.srv.URL+"/bot/settings?channel=wechat&account=wx1&lang=zh-CN"),
		chromedp.WaitVisible(`#f-hours`),
		chromedp.SetValue(`#f-hours`, "1 09:00-18:00\n5 09:00-17:00"),
		chromedp.SendKeys(`#f-away_text`, "我们下班了，明早回复您。"),
		chromedp.Click(`form.settings-form button.primary`),
		chromedp.WaitVisible(`.flash.ok`),
		chromedp.Navigate(le.srv.URL+"/bot/menu?account=wx1&lang=zh-CN"),
		chromedp.WaitVisible(`#f-menu`),
		chromedp.SetValue(`#f-menu`, "营业时间和地址 | click | V_HOURS"),
		chromedp.Click(`form.menu-form button.primary`),
		chromedp.WaitVisible(`.menu-problems`),
	)
	waitFor(t, b, "the problem named by line", `document.querySelector('.menu-problems').innerText.includes('第 1 行：名称长 21 字节；微信最多允许 16 字节')`)
	do(t, b,
		chromedp.SetValue(`#f-menu`, "营业时间 | click | V_HOURS\n关于我们\n- 官网 | view | https://rapport.example/about"),
		chromedp.Click(`form.menu-form button.primary`),
		chromedp.WaitVisible(`.flash.ok`),
		chromedp.Click(`form.menu-publish button`),
		chromedp.WaitVisible(`.menu-live`),
	)
	waitFor(t, b, "the live menu read back", `document.querySelector('.menu-live').innerText.includes('- 官网 | view | https://rapport.example/about')`)
	shot(t, b, "bot-menu.png")
	do(t, b,
		chromedp.Navigate(le.srv.URL+"/bot/generative?lang=en"),
		chromedp.WaitVisible(`#f-base_url`),
		chromedp.Click(`#f-enabled`),
		chromedp.SendKeys(`#f-base_url`, "http://127.0.0.1:11434/v1"),
		chromedp.SendKeys(`#f-model`, "qwen2.5:7b"),
		chromedp.SendKeys(`#f-api_key`, "sk-browser-5150"),
		chromedp.Click(`form.settings-form button.primary`),
		chromedp.WaitVisible(`.flash.ok`),
	)
	g, err := le.db.GenerativeSettings(context.Background())
	if err != nil || !g.Enabled || g.Model != "qwen2.5:7b" || g.APIKey.Reveal() != "sk-browser-5150" {
		t.Fatalf("saved generative settings %+v, %v", g, err)
	}
	st, err := le.db.BotSettings(context.Background(), crm.ChannelWeChat, "wx1")
	if err != nil || len(st.Hours) != 2 || st.AwayText == "" || st.Menu == nil || len(menus.live["wx1"].Buttons) != 2 {
		t.Fatalf("saved settings %+v, %v", st, err)
	}
}
