package storetest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// RunBot is the bot store's conformance suite: settings, rules and FAQ with
// their validation, and the one decision per inbound message that queues
// its answer in the same transaction.
func RunBot(t *testing.T, open Opener, m crm.MatchDecider) {
	tests := []struct {
		name string
		fn   func(t *testing.T, h *botHarness)
	}{
		{"SettingsRoundTrip", testBotSettings},
		{"RulesValidatedAndOrdered", testBotRules},
		{"FAQImportAllOrNothing", testBotFAQImport},
		{"DecidedOnceUnderRace", testBotDecidedOnce},
		{"UndecidedAndHistory", testBotUndecided},
		{"CountsPerDay", testBotCounts},
		{"GenerativeSettings", testBotGenerative},
		{"GenerativeDailyCap", testBotGenerativeCap},
		{"HandoffAssigns", testBotHandoffAssigns},
		{"ReviewInInput", testBotReviewInInput},
		{"OnlyAskedHandoffSilences", testBotOnlyAskedHandoffSilences},
		{"JoinKeepsDecisionsAndPause", testBotJoinKeepsDecisions},
		{"UnansweredList", testBotUnansweredList},
		{"UnansweredTeach", testBotUnansweredTeach},
		{"UnansweredTeachRace", testBotUnansweredTeachRace},
		{"UnansweredNewAndDismiss", testBotUnansweredNewAndDismiss},
	}
	for _, tt := range tests {
		t.Run("Bot/"+tt.name, func(t *testing.T) {
			s := open(t)
			bs, ok := s.(crm.BotStore)
			if !ok {
				t.Fatal("the store does not keep the bot's data")
			}
			h := &botHarness{outboxHarness: &outboxHarness{ingestHarness: newIngestHarness(t, s, m, 0),
				sender: &recordingSender{}}, bs: bs}
			h.box = crm.NewOutbox(crm.OutboxConfig{Store: h.s, Senders: map[string]crm.Sender{crm.ChannelEmail: h.sender},
				Now: func() time.Time { return h.now }})
			tt.fn(t, h)
		})
	}
}

type botHarness struct {
	*outboxHarness
	bs crm.BotStore
}

func (h *botHarness) revision(t *testing.T) int64 {
	n, err := h.bs.BotRevision(ctx)
	must(t, err)
	return n
}

func testBotSettings(t *testing.T, h *botHarness) {
	s, err := h.bs.BotSettings(ctx, crm.ChannelWeChat, "wx1")
	must(t, err)
	if !s.Enabled || !s.FAQ || s.TimeZone != "Asia/Shanghai" {
		t.Fatalf("a WeChat account's unsaved settings %+v: want the bot on with FAQ answers, Asia/Shanghai", s)
	}
	if s, err = h.bs.BotSettings(ctx, crm.ChannelEmail, "mb1"); err != nil || s.Enabled {
		t.Fatalf("a mailbox's unsaved settings %+v (%v): want the bot off", s, err)
	}
	bad := &crm.BotSettings{Channel: crm.ChannelWeChat, Account: "wx1", TimeZone: "Mars/Olympus",
		Hours: []crm.WeekHours{{Day: 1, From: "18:00", To: "09:00"}}, Holidays: []string{"2026-13-01"}}
	wantFields(t, h.bs.SaveBotSettings(ctx, bad), "time_zone", "hours[0]", "holidays[0]")
	rev := h.revision(t)
	want := &crm.BotSettings{Channel: crm.ChannelWeChat, Account: "wx1", Enabled: true, FAQ: true,
		Hours: []crm.WeekHours{{Day: 1, From: "09:00", To: "18:00"}}, Holidays: []string{"2026-10-01"},
		AwayText: "我们下班了", HandoffPhrases: []string{"转人工"}}
	must(t, h.bs.SaveBotSettings(ctx, want))
	got, err := h.bs.BotSettings(ctx, crm.ChannelWeChat, "wx1")
	must(t, err)
	same(t, "settings", got, want)
	if h.revision(t) == rev {
		t.Fatal("saving settings did not bump the revision")
	}
}

