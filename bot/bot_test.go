package bot

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// setup gives the WeChat account wx1 a bot with rules and an FAQ.
func setup(t *testing.T, w *world, s crm.BotSettings) {
	t.Helper()
	s.Channel, s.Account, s.Enabled = crm.ChannelWeChat, "wx1", true
	must(t, w.db.SaveBotSettings(ctx, &s))
	for _, r := range []*crm.BotRule{
		{Kind: crm.RuleWelcome, Keywords: []string{"any"}, Reply: "欢迎关注！"},
		{Kind: crm.RuleWelcome, Keywords: []string{"qrscene_expo"}, Reply: "欢迎展会朋友！"},
		{Kind: crm.RuleWelcome, Keywords: []string{"returning"}, Reply: "欢迎回来！"},
		{Kind: crm.RuleClick, Keywords: []string{"V_HOURS"}, Reply: "每天9:00-22:00"},
		{Kind: crm.RuleKeyword, Match: crm.MatchExact, Keywords: []string{"目录"}, Reply: "产品目录", Priority: 1},
		{Kind: crm.RuleKeyword, Match: crm.MatchContains, Keywords: []string{"加盟", "代理"}, Reply: "加盟请留电话",
			ReplyEn: "Leave your phone for dealership", Priority: 2},
		{Kind: crm.RuleKeyword, Match: crm.MatchRegex, Keywords: []string{`(?i)^wifi\s*密码`}, Reply: "密码是guest123", Priority: 3},
	} {
		r.Channel, r.Account, r.Enabled = crm.ChannelWeChat, "wx1", true
		must(t, w.db.CreateBotRule(ctx, r))
	}
	must(t, w.db.ImportFAQs(ctx, []*crm.FAQ{
		{Question: "运费怎么算？", Alternatives: []string{"包邮吗", "邮费多少"}, Answer: "满99包邮", AnswerEn: "Free over 99", Enabled: true},
		{Question: "怎么申请退货？", Alternatives: []string{"七天无理由退货吗"}, Answer: "订单页申请退货", Enabled: true},
	}))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestBotAnswers: each kind of rule, the FAQ, hand-off, complaints and
// order references, as a follower sends them through ingest.
func TestBotAnswers(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true})
	tests := []struct {
		name, text, event string
		action, reply     string
		reasonHas         string
	}{
		{"welcome", "[subscribed]", "subscribe", crm.BotAnswer, "欢迎关注！", "rule"},
		{"welcome per QR scene", "[subscribed] scene expo", "subscribe", crm.BotAnswer, "欢迎展会朋友！", "rule"},
		{"menu click", "[menu] V_HOURS", "CLICK", crm.BotAnswer, "每天9:00-22:00", "(click)"},
		{"unknown click", "[menu] V_OTHER", "CLICK", crm.BotNone, "", "no rule"},
		{"keyword exact", "目录", "", crm.BotAnswer, "产品目录", "(keyword)"},
		{"keyword exact needs all", "目录在哪下载", "", crm.BotHandoff, "已为您转接人工客服，同事会尽快回复您。", "unsure"},
		{"keyword contains, traditional", "我想做代理商", "", crm.BotAnswer, "加盟请留电话", "(keyword)"},
		{"keyword in English", "Can I become an agent reseller? 代理", "", crm.BotHandoff, "", "person: asked"},
		{"keyword regex", "WIFI 密码多少", "", crm.BotAnswer, "密码是guest123", "(keyword)"},
		{"faq", "请问包邮吗？", "", crm.BotAnswer, "满99包邮", "faq"},
		{"faq traditional", "運費怎麼算", "", crm.BotAnswer, "满99包邮", "faq"},
		{"faq English", "Is there free shipping?", "", crm.BotAnswer, "Free over 99", "faq"},
		{"hand-off phrase", "转人工", "", crm.BotHandoff, "已为您转接人工客服，同事会尽快回复您。", "person: asked (转人工)"},
		{"complaint beats keyword", "我要投诉你们的运费", "", crm.BotHandoff, "", "person: complaint"},
		{"order reference", "订单20261130558812怎么还没发货", "", crm.BotHandoff, "", "person: reference"},
		{"chit-chat", "谢谢", "", crm.BotNone, "", "chit-chat"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			openid := "o" + strings.Repeat("x", i+1) // a follower each: hand-off silences a conversation
			d, reply := w.decide(t, w.push(t, openid, tt.text, tt.event))
			if d.Action != tt.action || !strings.Contains(d.Reason, tt.reasonHas) || (tt.reply != "" && reply != tt.reply) {
				t.Fatalf("%q: got %s %q (%s), want %s %q (%s)", tt.text, d.Action, reply, d.Reason, tt.action, tt.reply, tt.reasonHas)
			}
		})
	}
}

