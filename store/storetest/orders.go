package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

var orderTests = []storeTest{
	{"Order/RoundTrip", testOrderRoundTrip},
	{"Order/InvalidAndConflict", testOrderInvalid},
	{"Order/Visibility", testOrderVisibility},
	{"Order/ListAndSearch", testOrderList},
	{"Order/FollowsCustomerOwner", testOrderFollowsCustomer},
}

// newOrder stores an order for a new customer, owned by owner.
func newOrder(t *testing.T, s crm.Store, number string, owner *crm.User) *crm.Order {
	t.Helper()
	c := &crm.Customer{Name: "客户 " + number, OwnerID: ownerID(owner)}
	must(t, s.CreateCustomer(ctx, c))
	o := &crm.Order{Number: number, CustomerID: c.ID, Amount: 100000, OwnerID: ownerID(owner)}
	must(t, s.CreateOrder(ctx, o))
	return o
}

func testOrderRoundTrip(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	cust := &crm.Customer{Name: "深圳市华强电子有限公司"}
	must(t, s.CreateCustomer(ctx, cust))
	signer := &crm.Contact{Name: "李伟", CustomerID: ptr(cust.ID)}
	must(t, s.CreateContact(ctx, signer))
	o := &crm.Order{Kind: crm.OrderKindContract, Number: "HT-2026-001", CustomerID: cust.ID, Title: "年度供货合同",
		Items:    []crm.LineItem{{Product: "传感器", Quantity: 3, UnitPrice: 1999}, {Product: "线缆", Quantity: 2.5, UnitPrice: 100}},
		Currency: "CNY", Terms: "货到付款 30 天", StartDate: &crm.Date{Year: 2026, Month: 1, Day: 1},
		EndDate: &crm.Date{Year: 2026, Month: 12, Day: 31}, CustomerSignerID: ptr(signer.ID), OurSignerID: ptr(w.mgrA.ID),
		SignedDate: &crm.Date{Year: 2025, Month: 12, Day: 20}, Status: crm.OrderActive, OwnerID: ptr(w.repA1.ID)}
	must(t, s.CreateOrder(ctx, o))
	same(t, "amount", o.Amount, crm.Money(3*1999+250))
	att := &crm.Attachment{SHA256: sha("contract"), Name: "合同扫描件.pdf", ContentType: "application/pdf", Size: 1234}
	must(t, s.CreateAttachment(ctx, att))
	must(t, s.AttachTo(ctx, att.ID, crm.Ref{Kind: crm.RefOrder, ID: o.ID}))
	o.Attachments = []crm.Attachment{*att}
	got, err := s.Order(ctx, w.repA1.Viewer(), o.ID)
	must(t, err)
	same(t, "order", got, o)
	got, err = s.OrderByNumber(ctx, w.mgrA.Viewer(), "HT-2026-001")
	must(t, err)
	same(t, "by number", got, o)

	o.Items, o.Amount, o.Title, o.StartDate, o.EndDate, o.Status = nil, 5000, "改为订单", nil, nil, crm.OrderCompleted
	o.Attachments = nil // ignored by UpdateOrder: attachments are tied with AttachTo
	must(t, s.UpdateOrder(ctx, w.repA1.Viewer(), o))
	got, err = s.Order(ctx, crm.System, o.ID)
	must(t, err)
	same(t, "after update", got, o)
	_, err = s.OrderByNumber(ctx, crm.System, "HT-404")
	wantCode(t, err, crm.ENOTFOUND)
	_, err = s.Order(ctx, crm.System, o.ID+1)
	wantCode(t, err, crm.ENOTFOUND)
}

func testOrderInvalid(t *testing.T, s crm.Store) {
	wantFields(t, s.CreateOrder(ctx, &crm.Order{Kind: "quote", Currency: "RMB!"}), "number", "customer_id", "kind", "currency")
	wantFields(t, s.CreateOrder(ctx, &crm.Order{Number: "SO-1", CustomerID: 999}), "customer_id")
	a := newOrder(t, s, "SO-1", nil)
	wantFields(t, s.CreateOrder(ctx, &crm.Order{Number: "SO-2", CustomerID: a.CustomerID,
		StartDate: &crm.Date{Year: 2026, Month: 5, Day: 1}, EndDate: &crm.Date{Year: 2026, Month: 4, Day: 1}}), "end_date")
	wantFields(t, s.CreateOrder(ctx, &crm.Order{Number: "SO-2", CustomerID: a.CustomerID, CustomerSignerID: ptr(int64(5)),
		OurSignerID: ptr(int64(6))}), "customer_signer_id", "our_signer_id")
	wantCode(t, s.CreateOrder(ctx, &crm.Order{Number: "SO-1", CustomerID: a.CustomerID}), crm.ECONFLICT)
	b := newOrder(t, s, "SO-2", nil)
	b.Number = "SO-1"
	wantCode(t, s.UpdateOrder(ctx, crm.System, b), crm.ECONFLICT)
	got, err := s.Order(ctx, crm.System, b.ID)
	must(t, err)
	same(t, "number after conflict", got.Number, "SO-2")
	wantCode(t, s.UpdateOrder(ctx, crm.System, &crm.Order{ID: b.ID + 9, Number: "SO-9", CustomerID: a.CustomerID}), crm.ENOTFOUND)
}

func testOrderVisibility(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	n := 0
	checkVisibility(t, w, owned{
		create: func(o *crm.User) int64 {
			n++
			return newOrder(t, s, "SO-V"+string(rune('0'+n)), o).ID
		},
		get: func(v crm.Viewer, id int64) error { _, err := s.Order(ctx, v, id); return err },
		list: func(v crm.Viewer) ([]int64, error) {
			return listIDs(t, 5, orderID, func(p crm.Page) (crm.List[*crm.Order], error) {
				return s.ListOrders(ctx, crm.OrderFilter{Viewer: v, Page: p})
			}), nil
		},
	})
	o := newOrder(t, s, "SO-B", w.repB)
	_, err := s.OrderByNumber(ctx, w.repA1.Viewer(), "SO-B")
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, s.UpdateOrder(ctx, w.mgrA.Viewer(), o), crm.ENOTFOUND)
}

func orderID(o *crm.Order) int64 { return o.ID }

func testOrderList(t *testing.T, s crm.Store) {
	a := newOrder(t, s, "SO-2026-001", nil)
	b := newOrder(t, s, "HT-2026-002", nil)
	b.Kind, b.Title, b.Status = crm.OrderKindContract, "华强 年度合同", crm.OrderActive
	must(t, s.UpdateOrder(ctx, crm.System, b))
	list := func(f crm.OrderFilter) []int64 {
		f.Viewer = crm.System
		return listIDs(t, 1, orderID, func(p crm.Page) (crm.List[*crm.Order], error) { f.Page = p; return s.ListOrders(ctx, f) })
	}
	same(t, "all", list(crm.OrderFilter{}), []int64{b.ID, a.ID})
	same(t, "kind", list(crm.OrderFilter{Kind: crm.OrderKindContract}), []int64{b.ID})
	same(t, "status", list(crm.OrderFilter{Status: crm.OrderDraft}), []int64{a.ID})
	same(t, "customer", list(crm.OrderFilter{CustomerID: ptr(a.CustomerID)}), []int64{a.ID})
	for q, want := range map[string][]int64{"华强": {b.ID}, "so-2026": {a.ID}, "2026-00": {b.ID, a.ID}, "合同": {b.ID}} {
		same(t, "search "+q, list(crm.OrderFilter{Query: q}), want)
	}
}
