package storetest

import (
	"fmt"
	"slices"
	"strings"
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

// testBotUnansweredTeach: teaching makes the question a phrasing of the
// entry (once), bumps the bot's revision, handles the identical ones,
// keeps who did it, and refuses a second time, an unknown entry and an
// entry with no room left.
func testBotUnansweredTeach(t *testing.T, h *botHarness) {
	w := newUnansweredWorld(t, h)
	_, err := w.us.TeachUnanswered(ctx, w.admin.ID, w.xinjiang[0], 999999, "")
	wantFields(t, err, "faq_id")
	_, err = w.us.TeachUnanswered(ctx, w.admin.ID, 999999, w.ship.ID, "")
	wantCode(t, err, crm.ENOTFOUND)
	rev := h.revision(t)
	tg, err := w.us.TeachUnanswered(ctx, w.admin.ID, w.xinjiang[0], w.ship.ID, "")
	must(t, err)
	if tg.Handled != 3 || tg.FAQ.ID != w.ship.ID || h.revision(t) == rev {
		t.Fatalf("taught %+v (revision %d → %d): want 3 handled and the revision bumped", tg, rev, h.revision(t))
	}
	f, err := h.bs.FAQ(ctx, w.ship.ID)
	must(t, err)
	same(t, "the phrasings", f.Alternatives, []string{"包邮吗", "寄到新疆要加钱吗？"})
	same(t, "the list after", ids(w.list(t, crm.UnansweredFilter{})), []int64{w.mailed, w.special})
	for _, id := range w.xinjiang {
		_, err = w.us.TeachUnanswered(ctx, w.admin.ID, id, w.invoice.ID, "")
		wantCode(t, err, crm.ECONFLICT)
		_, err = w.us.DismissUnanswered(ctx, w.admin.ID, id)
		wantCode(t, err, crm.ECONFLICT)
		u, err := w.us.UnansweredQuestion(ctx, id)
		must(t, err)
		if u.Outcome != crm.UnansweredTaught || u.FAQID == nil || *u.FAQID != w.ship.ID || u.HandledBy == nil ||
			*u.HandledBy != w.admin.ID || u.HandledAt == nil || u.Count != 3 {
			t.Errorf("handled %+v: want taught to the shipping entry by the admin", u)
		}
	}
	es, err := h.s.AuditOf(ctx, crm.Ref{Kind: crm.RefMessage, ID: w.xinjiang[0]}, 10)
	must(t, err)
	if len(es) != 1 || es[0].Action != "bot.unanswered_taught" || es[0].ActorID == nil || *es[0].ActorID != w.admin.ID ||
		!strings.Contains(es[0].Detail, "(3 questions)") {
		t.Errorf("audit %+v", es)
	}
	// A phrasing the entry has already is not added twice; an edited
	// text is taught instead of the question's.
	_, err = w.us.TeachUnanswered(ctx, w.admin.ID, w.mailed, w.ship.ID, "包邮吗？")
	must(t, err)
	f, err = h.bs.FAQ(ctx, w.ship.ID)
	must(t, err)
	same(t, "the phrasings after a duplicate", f.Alternatives, []string{"包邮吗", "寄到新疆要加钱吗？"})

	full := &crm.FAQ{Question: "满了", Answer: "x", Enabled: true}
	for i := range 50 {
		full.Alternatives = append(full.Alternatives, fmt.Sprint("说法", i))
	}
	must(t, h.bs.CreateFAQ(ctx, full))
	_, err = w.us.TeachUnanswered(ctx, w.admin.ID, w.special, full.ID, "")
	wantFields(t, err, "alternatives")
	same(t, "still waiting", ids(w.list(t, crm.UnansweredFilter{})), []int64{w.special})
}

// testBotUnansweredNewAndDismiss: a new entry written from a question, in
// one transaction with marking it (a refused entry marks nothing), and a
// dismissal.
func testBotUnansweredNewAndDismiss(t *testing.T, h *botHarness) {
	w := newUnansweredWorld(t, h)
	_, err := w.us.NewFAQFromUnanswered(ctx, w.admin.ID, w.special, &crm.FAQ{Question: "可以开专票吗"})
	wantFields(t, err, "answer")
	fs, err := h.bs.FAQs(ctx)
	must(t, err)
	if len(fs) != 2 || len(w.list(t, crm.UnansweredFilter{})) != 3 {
		t.Fatalf("a refused entry left %d entries and %d questions", len(fs), len(w.list(t, crm.UnansweredFilter{})))
	}
	f := &crm.FAQ{Question: "可以开专票吗", Answer: "可以，下单时选择增值税专用发票。", Enabled: true}
	tg, err := w.us.NewFAQFromUnanswered(ctx, w.admin.ID, w.special, f)
	must(t, err)
	if tg.Handled != 1 || f.ID == 0 {
		t.Fatalf("new entry %+v", tg)
	}
	tg, err = w.us.DismissUnanswered(ctx, w.admin.ID, w.mailed)
	must(t, err)
	if tg.Handled != 1 || tg.FAQ != nil {
		t.Fatalf("dismissed %+v", tg)
	}
	same(t, "left", ids(w.list(t, crm.UnansweredFilter{})), []int64{w.xinjiang[2]})
	u, err := w.us.UnansweredQuestion(ctx, w.special)
	must(t, err)
	if u.Outcome != crm.UnansweredNewEntry || u.FAQID == nil || *u.FAQID != f.ID {
		t.Errorf("the new entry's question %+v", u)
	}
	u, err = w.us.UnansweredQuestion(ctx, w.mailed)
	must(t, err)
	if u.Outcome != crm.UnansweredDismissed || u.FAQID != nil || !slices.Contains([]int64{w.admin.ID}, *u.HandledBy) {
		t.Errorf("the dismissed question %+v", u)
	}
}