func TestReturningFollowerAndHandOffSilence(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true})
	w.decide(t, w.push(t, "o1", "包邮吗", ""))
	if _, reply := w.decide(t, w.push(t, "o1", "[subscribed]", "subscribe")); reply != "欢迎回来！" {
		t.Fatalf("a returning follower got %q", reply)
	}
	w.decide(t, w.push(t, "o1", "人工客服", ""))
	d, reply := w.decide(t, w.push(t, "o1", "包邮吗", ""))
	if d.Action != crm.BotNone || reply != "" || !strings.Contains(d.Reason, "handed to a person") {
		t.Fatalf("after a hand-off the bot said %q (%s %s): want silence", reply, d.Action, d.Reason)
	}
	// Asking again is a hand-off again, recorded, but the follower is
	// not told twice.
	if d, reply := w.decide(t, w.push(t, "o1", "转人工", "")); d.Action != crm.BotHandoff || reply != "" ||
		!strings.Contains(d.Reason, "person: asked (转人工); handed to a person at") {
		t.Fatalf("a second request for a person: %s %q (%s), want a hand-off without a notice", d.Action, reply, d.Reason)
	}
	w.advance(5 * time.Hour)
	if d, _ := w.decide(t, w.push(t, "o1", "包邮吗", "")); d.Action != crm.BotAnswer {
		t.Fatalf("hours after the hand-off with no rep: %s %s, want an answer", d.Action, d.Reason)
	}
}

// TestRecordQuestionDoesNotSilence: a question about the follower's own
// order goes to a person, but the follower did not ask to leave the bot:
// their next general question is still answered.
func TestRecordQuestionDoesNotSilence(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true})
	if d, _ := w.decide(t, w.push(t, "o1", "订单20261130558812怎么还没发货", "")); d.Action != crm.BotHandoff {
		t.Fatalf("order question: %s %s, want a hand-off", d.Action, d.Reason)
	}
	if d, _ := w.decide(t, w.push(t, "o1", "包邮吗", "")); d.Action != crm.BotAnswer {
		t.Fatalf("after an order question: %s %s, want an answer", d.Action, d.Reason)
	}
}

func TestRepSilenceAndPause(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true, RepSilenceMinutes: 60})
	first := w.push(t, "o1", "你好", "")
	w.decide(t, first)
	_, err := w.box.Queue(ctx, crm.Viewer{UserID: w.rep.ID, Role: crm.RoleAdmin}, crm.Draft{ConversationID: first.ConversationID, Text: "您好，请讲"})
	must(t, err)
	w.advance(30 * time.Minute)
	if d, _ := w.decide(t, w.push(t, "o1", "包邮吗", "")); d.Action != crm.BotNone || !strings.Contains(d.Reason, "a rep wrote") {
		t.Fatalf("30 min after a rep wrote: %s %s, want silence", d.Action, d.Reason)
	}
	w.advance(31 * time.Minute)
	if d, _ := w.decide(t, w.push(t, "o1", "包邮吗", "")); d.Action != crm.BotAnswer {
		t.Fatalf("61 min after a rep wrote: %s %s, want an answer", d.Action, d.Reason)
	}
	must(t, w.db.SetBotPaused(ctx, crm.System, first.ConversationID, true))
	if d, _ := w.decide(t, w.push(t, "o1", "包邮吗", "")); d.Action != crm.BotNone || d.Reason != "paused by a rep" {
		t.Fatalf("paused: %s %s", d.Action, d.Reason)
	}
	must(t, w.db.SetBotPaused(ctx, crm.System, first.ConversationID, false))
	if d, _ := w.decide(t, w.push(t, "o1", "包邮吗", "")); d.Action != crm.BotAnswer {
		t.Fatalf("resumed: %s %s", d.Action, d.Reason)
	}
}

// TestBusinessHoursAway moves the clock out of the hours: the away
// message goes out once per conversation per AwayEveryHours.
func TestBusinessHoursAway(t *testing.T) {
	w := newWorld(t)
	var hours []crm.WeekHours
	for d := 1; d <= 5; d++ {
		hours = append(hours, crm.WeekHours{Day: d, From: "09:00", To: "18:00"})
	}
	setup(t, w, crm.BotSettings{Hours: hours, Holidays: []string{"2026-12-02"}, AwayText: "我们已下班", AwayEveryHours: 12})
	if d, _ := w.decide(t, w.push(t, "o1", "谢谢", "")); d.Action != crm.BotNone {
		t.Fatalf("in hours: %s %s, want nothing", d.Action, d.Reason)
	}
	w.advance(10 * time.Hour) // 20:00 Shanghai
	if d, reply := w.decide(t, w.push(t, "o1", "谢谢", "")); d.Action != crm.BotAway || reply != "我们已下班" {
		t.Fatalf("after hours: %s %q", d.Action, reply)
	}
	w.advance(time.Hour)
	if d, _ := w.decide(t, w.push(t, "o1", "谢谢", "")); d.Action != crm.BotNone || !strings.Contains(d.Reason, "away message sent") {
		t.Fatalf("an hour later: %s %s, want no second away message", d.Action, d.Reason)
	}
	w.advance(12 * time.Hour) // Wednesday 2026-12-02 09:00, a holiday
	if d, _ := w.decide(t, w.push(t, "o1", "谢谢", "")); d.Action != crm.BotAway {
		t.Fatalf("on a holiday, 13 h later: %s %s, want the away message again", d.Action, d.Reason)
	}
	if d, reply := w.decide(t, w.push(t, "o2", "转人工", "")); d.Action != crm.BotHandoff || !strings.Contains(reply, "工作时间") {
		t.Fatalf("hand-off when closed: %s %q, want the follower told a colleague answers in business hours", d.Action, reply)
	}
}

