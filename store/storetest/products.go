package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

var productTests = []storeTest{
	{"Product/RoundTripAndConflict", testProductRoundTrip},
	{"Product/OrderLinesPickProducts", testOrderLinesPickProducts},
	{"Dealer/SummaryAndVisibility", testDealerSummary},
}

func productStore(t *testing.T, s crm.Store) crm.ProductStore {
	t.Helper()
	ps, ok := s.(crm.ProductStore)
	if !ok {
		t.Fatal("the store keeps no product catalogue")
	}
	return ps
}

func testProductRoundTrip(t *testing.T, s crm.Store) {
	ps := productStore(t, s)
	cost := crm.Money(6000)
	p := &crm.Product{SKU: "SEN-01", Name: "温度传感器", Category: "传感器", Unit: "台", ListPrice: 9900, Cost: &cost, Active: true}
	must(t, ps.CreateProduct(ctx, p))
	got, err := ps.Product(ctx, p.ID)
	must(t, err)
	same(t, "product", got, p)
	wantCode(t, ps.CreateProduct(ctx, &crm.Product{SKU: "SEN-01", Name: "again"}), crm.ECONFLICT)
	wantFields(t, ps.CreateProduct(ctx, &crm.Product{Name: "no sku", ListPrice: -1}), "sku", "list_price")
	p.Cost, p.Active, p.Name = nil, false, "温度传感器 v1"
	must(t, ps.UpdateProduct(ctx, p))
	got, err = ps.ProductBySKU(ctx, "SEN-01")
	must(t, err)
	same(t, "updated", got, p)
	active := false
	l, err := ps.ListProducts(ctx, crm.ProductFilter{Query: "sen", Active: &active})
	must(t, err)
	same(t, "inactive found", len(l.Items), 1)
	_, err = ps.Product(ctx, p.ID+1)
	wantCode(t, err, crm.ENOTFOUND)
	wantCode(t, ps.UpdateProduct(ctx, &crm.Product{ID: p.ID + 1, SKU: "X", Name: "x"}), crm.ENOTFOUND)
}

// testOrderLinesPickProducts: a line picks a product by id or by typing its
// SKU, takes its name and today's cost, and keeps that cost after the
// catalogue changes; free text stays free.
func testOrderLinesPickProducts(t *testing.T, s crm.Store) {
	ps := productStore(t, s)
	cost := crm.Money(6000)
	p := &crm.Product{SKU: "SEN-01", Name: "温度传感器", ListPrice: 9900, Cost: &cost, Active: true}
	must(t, ps.CreateProduct(ctx, p))
	c := &crm.Customer{Name: "华强电子"}
	must(t, s.CreateCustomer(ctx, c))
	o := &crm.Order{Number: "SO-1", CustomerID: c.ID, Items: []crm.LineItem{
		{ProductID: &p.ID, Quantity: 2, UnitPrice: 9000},
		{Product: "SEN-01", Quantity: 1, UnitPrice: 9900},
		{Product: "安装服务", Quantity: 1, UnitPrice: 500},
	}}
	must(t, s.CreateOrder(ctx, o))
	got, err := s.Order(ctx, crm.System, o.ID)
	must(t, err)
	same(t, "line 1 name", got.Items[0].Product, "温度传感器")
	same(t, "line 1 cost", got.Items[0].UnitCost, &cost)
	same(t, "line 2 picked by SKU", got.Items[1].ProductID, &p.ID)
	same(t, "free text", got.Items[2].ProductID, (*int64)(nil))
	same(t, "amount", got.Amount, crm.Money(2*9000+9900+500))
	newCost := crm.Money(7000)
	p.Cost = &newCost
	must(t, ps.UpdateProduct(ctx, p))
	got.Title = "改标题"
	must(t, s.UpdateOrder(ctx, crm.System, got))
	again, err := s.Order(ctx, crm.System, o.ID)
	must(t, err)
	same(t, "cost kept", again.Items[0].UnitCost, &cost)
	missing := p.ID + 100
	bad := &crm.Order{Number: "SO-2", CustomerID: c.ID, Items: []crm.LineItem{{ProductID: &missing, Quantity: 1}}}
	wantFields(t, s.CreateOrder(ctx, bad), "items")
}

func testDealerSummary(t *testing.T, s crm.Store) {
	w := newWorld(t, s)
	ds, ok := s.(crm.DealerStore)
	if !ok {
		t.Fatal("the store keeps no dealer figures")
	}
	dealer := &crm.Customer{Name: "华东经销商", Kind: crm.KindDealer}
	must(t, s.CreateCustomer(ctx, dealer))
	endA := &crm.Customer{Name: "终端甲", OwnerID: ptr(w.repA1.ID)}
	endB := &crm.Customer{Name: "终端乙", OwnerID: ptr(w.repB.ID)}
	must(t, s.CreateCustomer(ctx, endA))
	must(t, s.CreateCustomer(ctx, endB))
	sell := func(n string, c *crm.Customer, owner *crm.User, amount crm.Money, day crm.Date, status string) {
		o := &crm.Order{Number: n, CustomerID: c.ID, DealerID: &dealer.ID, Amount: amount, OwnerID: ptr(owner.ID),
			OrderDate: &day, Status: status}
		must(t, s.CreateOrder(ctx, o))
	}
	sell("D-1", endA, w.repA1, 1000, crm.Date{Year: 2026, Month: 1, Day: 5}, crm.OrderActive)
	sell("D-2", endA, w.repA1, 2500, crm.Date{Year: 2026, Month: 3, Day: 9}, crm.OrderCompleted)
	sell("D-3", endB, w.repB, 4000, crm.Date{Year: 2026, Month: 3, Day: 20}, crm.OrderActive)
	sell("D-4", endB, w.repB, 9999, crm.Date{Year: 2026, Month: 3, Day: 21}, crm.OrderCancelled)
	today := crm.Date{Year: 2026, Month: 3, Day: 31}

	all, err := ds.DealerSummary(ctx, crm.System, dealer.ID, today)
	must(t, err)
	same(t, "total", all.Total, crm.DealerTotal{DealerID: dealer.ID, Orders: 3, Amount: 7500, EndCustomers: 2,
		Last: &crm.Date{Year: 2026, Month: 3, Day: 20}})
	same(t, "months", len(all.Months), 12)
	same(t, "march", all.Months[11], crm.MonthAmount{Month: "2026-03", Orders: 2, Amount: 6500})
	same(t, "january", all.Months[9], crm.MonthAmount{Month: "2026-01", Orders: 1, Amount: 1000})
	same(t, "biggest customer first", all.Customers[0].Name, "终端乙")

	rep, err := ds.DealerSummary(ctx, w.repA1.Viewer(), dealer.ID, today)
	must(t, err)
	same(t, "rep sees own sales only", rep.Total.Amount, crm.Money(3500))
	same(t, "rep's end customers", len(rep.Customers), 1)
	totals, err := ds.DealerTotals(ctx, w.mgrB.Viewer())
	must(t, err)
	same(t, "manager B totals", totals, []crm.DealerTotal{{DealerID: dealer.ID, Orders: 1, Amount: 4000,
		EndCustomers: 1, Last: &crm.Date{Year: 2026, Month: 3, Day: 20}}})
	_, err = ds.DealerSummary(ctx, crm.System, endA.ID, today)
	wantCode(t, err, crm.ENOTFOUND)
	notDealer := &crm.Order{Number: "D-5", CustomerID: endA.ID, DealerID: &endB.ID, Amount: 1}
	wantFields(t, s.CreateOrder(ctx, notDealer), "dealer_id")
}
