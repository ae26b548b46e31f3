package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// unansweredWorld: two FAQ entries, an admin, and the bot's decisions about
// eight messages: three followers asking one question three ways (unsure,
// guess: shipping), one unsure with no guess, a mail (unsure), and three
// that are not unanswered questions (an answer, a request for a person, a
// message with no text).
type unansweredWorld struct {
	us              crm.UnansweredStore
	admin           *crm.User
	ship, invoice   *crm.FAQ
	xinjiang        []int64 // oldest first
	special, mailed int64
}

func newUnansweredWorld(t *testing.T, h *botHarness) *unansweredWorld {
	t.Helper()
	us, ok := h.s.(crm.UnansweredStore)
	if !ok {
		t.Fatal("the store keeps no unanswered questions")
	}
	w := &unansweredWorld{us: us, admin: &crm.User{Email: "teacher@rapport.example", Name: "Teacher", Role: crm.RoleAdmin},
		ship:    &crm.FAQ{Question: "运费怎么算？", Alternatives: []string{"包邮吗"}, Answer: "满99元包邮", Enabled: true},
		invoice: &crm.FAQ{Question: "怎么开发票？", Answer: "订单页填写抬头", Enabled: true}}
	must(t, h.s.CreateUser(ctx, w.admin))
	must(t, h.bs.ImportFAQs(ctx, []*crm.FAQ{w.ship, w.invoice}))
	guess := fmt.Sprintf("unsure: best faq %d score 0.29 (runner-up 0.00)", w.ship.ID)
	decide := func(in *crm.Inbound, action, reason string) int64 {
		res := h.ingest(t, in)
		h.now = h.now.Add(time.Minute)
		_, err := h.bs.RecordBotDecision(ctx, &crm.BotDecision{MessageID: res.MessageID, ConversationID: res.ConversationID,
			Channel: in.Channel, Account: in.Account, Action: action, Reason: reason, DecidedAt: h.now}, nil, nil)
		must(t, err)
		return res.MessageID
	}
	for i, text := range []string{"寄到新疆要加钱吗？", "寄到新疆 要加钱吗", "寄到新疆要加钱吗!!"} {
		w.xinjiang = append(w.xinjiang, decide(follower(fmt.Sprintf("oUNANSWERED%021d", i), text, h.now), crm.BotHandoff, guess))
	}
	decide(follower("oUNANSWERED000000000000000000006", "", h.now), crm.BotHandoff, "unsure: no faq entry matched")
	w.special = decide(follower("oUNANSWERED000000000000000000009", "可以开专票吗", h.now), crm.BotHandoff, "unsure: no faq entry matched")
	decide(follower("oUNANSWERED000000000000000000008", "运费怎么算", h.now), crm.BotAnswer, fmt.Sprintf("faq %d score 0.90", w.ship.ID))
	decide(follower("oUNANSWERED000000000000000000007", "转人工", h.now), crm.BotHandoff, "person: asked (转人工)")
	w.mailed = decide(mail("zhao@gmail.com", "报价", "能给个报价吗\n谢谢\n> 上一封邮件"), crm.BotHandoff, guess+"; assigned to user 1")
	return w
}

func (w *unansweredWorld) list(t *testing.T, f crm.UnansweredFilter) []*crm.UnansweredQuestion {
	t.Helper()
	l, err := w.us.Unanswered(ctx, f)
	must(t, err)
	return l.Items
}

func ids(us []*crm.UnansweredQuestion) []int64 {
	out := []int64{}
	for _, u := range us {
		out = append(out, u.ID)
	}
	return out
}

// testBotUnansweredList: the unsure hand-offs, newest first, identical
// questions as one with their count, with the bot's best guess; per
// account; paged.
func testBotUnansweredList(t *testing.T, h *botHarness) {
	w := newUnansweredWorld(t, h)
	all := w.list(t, crm.UnansweredFilter{})
	same(t, "the list", ids(all), []int64{w.mailed, w.special, w.xinjiang[2]})
	m, s, x := all[0], all[1], all[2]
	if m.Text != "报价 能给个报价吗 谢谢" || m.Channel != crm.ChannelEmail || m.Count != 1 || m.ConversationID == 0 {
		t.Errorf("the mail %+v: want its subject and lines up to the quote", m)
	}
	if x.Count != 3 || x.Text != "寄到新疆要加钱吗!!" || x.Account != "wxstore" || x.GuessFAQID == nil ||
		*x.GuessFAQID != w.ship.ID || x.GuessQuestion != "运费怎么算？" || x.GuessScore != 0.29 {
		t.Errorf("the grouped question %+v: want 3 of them, the newest's text, the guess", x)
	}
	if s.GuessFAQID != nil || s.Count != 1 || s.Outcome != "" || s.AskedAt.IsZero() {
		t.Errorf("the question with no guess %+v", s)
	}
	wx := w.list(t, crm.UnansweredFilter{Channel: crm.ChannelWeChat, Account: "wxstore"})
	same(t, "one account's", ids(wx), []int64{w.special, w.xinjiang[2]})
	l, err := w.us.Unanswered(ctx, crm.UnansweredFilter{Page: crm.Page{Limit: 2}})
	must(t, err)
	same(t, "the first page", ids(l.Items), []int64{w.mailed, w.special})
	l, err = w.us.Unanswered(ctx, crm.UnansweredFilter{Page: crm.Page{Limit: 2, After: l.Next}})
	must(t, err)
	if same(t, "the second page", ids(l.Items), []int64{w.xinjiang[2]}); l.Next != 0 || l.Items[0].Count != 3 {
		t.Errorf("the last page %+v (next %d)", l.Items[0], l.Next)
	}
	_, err = w.us.UnansweredQuestion(ctx, 999999)
	wantCode(t, err, crm.ENOTFOUND)
}
