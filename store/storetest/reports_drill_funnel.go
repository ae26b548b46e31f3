package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// testFunnelFirstOrderLists: the funnel's first orders and their amount,
// by channel and form, equal the order list filtered by the leads' origin
// (OrderFilter.FirstOf), for each viewer: two leads of one customer make
// one first order; a pool lead's customer's first order counts only for
// those who may see that order.
//
//	L1 a1 webform/contact → A (first sale O6, 70) · L2 a1 webform/contact → A
//	L3 b webform → B (first sale O4, 500) · L4 pool wechat → B · L5 a1 wechat
func testFunnelFirstOrderLists(t *testing.T, r *reportWorld) {
	lc := r.s.(crm.LeadConverter)
	lead := func(owner *crm.User, src crm.LeadSource, to *crm.Customer) {
		l := &crm.Lead{Name: "线索", Source: src, OwnerID: ownerID(owner)}
		must(t, r.s.CreateLead(ctx, l))
		if to != nil {
			_, err := lc.ConvertLead(ctx, crm.System, l.ID, crm.LeadConversion{CustomerID: &to.ID})
			must(t, err)
		}
	}
	lead(r.repA1, crm.LeadSource{Channel: "webform", Form: "contact"}, r.cA)
	lead(r.repA1, crm.LeadSource{Channel: "webform", Form: "contact"}, r.cA)
	lead(r.repB, crm.LeadSource{Channel: "webform"}, r.cB)
	lead(nil, crm.LeadSource{Channel: "wechat"}, r.cB)
	lead(r.repA1, crm.LeadSource{Channel: "wechat"}, nil)
	today := crm.DateOf(time.Now().UTC())
	from, to := today.Time(), today.Time().AddDate(0, 0, 1)
	for _, u := range []*crm.User{r.admin, r.mgrA, r.repA1, r.repB} {
		for _, by := range []string{crm.ByChannel, "form"} {
			tab := r.run(t, u, crm.ReportQuery{Report: crm.ReportFunnel, By: by, From: today, To: today, Today: today})
			col := columnsOf(tab)
			for _, row := range append(tab.Rows, tab.Total) {
				lo := &crm.LeadOrigin{From: &from, To: &to}
				switch {
				case row.Key == "total":
				case row.Key == "":
					continue
				case by == crm.ByChannel:
					lo.Channel = row.Key
				default:
					lo.Form = row.Key
				}
				l, err := r.s.ListOrders(ctx, crm.OrderFilter{Viewer: u.Viewer(), FirstOf: lo, Page: crm.Page{Limit: 500}})
				must(t, err)
				var amount crm.Money
				for _, o := range l.Items {
					amount += o.Amount
				}
				who := u.Email + " by " + by + ", row " + row.Key
				same(t, who+" first_orders", float64(len(l.Items)), *row.Values[col["first_orders"]])
				same(t, who+" first_order_amount", float64(amount), *row.Values[col["first_order_amount"]])
			}
		}
	}
	q := crm.ReportQuery{Report: crm.ReportFunnel, By: crm.ByChannel, From: today, To: today, Today: today}
	same(t, "by channel", firstFigures(r.run(t, r.admin, q)), []string{"webform 3 3 2 570", "wechat 2 1 1 500", "total 5 4 2 570"})
	same(t, "by channel as rep a1", firstFigures(r.run(t, r.repA1, q)), []string{"webform 2 2 1 70", "wechat 2 1 0 0",
		"total 4 3 1 70"})
}

// firstFigures are a funnel's rows as "key leads converted first_orders
// first_order_amount".
func firstFigures(tab *crm.ReportTable) []string {
	out := []string{}
	for _, row := range append(tab.Rows, tab.Total) {
		v := row.Values
		out = append(out, fmt.Sprintf("%s %g %g %g %g", row.Key, *v[0], *v[1], *v[3], *v[4]))
	}
	return out
}