func testBotRules(t *testing.T, h *botHarness) {
	bad := &crm.BotRule{Channel: crm.ChannelWeChat, Account: "wx1", Kind: crm.RuleKeyword, Match: crm.MatchRegex,
		Keywords: []string{"价格(", "ok"}, Reply: "x"}
	wantFields(t, h.bs.CreateBotRule(ctx, bad), "keywords[0]")
	wantFields(t, h.bs.CreateBotRule(ctx, &crm.BotRule{Channel: "fax", Account: "a", Kind: "x"}), "channel", "kind", "reply")
	low := &crm.BotRule{Channel: crm.ChannelWeChat, Account: "wx1", Kind: crm.RuleKeyword, Keywords: []string{"价格"},
		Reply: "价格见官网", Priority: 5, Enabled: true}
	high := &crm.BotRule{Channel: crm.ChannelWeChat, Account: "wx1", Kind: crm.RuleClick, Keywords: []string{"V1001_HOURS"},
		Reply: "9:00-18:00", Priority: 1, Enabled: true}
	other := &crm.BotRule{Channel: crm.ChannelEmail, Account: "mb1", Kind: crm.RuleKeyword, Keywords: []string{"quote"},
		Reply: "see site", Enabled: true}
	for _, r := range []*crm.BotRule{low, high, other} {
		must(t, h.bs.CreateBotRule(ctx, r))
	}
	rs, err := h.bs.BotRules(ctx, crm.ChannelWeChat, "wx1")
	must(t, err)
	if len(rs) != 2 || rs[0].ID != high.ID || rs[1].ID != low.ID || rs[1].Match != crm.MatchContains {
		t.Fatalf("rules %+v: want the click rule first (priority), the keyword rule contains by default", rs)
	}
	low.Reply = "新价格"
	must(t, h.bs.UpdateBotRule(ctx, low))
	got, err := h.bs.BotRule(ctx, low.ID)
	must(t, err)
	if got.Reply != "新价格" {
		t.Fatalf("updated rule %+v", got)
	}
	must(t, h.bs.DeleteBotRule(ctx, low.ID))
	wantCode(t, h.bs.DeleteBotRule(ctx, low.ID), crm.ENOTFOUND)
	all, err := h.bs.BotRules(ctx, "", "")
	must(t, err)
	if len(all) != 2 {
		t.Fatalf("all rules: %d, want 2", len(all))
	}
}

func testBotFAQImport(t *testing.T, h *botHarness) {
	good := func(q string) *crm.FAQ {
		return &crm.FAQ{Question: q, Alternatives: []string{q + "?"}, Answer: "a", AnswerEn: "an", Enabled: true}
	}
	err := h.bs.ImportFAQs(ctx, []*crm.FAQ{good("运费"), good("退货"), {Question: "发票", Enabled: true}})
	wantFields(t, err, "row 3: answer")
	fs, err := h.bs.FAQs(ctx)
	must(t, err)
	if len(fs) != 0 {
		t.Fatalf("after a broken import %d entries stored, want none", len(fs))
	}
	must(t, h.bs.ImportFAQs(ctx, []*crm.FAQ{good("运费"), good("退货")}))
	f := &crm.FAQ{Question: "发票怎么开", Answer: "订单页开票", Enabled: true}
	must(t, h.bs.CreateFAQ(ctx, f))
	got, err := h.bs.FAQ(ctx, f.ID)
	must(t, err)
	if got.Question != f.Question || got.Alternatives == nil || !got.Enabled {
		t.Fatalf("faq %+v", got)
	}
	f.Enabled = false
	must(t, h.bs.UpdateFAQ(ctx, f))
	must(t, h.bs.DeleteFAQ(ctx, f.ID))
	wantCode(t, h.bs.DeleteFAQ(ctx, f.ID), crm.ENOTFOUND)
	fs, err = h.bs.FAQs(ctx)
	must(t, err)
	if len(fs) != 2 {
		t.Fatalf("%d entries, want 2", len(fs))
	}
}

