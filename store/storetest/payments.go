package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

var paymentTests = []storeTest{
	{"Payment/PlansAndSums", testPaymentSums},
	{"Payment/MovePlan", testPaymentMovePlan},
	{"Payment/Invalid", testPaymentInvalid},
	{"Payment/Visibility", testPaymentVisibility},
	{"Payment/Deliveries", testDeliveries},
}

func testPaymentSums(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	o := newOrder(t, s, "SO-P", w.repA1)
	v := w.repA1.Viewer()
	p1 := &crm.PaymentPlan{OrderID: o.ID, Instalment: 1, DueDate: crm.Date{Year: 2026, Month: 3, Day: 1}, Amount: 60000, Notes: "首付款"}
	p2 := &crm.PaymentPlan{OrderID: o.ID, Instalment: 2, DueDate: crm.Date{Year: 2026, Month: 6, Day: 1}, Amount: 40000}
	must(t, s.CreatePaymentPlan(ctx, v, p2))
	must(t, s.CreatePaymentPlan(ctx, v, p1))
	wantCode(t, s.CreatePaymentPlan(ctx, v, &crm.PaymentPlan{OrderID: o.ID, Instalment: 1,
		DueDate: crm.Date{Year: 2026, Month: 1, Day: 1}, Amount: 1}), crm.ECONFLICT)
	pay := func(plan *crm.PaymentPlan, amount crm.Money) *crm.Payment {
		pm := &crm.Payment{OrderID: o.ID, PlanID: ptr(plan.ID), Amount: amount, Method: crm.MethodBank,
			PaidAt: aTime(int(amount % 7)), HandlerID: ptr(w.repA1.ID), Account: "招商银行 6225", Notes: "第一笔"}
		must(t, s.RecordPayment(ctx, v, pm))
		return pm
	}
	first := pay(p1, 20000)
	got, err := s.Payment(ctx, v, first.ID)
	must(t, err)
	same(t, "payment", got, first)
	same(t, "paid_at stored as UTC µs", got.PaidAt, stored(aTime(int(20000%7))))
	checkPlans(t, s, v, o.ID, [][2]any{{crm.Money(20000), crm.PlanPartial}, {crm.Money(0), crm.PlanPending}})
	pay(p1, 40000)
	pay(p2, 50000) // overpaid still counts as paid
	checkPlans(t, s, v, o.ID, [][2]any{{crm.Money(60000), crm.PlanPaid}, {crm.Money(50000), crm.PlanPaid}})
	// A payment without a plan counts toward none.
	must(t, s.RecordPayment(ctx, v, &crm.Payment{OrderID: o.ID, Amount: 1, Method: crm.MethodCash, PaidAt: aTime(0)}))
	checkPlans(t, s, v, o.ID, [][2]any{{crm.Money(60000), crm.PlanPaid}, {crm.Money(50000), crm.PlanPaid}})
	l, err := s.ListPayments(ctx, crm.PaymentFilter{Viewer: v, OrderID: ptr(o.ID)})
	must(t, err)
	same(t, "payments listed", len(l.Items), 4)
}

// checkPlans compares each plan's Paid and Status, in instalment order.
func checkPlans(t *testing.T, s crm.Store, v crm.Viewer, orderID int64, want [][2]any) {
	t.Helper()
	plans, err := s.PaymentPlans(ctx, v, orderID)
	must(t, err)
	if len(plans) != len(want) {
		t.Fatalf("%d plans, want %d", len(plans), len(want))
	}
	for i, pl := range plans {
		if pl.Instalment != i+1 || pl.Paid != want[i][0] || pl.Status != want[i][1] {
			t.Errorf("plan %d: instalment %d paid %d status %s; want paid %v status %v",
				i, pl.Instalment, pl.Paid, pl.Status, want[i][0], want[i][1])
		}
	}
}

func testPaymentMovePlan(t *testing.T, s crm.Store) {
	o := newOrder(t, s, "SO-M", nil)
	p1 := &crm.PaymentPlan{OrderID: o.ID, Instalment: 1, DueDate: crm.Date{Year: 2026, Month: 3, Day: 1}, Amount: 100}
	p2 := &crm.PaymentPlan{OrderID: o.ID, Instalment: 2, DueDate: crm.Date{Year: 2026, Month: 4, Day: 1}, Amount: 100}
	must(t, s.CreatePaymentPlan(ctx, crm.System, p1))
	must(t, s.CreatePaymentPlan(ctx, crm.System, p2))
	pm := &crm.Payment{OrderID: o.ID, PlanID: ptr(p1.ID), Amount: 100, Method: crm.MethodAlipay, PaidAt: aTime(1)}
	must(t, s.RecordPayment(ctx, crm.System, pm))
	pm.PlanID, pm.Amount = ptr(p2.ID), 30
	must(t, s.UpdatePayment(ctx, crm.System, pm))
	checkPlans(t, s, crm.System, o.ID, [][2]any{{crm.Money(0), crm.PlanPending}, {crm.Money(30), crm.PlanPartial}})
	got, err := s.Payment(ctx, crm.System, pm.ID)
	must(t, err)
	same(t, "after update", got, pm)
	wantCode(t, s.UpdatePayment(ctx, crm.System, &crm.Payment{ID: pm.ID + 1, OrderID: o.ID, Amount: 1,
		Method: crm.MethodCash, PaidAt: aTime(0)}), crm.ENOTFOUND)
}