// TestOncePerMessage: a retry and a second instance decide a message once.
func TestOncePerMessage(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true})
	res := w.push(t, "o1", "包邮吗", "")
	other := New(Config{Store: w.db, Outbox: w.box, Now: w.clock})
	var wg sync.WaitGroup
	for _, b := range []*Bot{w.bot, other, w.bot, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := b.Decide(ctx, res.MessageID); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	ds, err := w.db.BotDecisions(ctx, res.ConversationID)
	must(t, err)
	if len(ds) != 1 || ds[0].ReplyMessageID == nil {
		t.Fatalf("decisions %+v: want one, with its answer", ds)
	}
	out := 0
	page, err := w.db.Messages(ctx, crm.System, res.ConversationID, crm.Page{Limit: 100})
	must(t, err)
	for _, m := range page.Items {
		if m.Direction == crm.DirectionOut {
			out++
		}
	}
	if out != 1 {
		t.Fatalf("%d answers queued, want 1", out)
	}
}

// TestCatchUp: a message committed while no bot ran (a crash between
// ingest and the decision) is decided by the sweep, once.
func TestCatchUp(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true})
	res := w.push(t, "o1", "包邮吗", "")
	old := w.push(t, "o2", "包邮吗", "")
	_ = old
	must(t, w.bot.Sweep(ctx, w.clock()))
	must(t, w.bot.Sweep(ctx, w.clock()))
	ds, err := w.db.BotDecisions(ctx, res.ConversationID)
	must(t, err)
	if len(ds) != 1 || ds[0].Action != crm.BotAnswer {
		t.Fatalf("after two sweeps: %+v, want one answer", ds)
	}
	w.advance(time.Hour)
	late := w.push(t, "o3", "包邮吗", "")
	w.advance(time.Hour)
	must(t, w.bot.Sweep(ctx, w.clock()))
	if ds, _ := w.db.BotDecisions(ctx, late.ConversationID); len(ds) != 0 {
		t.Fatalf("a message an hour old was answered late: %+v", ds)
	}
}

// TestNoLoops: automated mail, our own domain and colleagues get nothing;
// a sender over the cap is not answered.
func TestNoLoops(t *testing.T) {
	w := newWorld(t)
	must(t, w.db.SaveBotSettings(ctx, &crm.BotSettings{Channel: crm.ChannelEmail, Account: "mb1", Enabled: true,
		FAQ: true, Acknowledge: true}))
	must(t, w.db.CreateFAQ(ctx, &crm.FAQ{Question: "怎么开发票", Answer: "订单页开票", Enabled: true}))
	for _, tt := range []struct {
		from      string
		automated bool
		reason    string
	}{
		{"mailer-daemon@gmail.com", true, "automated message"},
		{"boss@rapport.example", false, "sent from our own domain"},
	} {
		if d, _ := w.decide(t, w.mail(t, tt.from, "发票", "怎么开发票", tt.automated)); d.Action != crm.BotNone || d.Reason != tt.reason {
			t.Fatalf("%s: %s %s, want none (%s)", tt.from, d.Action, d.Reason, tt.reason)
		}
	}
	must(t, w.db.CreateUser(ctx, &crm.User{Email: "li@partner.example", Name: "Li", Role: crm.RoleRep}))
	if d, _ := w.decide(t, w.mail(t, "li@partner.example", "发票", "怎么开发票", false)); d.Reason != "sent by a colleague" {
		t.Fatalf("a colleague: %s %s", d.Action, d.Reason)
	}
	d, reply := w.decide(t, w.mail(t, "zhang@gmail.com", "发票", "请问怎么开发票", false))
	if d.Action != crm.BotAnswer || !strings.Contains(reply, "邮件已收到") || !strings.Contains(reply, "订单页开票") {
		t.Fatalf("acknowledgement: %s %q (%s)", d.Action, reply, d.Reason)
	}
	for range 3 { // the email cap is 3 automatic answers a day
		w.decide(t, w.mail(t, "robot@gmail.com", "hello", "hello there", false))
	}
	if d, reply := w.decide(t, w.mail(t, "robot@gmail.com", "hello", "hello there", false)); reply != "" || !strings.Contains(d.Reason, "not sent") {
		t.Fatalf("over the cap: %s %q (%s), want no answer", d.Action, reply, d.Reason)
	}
}
