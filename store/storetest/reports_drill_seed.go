package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// cst is the viewer's zone in the drill suites: the reports count in its days.
var cst = time.FixedZone("CST", 8*3600)

// seedWorkloadDrills adds follow-ups, sent messages and instalments whose
// March figures (Beijing days) are worked out by hand in the tests.
//
//	follow-ups: a1 call 03-03, a1 visit 03-04, a1 call 04-01 07:00 (April),
//	            a2 call 03-06, b call 03-05
//	sent:       a1 03-02 and 03-03, a1 02-27, b 03-04, one inbound 03-02
//	instalments on O1 (a1): 150 due 03-10 paid, 100 due 04-10;
//	            on O3 (b): 100 due 01-15 paid 30; on O2 (a1): 310 due 03-01
func seedWorkloadDrills(t *testing.T, r *reportWorld) {
	follow := func(u *crm.User, method string, at time.Time) {
		must(t, r.s.CreateFollowUp(ctx, &crm.FollowUp{Method: method, At: at, UserID: u.ID,
			Refs: []crm.Ref{{Kind: crm.RefCustomer, ID: r.cA.ID}}}))
	}
	follow(r.repA1, crm.FollowCall, time.Date(2026, 3, 3, 9, 0, 0, 0, cst))
	follow(r.repA1, crm.FollowVisit, time.Date(2026, 3, 4, 9, 0, 0, 0, cst))
	follow(r.repA1, crm.FollowCall, time.Date(2026, 4, 1, 7, 0, 0, 0, cst))
	follow(r.repA2, crm.FollowCall, time.Date(2026, 3, 6, 9, 0, 0, 0, cst))
	follow(r.repB, crm.FollowCall, time.Date(2026, 3, 5, 9, 0, 0, 0, cst))
	cw := r.s.(convWriter)
	c := &crm.Conversation{Channel: crm.ChannelWeChat, Account: "acct", Status: crm.ConvOpen, AssigneeID: ptr(r.repA1.ID),
		LastMessageAt: time.Date(2026, 3, 4, 9, 0, 0, 0, cst), CreatedAt: time.Date(2026, 2, 27, 9, 0, 0, 0, cst)}
	must(t, cw.CreateConversation(ctx, c))
	msg := func(dir string, author *crm.User, at time.Time) {
		m := &crm.Message{ConversationID: c.ID, Channel: c.Channel, Account: "acct", Direction: dir,
			ExternalID: fmt.Sprint(dir, at.Unix()), SentAt: at, CreatedAt: at, AuthorID: ownerID(author), Text: "您好"}
		must(t, cw.CreateMessage(ctx, m, nil))
	}
	msg(crm.DirectionOut, r.repA1, time.Date(2026, 3, 2, 9, 0, 0, 0, cst))
	msg(crm.DirectionOut, r.repA1, time.Date(2026, 3, 3, 9, 0, 0, 0, cst))
	msg(crm.DirectionOut, r.repA1, time.Date(2026, 2, 27, 9, 0, 0, 0, cst))
	msg(crm.DirectionOut, r.repB, time.Date(2026, 3, 4, 9, 0, 0, 0, cst))
	msg(crm.DirectionIn, nil, time.Date(2026, 3, 2, 10, 0, 0, 0, cst))
	plan := func(o *crm.Order, n int, due crm.Date, amount, paid crm.Money) {
		pl := &crm.PaymentPlan{OrderID: o.ID, Instalment: n, DueDate: due, Amount: amount}
		must(t, r.s.CreatePaymentPlan(ctx, crm.System, pl))
		if paid > 0 {
			must(t, r.s.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: o.ID, PlanID: &pl.ID, Amount: paid,
				Method: crm.MethodBank, PaidAt: time.Date(2026, 3, 11, 10, 0, 0, 0, cst)}))
		}
	}
	plan(r.o1, 1, day(3, 10), 150, 150)
	plan(r.o1, 2, day(4, 10), 100, 0)
	plan(r.o3, 1, day(1, 15), 100, 30)
	plan(r.o2, 1, day(3, 1), 310, 0)
	_, err := r.rs.RefreshReportRollups(ctx)
	must(t, err)
}

// march is the report's March in Beijing days, as instants.
func march() (from, to time.Time) {
	return time.Date(2026, 3, 1, 0, 0, 0, 0, cst), time.Date(2026, 4, 1, 0, 0, 0, 0, cst)
}
