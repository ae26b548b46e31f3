package pool_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestRevisitLists on fixture order histories, both engines: lost is
// status lost or no order since the cut; histories are customers with
// three orders or more, each seen only by who may see it.
func TestRevisitLists(t *testing.T) {
	forEngines(t, func(t *testing.T, e *env) {
		lost := e.customer("流失", "A", e.repA1)
		quiet := e.customer("半年没下单", "B", e.repA1)
		steady := e.customer("每月下单", "B", e.repA2)
		c, err := e.db.Customer(ctx, crm.System, lost.ID)
		e.must(err)
		c.Status = crm.CustomerLost
		e.must(e.db.UpdateCustomer(ctx, crm.System, c))
		buy := func(r crm.Ref, n int) {
			e.must(e.db.CreateOrder(ctx, &crm.Order{Number: fmt.Sprintf("SO-%d-%d", r.ID, n), CustomerID: r.ID,
				Currency: "CNY", Status: crm.OrderCompleted, Amount: 100}))
		}
		buy(quiet, 0)
		for i := range 4 {
			e.clock.Set(t0.Add(time.Duration(i) * 30 * day))
			buy(steady, i)
		}
		e.clock.Set(t0.Add(200 * day))
		got, err := e.db.LostCustomers(ctx, crm.RevisitFilter{Viewer: crm.System}, e.clock.Now().AddDate(0, 0, -180))
		e.must(err)
		if ids := customerIDs(got); fmt.Sprint(ids) != fmt.Sprint([]int64{lost.ID, quiet.ID}) {
			t.Fatalf("lost = %v, want %v and %v", ids, lost.ID, quiet.ID)
		}
		mine, err := e.db.LostCustomers(ctx, crm.RevisitFilter{Viewer: e.repA2}, e.clock.Now().AddDate(0, 0, -180))
		e.must(err)
		if len(mine) != 0 {
			t.Fatalf("a rep sees another rep's lost customers: %v", customerIDs(mine))
		}
		hs, err := e.db.OrderHistories(ctx, crm.RevisitFilter{Viewer: crm.System, Level: "B"})
		e.must(err)
		if len(hs) != 1 || hs[0].Customer.ID != steady.ID || len(hs[0].Orders) != 4 {
			t.Fatalf("histories = %+v, want the steady customer's four orders", hs)
		}
		rp, ok := crm.RepurchaseOf(hs[0].Orders, e.clock.Now(), 1.5)
		if !ok || !rp.Overdue || rp.Days != 30 {
			t.Fatalf("repurchase = %+v, want overdue on a 30-day rhythm", rp)
		}
	})
}

func customerIDs(cs []*crm.Customer) []int64 {
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}