// testBotDecidedOnce: several instances decide the same message at once;
// one decision and one queued answer result.
func testBotDecidedOnce(t *testing.T, h *botHarness) {
	in := h.ingest(t, mail("chen@gmail.com", "运费", "运费怎么算"))
	var wg sync.WaitGroup
	wins := make(chan bool, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg, out, err := h.box.Prepare(ctx, crm.System, crm.Draft{ConversationID: in.ConversationID,
				Kind: crm.OutAuto, Text: "满99元包邮"})
			if err != nil {
				t.Error(err)
				return
			}
			d := &crm.BotDecision{MessageID: in.MessageID, ConversationID: in.ConversationID, Channel: crm.ChannelEmail,
				Account: "sales@rapport.example", Action: crm.BotAnswer, Reason: "faq 1 score 0.80", FAQID: ptr(int64(1)),
				Score: 0.8, DecidedAt: h.now}
			ok, err := h.bs.RecordBotDecision(ctx, d, msg, out)
			if err != nil {
				t.Error(err)
			}
			wins <- ok
		}()
	}
	wg.Wait()
	close(wins)
	n := 0
	for ok := range wins {
		if ok {
			n++
		}
	}
	out := 0
	for _, m := range h.messages(t, in.ConversationID) {
		if m.Direction == crm.DirectionOut {
			out++
			if !m.Automated || m.Delivery != crm.DeliveryQueued {
				t.Fatalf("the answer %+v: want automated and queued", m)
			}
		}
	}
	ds, err := h.bs.BotDecisions(ctx, in.ConversationID)
	must(t, err)
	if n != 1 || out != 1 || len(ds) != 1 || ds[0].ReplyMessageID == nil || ds[0].Reason != "faq 1 score 0.80" {
		t.Fatalf("%d decisions won, %d answers queued, decisions %+v: want exactly one of each with its reason", n, out, ds)
	}
}

func testBotUndecided(t *testing.T, h *botHarness) {
	first := mail("a@gmail.com", "hi", "one")
	a := h.ingest(t, first)
	b := h.ingest(t, mail("b@gmail.com", "hi", "two"))
	// A web form's submission is never the bot's to decide: the sweep
	// does not list it.
	h.ingest(t, &crm.Inbound{Channel: crm.ChannelWebForm, Account: "form1", ExternalID: "wf-undecided",
		From: crm.Address{Address: "c@gmail.com"}, Person: crm.Person{Email: "c@gmail.com"}, Subject: "Contact us",
		Text: "three", ReceivedAt: aTime(0)})
	d := &crm.BotDecision{MessageID: a.MessageID, ConversationID: a.ConversationID, Channel: crm.ChannelEmail,
		Account: "sales@rapport.example", Action: crm.BotHandoff, Reason: "person: asked (人工)", DecidedAt: h.now}
	ok, err := h.bs.RecordBotDecision(ctx, d, nil, nil)
	must(t, err)
	if !ok {
		t.Fatal("first decision not recorded")
	}
	ids, err := h.bs.UndecidedMessages(ctx, h.now.Add(-time.Minute), 10)
	must(t, err)
	if len(ids) != 1 || ids[0] != b.MessageID {
		t.Fatalf("undecided %v, want [%d]", ids, b.MessageID)
	}
	ids, err = h.bs.UndecidedMessages(ctx, h.now.Add(time.Hour), 10)
	must(t, err)
	if len(ids) != 0 {
		t.Fatalf("undecided since later: %v, want none", ids)
	}
	must(t, h.bs.SetBotPaused(ctx, crm.System, a.ConversationID, true))
	reply := mail("a@gmail.com", "Re: hi", "three")
	reply.References = []string{first.MessageRef}
	again := h.ingest(t, reply)
	in, err := h.bs.BotInput(ctx, again.MessageID)
	must(t, err)
	if !in.Paused || in.PriorInbound != 1 || in.LastHandoffAt == nil || in.Message.Text != "three" {
		t.Fatalf("bot input %+v: want paused, one earlier message, the hand-off's time", in)
	}
	must(t, h.bs.SetBotPaused(ctx, crm.System, a.ConversationID, false))
	in, err = h.bs.BotInput(ctx, again.MessageID)
	must(t, err)
	if in.Paused {
		t.Fatal("still paused after resume")
	}
	wantCode(t, h.bs.SetBotPaused(ctx, crm.System, 999999, true), crm.ENOTFOUND)
}

