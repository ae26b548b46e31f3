package bot

import (
	"sync"
	"testing"

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
