package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestFunnelFirstOrdersDrillIntoOrders: the funnel's first orders and their
// amount link, for a source's row and the total, to the order list of the
// first sales of the customers converted from those leads; the list holds
// as many orders as the figure counts and sums to its amount, for the
// manager (team A: rep3's lead and order are not theirs) and the rep.
// Two leads converted into one customer make one first order.
func TestFunnelFirstOrdersDrillIntoOrders(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	customer := func(who, name string, amounts ...int) int64 {
		var c record
		p.call(who, "POST", "/api/v1/customers", record{"name": name}, 201, &c)
		for i, a := range amounts {
			p.call(who, "POST", "/api/v1/orders", record{"number": fmt.Sprintf("FO-%d-%d", c.id(), i), "customer_id": c.id(),
				"amount": a, "status": "active"}, 201, nil)
			p.clock.Add(time.Hour)
		}
		return c.id()
	}
	lead := func(who, form string, into int64) {
		var l record
		p.call(who, "POST", "/api/v1/leads", record{"name": "线索 " + who, "source": record{"channel": "webform", "form": form}}, 201, &l)
		p.call(who, "POST", fmt.Sprintf("/api/v1/leads/%d/convert", l.id()), record{"customer_id": into, "confirm": true}, 200, nil)
	}
	a := customer("rep1", "首单甲", 30000, 20000) // the first sale is 300.00
	b := customer("rep3", "首单乙", 70000)
	lead("rep1", "contact", a)
	lead("rep1", "contact", a)
	lead("rep3", "contact", b)
	for who, want := range map[string]float64{"manager": 30000, "rep1": 30000, "admin": 100000} {
		d := p.drilled(who, "funnel?by=channel&period=this_month")
		for _, row := range []string{"webform", "total"} {
			q := url.Values{"first": {"true"}, "lead_from": {d.tab.From.String()}, "lead_to": {d.tab.To.String()}}
			if row != "total" {
				q.Set("lead_channel", row)
			}
			n, rows, list := d.follow(t, row, "first_orders", "/orders", q)
			equalRows(t, who+" first orders of "+row, n, rows)
			amount, _ := d.figure(row, "first_order_amount")
			if amount != want {
				t.Errorf("%s: first order amount of %s is %v, want %v", who, row, amount, want)
			}
			contains(t, who+"'s first orders", list, "300.00")
			for _, s := range []string{"200.00", "FO-" + fmt.Sprint(a) + "-1"} {
				if strings.Contains(list, s) {
					t.Errorf("%s: the first orders of %s hold %s", who, row, s)
				}
			}
		}
	}
}
