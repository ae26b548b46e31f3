package web_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/rapport-crm/rapport/bot"
	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/web"
)

// TestBotPageReport: the bot page shows, per mailbox and day, what the bot
// did (one FAQ answer, one hand-off) and the share of its conversations no
// person had to answer, in zh-CN and English, with the link to the inbox's
// "handed off by the bot" filter.
func TestBotPageReport(t *testing.T) {
	p := newPager(t)
	p.serve(web.Config{}, web.Deps{})
	ctx := context.Background()
	const mailbox = "sales@rapport.example"
	if err := p.db.SaveBotSettings(ctx, &crm.BotSettings{Channel: crm.ChannelEmail, Account: mailbox, Enabled: true, FAQ: true}); err != nil {
		t.Fatal(err)
	}
	p.call("admin", http.MethodPost, "/api/v1/bot/faqs", map[string]any{"question": "怎么开发票？",
		"alternatives": []string{"能开专票吗"}, "answer": "在订单页填写抬头和税号即可开电子发票。"}, http.StatusCreated, nil)
	contains(t, "the page before any decision", p.mustPage("admin", "/bot?lang=en"), "Last 7 days", "None yet.",
		`<a href="/inbox?handed_off=true">Handed off by the bot</a>`)

	b := bot.New(bot.Config{Store: p.db, Outbox: crm.NewOutbox(crm.OutboxConfig{Store: p.db, Now: p.clock.Now}), Now: p.clock.Now})
	in := p.inbox(0)
	for _, c := range []struct{ from, text, want string }{
		{"wang@kunde.example", "请问发票怎么开？", crm.BotAnswer},
		{"li@kunde.example", "转人工", crm.BotHandoff},
	} {
		res := in.mail(t, c.from, "问题", c.text, "")
		d, err := b.Decide(ctx, res.MessageID)
		if err != nil || d == nil || d.Action != c.want {
			t.Fatalf("%q: decision %+v, %v; want %s", c.text, d, err, c.want)
		}
	}
	day := p.clock.Now().UTC().Format("2006-01-02")
	row := "<td>" + day + "</td><td>邮件 " + mailbox + "</td><td>1</td><td>1</td><td>0</td>\n      <td>50% <span class=\"muted\">(1/2)</span></td>"
	contains(t, "the zh-CN report", p.mustPage("admin", "/bot?lang=zh-CN"), "最近 7 天", "无需人工的会话占比", row)
	contains(t, "the English report", p.mustPage("admin", "/bot?lang=en"), "Resolved without a person", "<td>"+day+"</td>", "50%")
}