func testPaymentInvalid(t *testing.T, s crm.Store) {
	o := newOrder(t, s, "SO-I", nil)
	other := newOrder(t, s, "SO-J", nil)
	pl := &crm.PaymentPlan{OrderID: o.ID, Instalment: 1, DueDate: crm.Date{Year: 2026, Month: 3, Day: 1}, Amount: 100}
	must(t, s.CreatePaymentPlan(ctx, crm.System, pl))
	wantFields(t, s.CreatePaymentPlan(ctx, crm.System, &crm.PaymentPlan{}), "order_id", "instalment", "amount", "due_date")
	wantCode(t, s.CreatePaymentPlan(ctx, crm.System, &crm.PaymentPlan{OrderID: 999, Instalment: 1,
		DueDate: pl.DueDate, Amount: 1}), crm.ENOTFOUND)
	wantFields(t, s.RecordPayment(ctx, crm.System, &crm.Payment{Method: "bitcoin"}), "order_id", "amount", "method", "paid_at")
	// A plan of another order, a missing order, a missing handler: refused, and nothing written.
	wantCode(t, s.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: other.ID, PlanID: ptr(pl.ID), Amount: 5,
		Method: crm.MethodBank, PaidAt: aTime(0)}), crm.ENOTFOUND)
	wantCode(t, s.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: 999, Amount: 5, Method: crm.MethodBank,
		PaidAt: aTime(0)}), crm.ENOTFOUND)
	wantFields(t, s.RecordPayment(ctx, crm.System, &crm.Payment{OrderID: o.ID, PlanID: ptr(pl.ID), Amount: 5,
		Method: crm.MethodBank, PaidAt: aTime(0), HandlerID: ptr(int64(999))}), "handler_id")
	l, err := s.ListPayments(ctx, crm.PaymentFilter{Viewer: crm.System})
	must(t, err)
	same(t, "payments after failures", len(l.Items), 0)
	checkPlans(t, s, crm.System, o.ID, [][2]any{{crm.Money(0), crm.PlanPending}})
	_, err = s.Payment(ctx, crm.System, 1)
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.PaymentPlans(ctx, crm.System, 999)
	wantCode(t, err, crm.ENOTFOUND)
}

// Payments, plans and deliveries are seen through their order.
func testPaymentVisibility(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	n := 0
	orders := map[int64]int64{} // payment id → order id
	checkVisibility(t, w, owned{
		create: func(owner *crm.User) int64 {
			n++
			o := newOrder(t, s, "SO-PV"+string(rune('0'+n)), owner)
			pm := &crm.Payment{OrderID: o.ID, Amount: 10, Method: crm.MethodWeChat, PaidAt: aTime(0)}
			must(t, s.RecordPayment(ctx, crm.System, pm))
			orders[pm.ID] = o.ID
			return pm.ID
		},
		get: func(v crm.Viewer, id int64) error {
			_, err := s.Payment(ctx, v, id)
			_, err2 := s.PaymentPlans(ctx, v, orders[id])
			_, err3 := s.Deliveries(ctx, v, orders[id])
			if crm.ErrorCode(err) != crm.ErrorCode(err2) || crm.ErrorCode(err) != crm.ErrorCode(err3) {
				t.Errorf("payment %v, plans %v, deliveries %v: want the same answer", err, err2, err3)
			}
			return err
		},
		list: func(v crm.Viewer) ([]int64, error) {
			return listIDs(t, 2, func(p *crm.Payment) int64 { return p.ID }, func(p crm.Page) (crm.List[*crm.Payment], error) {
				return s.ListPayments(ctx, crm.PaymentFilter{Viewer: v, Page: p})
			}), nil
		},
	})
	o := newOrder(t, s, "SO-PB", w.repB)
	wantCode(t, s.RecordPayment(ctx, w.repA1.Viewer(), &crm.Payment{OrderID: o.ID, Amount: 1, Method: crm.MethodCash,
		PaidAt: aTime(0)}), crm.ENOTFOUND)
	wantCode(t, s.CreateDelivery(ctx, w.repA1.Viewer(), &crm.Delivery{OrderID: o.ID, Date: crm.Date{Year: 2026, Month: 1, Day: 1}}), crm.ENOTFOUND)
}

func testDeliveries(t *testing.T, s crm.Store) {
	o := newOrder(t, s, "SO-D", nil)
	late := &crm.Delivery{OrderID: o.ID, Date: crm.Date{Year: 2026, Month: 5, Day: 2}, Description: "第二批 200 件",
		Carrier: "顺丰", TrackingNo: "SF1234567890"}
	early := &crm.Delivery{OrderID: o.ID, Date: crm.Date{Year: 2026, Month: 4, Day: 30}, Description: "first batch"}
	must(t, s.CreateDelivery(ctx, crm.System, late))
	must(t, s.CreateDelivery(ctx, crm.System, early))
	got, err := s.Deliveries(ctx, crm.System, o.ID)
	must(t, err)
	same(t, "deliveries by date", got, []*crm.Delivery{early, late})
	wantFields(t, s.CreateDelivery(ctx, crm.System, &crm.Delivery{}), "order_id", "date")
	wantCode(t, s.CreateDelivery(ctx, crm.System, &crm.Delivery{OrderID: 999, Date: early.Date}), crm.ENOTFOUND)
}
