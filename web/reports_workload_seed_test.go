package web_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// workloadMore writes follow-ups, sent messages and instalments.
type workloadMore struct {
	p    *pager
	conv int64
	n    int
}

// seedWorkloadMore writes March's records, which April leaves out.
func seedWorkloadMore(t *testing.T, p *pager) *workloadMore {
	w := &workloadMore{p: p}
	c := &crm.Conversation{Channel: crm.ChannelWeChat, Account: "acct", Status: crm.ConvOpen, LastMessageAt: p.clock.Now(),
		CreatedAt: p.clock.Now()}
	if err := p.db.CreateConversation(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	w.conv = c.ID
	w.follow(t, "rep1", "call")
	w.sent(t, "rep1", crm.DirectionOut)
	w.plan(t, "rep1", "2026-03-10", 12300)
	return w
}

// month writes April's: rep1 2 calls and a visit, 2 messages, 500.00 due;
// rep2 a call and a message; rep3 (team B) a call, a message, 70.00 due; one
// inbound message; a lead and a customer each.
func (w *workloadMore) month(t *testing.T) {
	for _, f := range [][2]string{{"rep1", "call"}, {"rep1", "call"}, {"rep1", "visit"}, {"rep2", "call"}, {"rep3", "call"}} {
		w.follow(t, f[0], f[1])
	}
	for _, who := range []string{"rep1", "rep1", "rep2", "rep3", ""} {
		dir := crm.DirectionOut
		if who == "" {
			dir = crm.DirectionIn
		}
		w.sent(t, who, dir)
	}
	w.plan(t, "rep1", "2026-04-05", 50000)
	w.plan(t, "rep3", "2026-04-25", 7000)
	for _, who := range []string{"rep1", "rep3"} {
		w.p.call(who, "POST", "/api/v1/leads", record{"name": "四月线索 " + who}, 201, nil)
	}
}

func (w *workloadMore) follow(t *testing.T, who, method string) {
	var c record
	w.p.call(who, "POST", "/api/v1/customers", record{"name": "跟进客户"}, 201, &c)
	w.p.call(who, "POST", "/api/v1/follow-ups", record{"method": method, "at": w.p.clock.Now().Format(time.RFC3339),
		"refs": []record{{"kind": "customer", "id": c.id()}}}, 201, nil)
}

func (w *workloadMore) sent(t *testing.T, who, dir string) {
	w.n++
	m := &crm.Message{ConversationID: w.conv, Channel: crm.ChannelWeChat, Account: "acct", Direction: dir,
		ExternalID: fmt.Sprint("m", w.n), SentAt: w.p.clock.Now(), CreatedAt: w.p.clock.Now(), Text: "已发 " + who}
	if who != "" {
		id := w.p.id(who)
		m.AuthorID = &id
	}
	if err := w.p.db.CreateMessage(context.Background(), m, nil); err != nil {
		t.Fatal(err)
	}
}

func (w *workloadMore) plan(t *testing.T, who, due string, amount int) {
	var c, o record
	w.n++
	w.p.call(who, "POST", "/api/v1/customers", record{"name": "计划客户"}, 201, &c)
	w.p.call(who, "POST", "/api/v1/orders", record{"number": fmt.Sprint("PL-", w.n), "customer_id": c.id(),
		"amount": amount, "status": "active"}, 201, &o)
	w.p.call(who, "POST", fmt.Sprintf("/api/v1/orders/%d/payment-plans", o.id()),
		record{"instalment": 1, "due_date": due, "amount": amount}, 201, nil)
}