func testBotCounts(t *testing.T, h *botHarness) {
	answered := h.ingest(t, mail("p@gmail.com", "运费", "运费"))
	handed := h.ingest(t, mail("q@gmail.com", "人工", "转人工"))
	for _, x := range []struct {
		res    *crm.IngestResult
		action string
	}{{answered, crm.BotAnswer}, {handed, crm.BotHandoff}} {
		_, err := h.bs.RecordBotDecision(ctx, &crm.BotDecision{MessageID: x.res.MessageID, ConversationID: x.res.ConversationID,
			Channel: crm.ChannelEmail, Account: "sales@rapport.example", Action: x.action, Reason: "r", DecidedAt: h.now}, nil, nil)
		must(t, err)
	}
	day := h.now.UTC().Truncate(24 * time.Hour)
	cs, err := h.bs.BotCounts(ctx, day, day.Add(24*time.Hour))
	must(t, err)
	if len(cs) != 1 || cs[0].Answered != 1 || cs[0].Handoffs != 1 || cs[0].Conversations != 2 || cs[0].BotOnly != 1 ||
		cs[0].ResolvedShare != 0.5 || cs[0].Day != day.Format(time.DateOnly) {
		t.Fatalf("counts %+v: want 1 answered, 1 hand-off, half resolved without a person", cs)
	}
	ib, ok := h.s.(crm.InboxStore)
	if !ok {
		t.Fatal("the store has no inbox")
	}
	page, err := ib.Inbox(ctx, crm.InboxQuery{Viewer: crm.System, HandedOff: true})
	must(t, err)
	if len(page.Items) != 1 || page.Items[0].ID != handed.ConversationID {
		t.Fatalf("handed-off filter: %d conversations, want only %d", len(page.Items), handed.ConversationID)
	}
	_, err = h.box.Queue(ctx, crm.Viewer{UserID: h.w.admin.ID, Role: crm.RoleAdmin},
		crm.Draft{ConversationID: handed.ConversationID, Text: "您好，我是小王"})
	must(t, err)
	page, err = ib.Inbox(ctx, crm.InboxQuery{Viewer: crm.System, HandedOff: true})
	must(t, err)
	if len(page.Items) != 0 {
		t.Fatalf("after a rep answered, the handed-off filter still lists %d", len(page.Items))
	}
}

// testBotReviewInInput: a conversation the matcher sent to review (a phone
// shared by two contacts) says so in the bot's input, and no longer once
// a rep resolved the review.
func testBotReviewInInput(t *testing.T, h *botHarness) {
	x := &crm.Contact{Name: "张伟", Phones: []string{"13900139000"}}
	y := &crm.Contact{Name: "张薇", Phones: []string{"+86 139 0013 9000"}}
	must(t, h.s.CreateContact(ctx, x))
	must(t, h.s.CreateContact(ctx, y))
	res := h.ingest(t, mail("zw-bot@qq.com", "发票", "发票怎么开？请回电 13900139000"))
	in, err := h.bs.BotInput(ctx, res.MessageID)
	must(t, err)
	if !res.NeedsReview || !in.NeedsReview {
		t.Fatalf("ingest %+v, bot input review %v: want the conversation in review", res, in.NeedsReview)
	}
	_, err = h.s.ResolveReview(ctx, h.w.admin.Viewer(), crm.Relink{ConversationID: res.ConversationID, ContactID: &y.ID})
	must(t, err)
	if in, err = h.bs.BotInput(ctx, res.MessageID); err != nil || in.NeedsReview {
		t.Fatalf("after the review: %v, review %v", err, in != nil && in.NeedsReview)
	}
}

