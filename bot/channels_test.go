package bot

import (
	"slices"
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// TestWebFormsAreNotTheBots: a web form's submission is not the bot's to
// decide (it has no settings or rules there, and no way to answer): it is
// neither read nor recorded, by the live loop, Decide or the sweep.
func TestWebFormsAreNotTheBots(t *testing.T) {
	w := newWorld(t)
	res, err := w.ing.Ingest(ctx, &crm.Inbound{Channel: crm.ChannelWebForm, Account: "form1", ExternalID: "wf-1",
		From: crm.Address{Name: "Zhang", Address: "zhang@gmail.com"}, Person: crm.Person{Name: "Zhang", Email: "zhang@gmail.com"},
		Subject: "Contact us", Text: "转人工", ReceivedAt: w.clock()}, nil)
	must(t, err)
	if d, err := w.bot.Decide(ctx, res.MessageID); err != nil || d != nil {
		t.Fatalf("Decide on a form submission: %+v, %v; want nothing", d, err)
	}
	must(t, w.bot.Sweep(ctx, w.clock()))
	if ds, err := w.db.BotDecisions(ctx, res.ConversationID); err != nil || len(ds) != 0 {
		t.Fatalf("decisions %+v, %v: want none", ds, err)
	}

	events := make(chan crm.Event, 4)
	events <- crm.Event{Kind: crm.EventMessageNew, MessageID: 2, Channel: crm.ChannelWeChat}
	events <- crm.Event{Kind: crm.EventMessageNew, MessageID: 3, Channel: crm.ChannelWebForm}
	events <- crm.Event{Kind: crm.EventMessageNew, MessageID: 4} // no channel said: read to find out
	ids := drain(events, crm.Event{Kind: crm.EventMessageNew, MessageID: 1, Channel: crm.ChannelWebForm}, 128)
	if !slices.Equal(ids, []int64{2, 4}) {
		t.Fatalf("drained %v, want [2 4]: the form submissions passed over", ids)
	}
}
