package storetest

import (
	"testing"

	"github.com/rapport-crm/rapport/crm"
)

// testOrdersBehindFigures: the order list filtered as a sales figure's
// drill-down (product, category, region, level) holds the orders that
// figure counts, for the viewer who saw it.
func testOrdersBehindFigures(t *testing.T, r *reportWorld) {
	march, end := day(3, 1), day(3, 31)
	numbers := func(u *crm.User, f crm.OrderFilter) []string {
		f.Viewer, f.Sold, f.From, f.To = u.Viewer(), true, &march, &end
		l, err := r.s.ListOrders(ctx, f)
		must(t, err)
		out := []string{}
		for _, o := range l.Items {
			out = append([]string{o.Number}, out...) // oldest first
		}
		return out
	}
	same(t, "product P1", numbers(r.admin, crm.OrderFilter{ProductID: &r.p1.ID}), []string{"O1", "O3"})
	same(t, "product P1 as rep a1", numbers(r.repA1, crm.OrderFilter{ProductID: &r.p1.ID}), []string{"O1"})
	same(t, "category cables", numbers(r.admin, crm.OrderFilter{Category: "cables"}), []string{"O2"})
	same(t, "region 华南", numbers(r.admin, crm.OrderFilter{Region: "华南"}), []string{"O1", "O2"})
	same(t, "region 华南 as manager B", numbers(r.mgrB, crm.OrderFilter{Region: "华南"}), []string{})
	same(t, "level B", numbers(r.admin, crm.OrderFilter{Level: "B"}), []string{"O3"})
}