// testBotOnlyAskedHandoffSilences: the bot's input carries the last
// hand-off the follower asked for (or complained into), not one the bot
// made for another reason (an order number, an unsure match).
func testBotOnlyAskedHandoffSilences(t *testing.T, h *botHarness) {
	first := mail("s@gmail.com", "order", "订单20261130558812到哪了")
	a := h.ingest(t, first)
	for _, reason := range []string{"person: reference 20261130558812", "unsure: best faq 2 score 0.20 (runner-up 0.00)"} {
		msg := mail("s@gmail.com", "Re: order", reason)
		msg.References = []string{first.MessageRef}
		r := h.ingest(t, msg)
		_, err := h.bs.RecordBotDecision(ctx, &crm.BotDecision{MessageID: r.MessageID, ConversationID: a.ConversationID,
			Channel: crm.ChannelEmail, Account: "sales@rapport.example", Action: crm.BotHandoff, Reason: reason, DecidedAt: h.now}, nil, nil)
		must(t, err)
	}
	next := mail("s@gmail.com", "Re: order", "包邮吗")
	next.References = []string{first.MessageRef}
	r := h.ingest(t, next)
	in, err := h.bs.BotInput(ctx, r.MessageID)
	must(t, err)
	if in.LastHandoffAt != nil {
		t.Fatalf("last hand-off %v after hand-offs the follower did not ask for: want none", in.LastHandoffAt)
	}
	_, err = h.bs.RecordBotDecision(ctx, &crm.BotDecision{MessageID: r.MessageID, ConversationID: a.ConversationID,
		Channel: crm.ChannelEmail, Account: "sales@rapport.example", Action: crm.BotHandoff, Reason: "person: complaint (骗子)", DecidedAt: h.now}, nil, nil)
	must(t, err)
	last := mail("s@gmail.com", "Re: order", "还在吗")
	last.References = []string{first.MessageRef}
	in, err = h.bs.BotInput(ctx, h.ingest(t, last).MessageID)
	must(t, err)
	if in.LastHandoffAt == nil {
		t.Fatal("no last hand-off after a complaint")
	}
}

// testBotJoinKeepsDecisions: joining two conversations (a thread that
// mail out of order had split) keeps the bot's decisions with their
// messages and a rep's pause: the sweep must not find those messages
// undecided and answer them again.
func testBotJoinKeepsDecisions(t *testing.T, h *botHarness) {
	fs, ok := h.s.(foldStore)
	if !ok {
		t.Fatalf("%T cannot join conversations", h.s)
	}
	a := h.ingest(t, mail("x@gmail.com", "报价", "运费多少"))
	b := h.ingest(t, mail("y@gmail.com", "报价 2", "包邮吗"))
	_, err := h.bs.RecordBotDecision(ctx, &crm.BotDecision{MessageID: a.MessageID, ConversationID: a.ConversationID,
		Channel: crm.ChannelEmail, Account: "sales@rapport.example", Action: crm.BotAnswer, Reason: "faq 1 score 0.80",
		DecidedAt: h.now}, nil, nil)
	must(t, err)
	must(t, h.bs.SetBotPaused(ctx, crm.System, a.ConversationID, true))
	must(t, fs.JoinConversations(ctx, b.ConversationID, a.ConversationID))
	ids, err := h.bs.UndecidedMessages(ctx, h.now.Add(-time.Hour), 10)
	must(t, err)
	if slices.Contains(ids, a.MessageID) {
		t.Fatalf("after the join, message %d is undecided again (undecided %v)", a.MessageID, ids)
	}
	ds, err := h.bs.BotDecisions(ctx, b.ConversationID)
	must(t, err)
	if len(ds) != 1 || ds[0].MessageID != a.MessageID {
		t.Fatalf("the joined conversation's decisions %+v, want the moved one", ds)
	}
	in, err := h.bs.BotInput(ctx, b.MessageID)
	must(t, err)
	if !in.Paused {
		t.Fatal("the pause in the folded conversation was lost")
	}
}
