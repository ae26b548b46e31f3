package bot

import (
	"sync"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

type heard struct {
	mu sync.Mutex
	ev []crm.Event
}

func (h *heard) Publish(e crm.Event) { h.mu.Lock(); h.ev = append(h.ev, e); h.mu.Unlock() }

// TestHandOffIsPublished: a hand-off tells HandedOff (the webhooks) once,
// with its conversation and message; an answer or a repeat decision does not.
func TestHandOffIsPublished(t *testing.T) {
	w := newWorld(t)
	setup(t, w, crm.BotSettings{FAQ: true})
	h := &heard{}
	w.bot = New(Config{Store: w.db, Outbox: w.box, Now: w.clock, HandedOff: h})
	w.decide(t, w.push(t, "o1", "包邮吗", ""))
	res := w.push(t, "o2", "转人工", "")
	if d, _ := w.decide(t, res); d.Action != crm.BotHandoff {
		t.Fatalf("转人工: %s", d.Action)
	}
	if d, err := w.bot.Decide(ctx, res.MessageID); err != nil || d != nil {
		t.Fatalf("deciding again: %v %v, want nothing new", d, err)
	}
	want := []crm.Event{{Kind: crm.EventHandedOff, ConversationID: res.ConversationID, MessageID: res.MessageID}}
	if len(h.ev) != 1 || h.ev[0] != want[0] {
		t.Errorf("published %+v, want %+v", h.ev, want)
	}
}

// TestReviewGoesToAPerson: a message in a conversation the matcher sent to
// review is handed to a person, though the FAQ answers it elsewhere.
func TestReviewGoesToAPerson(t *testing.T) {
	faqs := []*crm.FAQ{{ID: 1, Question: "怎么开发票？", Answer: "在订单页填写抬头和税号。", Enabled: true}}
	b, c := New(Config{}), buildCache(1, nil, faqs)
	s := &crm.BotSettings{Enabled: true, FAQ: true, TimeZone: "Asia/Shanghai"}
	for _, review := range []bool{false, true} {
		in := &crm.BotInput{Settings: s, NeedsReview: review, Message: &crm.Message{Channel: crm.ChannelWeChat,
			Account: "wx1", Direction: crm.DirectionIn, ExternalID: "1", Text: "怎么开发票"}}
		ch := b.choose(in, c, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
		if want := map[bool]string{false: crm.BotAnswer, true: crm.BotHandoff}[review]; ch.action != want {
			t.Errorf("review %v: %s (%s), want %s", review, ch.action, ch.reason, want)
		}
	}
}

// TestUnsureReasonNamesTheGuess: the unanswered-questions list reads the
// bot's best guess back from an unsure hand-off's reason (crm.UnsureGuess);
// this is the bot's side of that contract.
func TestUnsureReasonNamesTheGuess(t *testing.T) {
	ask := asker([]*crm.FAQ{
		{ID: 7, Question: "可以开发票吗？", Answer: "可以，结账时告诉店员。", Enabled: true},
		{ID: 8, Question: "营业时间是几点？", Answer: "每天9点到21点。", Enabled: true},
	})
	ch := ask("电子发票和纸质的哪个快")
	if ch.action != crm.BotHandoff || !crm.IsUnsure(ch.action, ch.reason) {
		t.Fatalf("got %s (%s), want an unsure hand-off", ch.action, ch.reason)
	}
	id, score, ok := crm.UnsureGuess(ch.reason)
	if !ok || id != 7 || score <= 0 {
		t.Errorf("UnsureGuess(%q) = %d %.2f %v, want entry 7 with its score", ch.reason, id, score, ok)
	}
}
