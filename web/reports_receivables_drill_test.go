package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// TestReceivablesDrillIntoInstalments: the receivables by month, rep and
// customer, and the aging buckets, link to the instalments (or payments)
// behind each figure: as many instalments as counted, summing to the
// money shown, for the manager of team A, a rep and the admin.
func TestReceivablesDrillIntoInstalments(t *testing.T) {
	t.Parallel()
	p := newPager(t)
	plan := func(who string, n int, due string, amount, paid int) {
		var c, o, pl record
		p.call(who, "POST", "/api/v1/customers", record{"name": fmt.Sprint("回款客户 ", n)}, 201, &c)
		p.call(who, "POST", "/api/v1/orders", record{"number": fmt.Sprint("RC-", n), "customer_id": c.id(),
			"amount": amount, "status": "active"}, 201, &o)
		p.call(who, "POST", fmt.Sprintf("/api/v1/orders/%d/payment-plans", o.id()),
			record{"instalment": 1, "due_date": due, "amount": amount}, 201, &pl)
		if paid > 0 {
			p.call(who, "POST", "/api/v1/payments", record{"order_id": o.id(), "plan_id": pl.id(), "amount": paid,
				"method": "bank"}, 201, nil)
		}
	}
	p.clock.Add(49 * 24 * time.Hour)           // April 20
	plan("rep1", 1, "2026-04-05", 50000, 0)    // overdue, 0-30
	plan("rep1", 2, "2026-04-25", 20000, 5000) // outstanding 150.00
	plan("rep1", 3, "2026-03-10", 12300, 0)    // last month: 31-60
	plan("rep3", 4, "2026-04-10", 7000, 0)     // team B
	plan("rep2", 5, "2026-04-12", 9900, 9900)  // paid
	for who, want := range map[string]float64{"manager": 3, "rep1": 2, "admin": 4} {
		for _, by := range []string{"period", "rep", "customer"} {
			d := p.drilled(who, "receivables?by="+by+"&period=this_month")
			checkReceivableDrills(t, d, by)
			if v, _ := d.figure("total", "instalments"); v != want {
				t.Errorf("%s by %s: %v instalments, want %v", who, by, v, want)
			}
		}
		d := p.drilled(who, "receivables?by=aging")
		for _, r := range append(d.tab.Rows, d.tab.Total) {
			q := url.Values{"overdue_before": {d.tab.Today.String()}}
			if lo, hi, ok := strings.Cut(r.Key, "-"); ok {
				q.Set("due_to", back(d.tab.Today, lo, 0))
				q.Set("due_from", back(d.tab.Today, hi, 0))
			} else if r.Key == "90+" {
				q.Set("due_to", back(d.tab.Today, "90", 1))
			}
			n, rows, list := d.follow(t, r.Key, "instalments", "/instalments", q)
			if float64(rows) != n {
				t.Errorf("%s: aging %s counts %v, the list holds %d", who, r.Key, n, rows)
			}
			money, _ := d.figure(r.Key, "outstanding")
			contains(t, who+" aging "+r.Key, list, fmt.Sprintf("%.2f", money/100))
		}
	}
}

// back is the day n (+ extra) days before today, at least 1 day.
func back(today crm.Date, n string, extra int) string {
	var days int
	fmt.Sscan(n, &days)
	return crm.DateOf(today.Time().AddDate(0, 0, -max(days+extra, 1))).String()
}

// checkReceivableDrills follows every figure of every keyed row and the total.
func checkReceivableDrills(t *testing.T, d *drilled, by string) {
	for _, r := range append(d.tab.Rows, d.tab.Total) {
		if r.Key == "" {
			continue
		}
		from, to := d.tab.From.String(), d.tab.To.String()
		due := url.Values{"due_from": {from}, "due_to": {to}}
		paid := url.Values{"from": {from}, "to": {to}}
		switch {
		case r.Key == "total" || by == "period":
		case by == "rep":
			due, paid = with(due, "owner", r.Key), with(paid, "owner", r.Key)
		default:
			due, paid = with(due, "customer_id", r.Key), with(paid, "customer_id", r.Key)
		}
		for _, c := range []struct {
			col, path, money string
			q                url.Values
		}{
			{"instalments", "/instalments", "planned", due}, {"outstanding", "/instalments", "outstanding", with(due, "open", "true")},
			{"overdue", "/instalments", "overdue", with(due, "overdue_before", d.tab.Today.String())},
			{"received", "/payments", "received", paid},
		} {
			if c.q == nil {
				continue
			}
			_, rows, list := d.follow(t, r.Key, c.col, c.path, c.q)
			money, _ := d.figure(r.Key, c.money)
			what := fmt.Sprintf("%s by %s: %s of %s", d.who, by, c.col, r.Key)
			if c.col == "instalments" {
				n, _ := d.figure(r.Key, "instalments")
				if float64(rows) != n {
					t.Errorf("%s: the figure is %v, the list holds %d rows", what, n, rows)
				}
			}
			switch {
			case (money > 0) != (rows > 0) && c.col != "instalments":
				t.Errorf("%s: the figure is %v, the list holds %d rows", what, money, rows)
			case money > 0 && c.col != "received": // a payment list has no total
				contains(t, what, list, fmt.Sprintf("%.2f", money/100))
			}
		}
	}
}
