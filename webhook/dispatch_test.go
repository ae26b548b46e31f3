package webhook_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
	"github.com/rapport-crm/rapport/matcher"
	"github.com/rapport-crm/rapport/webhook"
)

// collector receives what the ingest publishes.
type collector chan crm.Event

func (c collector) Publish(e crm.Event) { c <- e }

// ingestMail runs a real ingest of one mail from an unknown sender and
// returns the events it published: a new conversation, the message, a lead.
func ingestMail(t *testing.T, w *world) []crm.Event {
	t.Helper()
	c := make(collector, 16)
	ing := crm.NewIngester(crm.IngestConfig{Store: w.db, Matcher: matcher.New(matcher.Config{}), Events: c, Now: w.clock.Now})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { ing.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	in := &crm.Inbound{Channel: crm.ChannelEmail, Account: "sales@rapport.example", ExternalID: "<m1@x>",
		MessageRef: "<m1@x>", From: crm.Address{Address: "wang.fang@qq.com"}, Subject: "报价", Text: "请报价",
		ReceivedAt: w.clock.Now(), Raw: []byte("Subject: q\r\n\r\n请报价")}
	if _, err := ing.Ingest(ctx, in, nil); err != nil {
		t.Fatal(err)
	}
	var evs []crm.Event
	for len(evs) < 3 {
		select {
		case e := <-c:
			evs = append(evs, e)
		case <-time.After(30 * time.Second): // a bound, not a wait: events come right after the commit
			t.Fatalf("events %+v, want 3", evs)
		}
	}
	return evs
}

// TestDispatchEveryEvent publishes each kind of event once (and one twice,
// and one no webhook takes) and checks that the receiver gets one signed
// delivery per occurrence, whose body carries the record.
func TestDispatchEveryEvent(t *testing.T) {
	rc := newReceiver(t)
	w := newWorld(t, rc.URL, webhook.Config{}, crm.HookEvents...)
	rc.now = w.clock.Now
	evs := ingestMail(t, w)
	conv := evs[0].ConversationID
	cust := &crm.Customer{Name: "明远"}
	must(t, w.db.CreateCustomer(ctx, cust))
	o := &crm.Order{Number: "SO-1", CustomerID: cust.ID, Amount: 100}
	must(t, w.db.CreateOrder(ctx, o))
	p := &crm.Payment{OrderID: o.ID, Amount: 100, Method: crm.MethodBank, PaidAt: w.clock.Now()}
	must(t, w.db.RecordPayment(ctx, crm.System, p))
	evs = append(evs, evs[1], // the same message again: queued once
		crm.Event{Kind: crm.EventMessageUpdated, ConversationID: conv}, // no webhook event
		crm.Event{Kind: crm.EventCustomerNew, RecordID: cust.ID},
		crm.Event{Kind: crm.EventOrderNew, RecordID: o.ID},
		crm.Event{Kind: crm.EventPaymentNew, RecordID: p.ID},
		crm.Event{Kind: crm.EventAssigned, ConversationID: conv},
		crm.Event{Kind: crm.EventResolved, ConversationID: conv},
		crm.Event{Kind: crm.EventHandedOff, ConversationID: conv})
	for _, e := range evs {
		must(t, w.disp.Handle(ctx, e))
	}
	if n := w.deliver(t); n != len(crm.HookEvents) {
		t.Fatalf("%d deliveries, want one per event type (%d)", n, len(crm.HookEvents))
	}
	want := map[string]string{ // type → the record its data carries
		crm.HookConversationCreated: "conversation", crm.HookMessageCreated: "message", crm.HookLeadCreated: "lead",
		crm.HookCustomerCreated: "customer", crm.HookOrderCreated: "order", crm.HookPaymentReceived: "payment",
		crm.HookConversationAssigned: "conversation", crm.HookConversationResolved: "conversation",
		crm.HookConversationHandedOff: "conversation",
	}
	var types []string
	for _, r := range rc.requests() {
		var b webhook.Body
		must(t, json.Unmarshal(r.body, &b))
		types = append(types, b.Type)
		rec, _ := b.Data[want[b.Type]].(map[string]any)
		if rec == nil || rec["id"] == nil || r.header.Get("Rapport-Event") != b.Type ||
			!verifySignature("whsec_independent", r.header.Get("Rapport-Signature"), r.body, r.at) {
			t.Errorf("%s: body %s, want a signed %s record", b.Type, r.body, want[b.Type])
		}
	}
	slices.Sort(types)
	wantTypes := slices.Sorted(slices.Values(crm.HookEvents))
	if !slices.Equal(types, wantTypes) {
		t.Errorf("delivered %v, want %v", types, wantTypes)
	}
}
