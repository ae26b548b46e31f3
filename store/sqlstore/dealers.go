package sqlstore

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.DealerStore = (*DB)(nil)

// monthOf is the SQL expression "YYYY-MM" of a date column.
func (db *DB) monthOf(col string) string {
	if db.dialect.Name() == "postgres" {
		return "to_char(" + col + ", 'YYYY-MM')"
	}
	return "substr(" + col + ", 1, 7)"
}

// DealerTotals returns a total for each dealer with visible orders,
// largest amount first.
func (db *DB) DealerTotals(ctx context.Context, v crm.Viewer) (out []crm.DealerTotal, err error) {
	w := &where{}
	w.and("o.dealer_id IS NOT NULL AND o.status <> 'cancelled'")
	w.visibleOrder(v)
	err = db.query(ctx, func(q querier) error {
		out, err = queryAll(ctx, q, func(r scanner) (crm.DealerTotal, error) {
			var t crm.DealerTotal
			err := r.Scan(&t.DealerID, &t.Orders, &t.Amount, &t.EndCustomers, dt{&t.Last})
			return t, err
		}, `SELECT o.dealer_id, count(*), sum(o.amount), count(DISTINCT o.customer_id), max(o.sales_date)
			FROM orders o`+w.String()+` GROUP BY o.dealer_id ORDER BY sum(o.amount) DESC, o.dealer_id`, w.args...)
		return db.wrap(err, "dealer totals")
	})
	return out, err
}

// DealerSummary returns a dealer's page. ENOTFOUND when v may not see the
// dealer or it is no dealer.
func (db *DB) DealerSummary(ctx context.Context, v crm.Viewer, id int64, today crm.Date) (*crm.DealerSummary, error) {
	d, err := db.Customer(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if d.Kind != crm.KindDealer && d.Kind != crm.KindAgent {
		return nil, crm.Errorf(crm.ENOTFOUND, "Dealer not found.")
	}
	sum := &crm.DealerSummary{Dealer: d, Total: crm.DealerTotal{DealerID: id}}
	err = db.query(ctx, func(q querier) error {
		if err := db.dealerCustomers(ctx, q, v, sum); err != nil {
			return err
		}
		return db.dealerMonths(ctx, q, v, sum, today)
	})
	if err != nil {
		return nil, err
	}
	return sum, nil
}

// dealerCustomers fills the end customers and, from them, the totals.
func (db *DB) dealerCustomers(ctx context.Context, q querier, v crm.Viewer, sum *crm.DealerSummary) error {
	w := &where{}
	w.and("o.dealer_id = " + w.arg(sum.Dealer.ID) + " AND o.status <> 'cancelled'")
	w.visibleOrder(v)
	cs, err := queryAll(ctx, q, func(r scanner) (crm.DealerCustomer, error) {
		var c crm.DealerCustomer
		err := r.Scan(&c.CustomerID, &c.Name, &c.Orders, &c.Amount, dtv{&c.Last})
		return c, err
	}, `SELECT o.customer_id, c.name, count(*), sum(o.amount), max(o.sales_date) FROM orders o
		JOIN customers c ON c.id = o.customer_id`+w.String()+`
		GROUP BY o.customer_id, c.name ORDER BY sum(o.amount) DESC, o.customer_id`, w.args...)
	if err != nil {
		return db.wrap(err, "dealer customers")
	}
	sum.Customers = append([]crm.DealerCustomer{}, cs...)
	t := &sum.Total
	t.EndCustomers = len(cs)
	for _, c := range cs {
		t.Orders += c.Orders
		t.Amount += c.Amount
		if t.Last == nil || c.Last.String() > t.Last.String() {
			last := c.Last
			t.Last = &last
		}
	}
	return nil
}

// dealerMonths fills the 12 months up to today's, empty months included.
func (db *DB) dealerMonths(ctx context.Context, q querier, v crm.Viewer, sum *crm.DealerSummary, today crm.Date) error {
	first := time.Date(today.Year, time.Month(today.Month), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
	w := &where{}
	w.and("o.dealer_id = " + w.arg(sum.Dealer.ID) + " AND o.status <> 'cancelled'")
	w.and("o.sales_date >= " + w.arg(first.Format(time.DateOnly)))
	w.visibleOrder(v)
	m := db.monthOf("o.sales_date")
	got, err := queryAll(ctx, q, func(r scanner) (crm.MonthAmount, error) {
		var x crm.MonthAmount
		err := r.Scan(&x.Month, &x.Orders, &x.Amount)
		return x, err
	}, `SELECT `+m+`, count(*), sum(o.amount) FROM orders o`+w.String()+` GROUP BY `+m, w.args...)
	if err != nil {
		return db.wrap(err, "dealer months")
	}
	byMonth := map[string]crm.MonthAmount{}
	for _, x := range got {
		byMonth[x.Month] = x
	}
	for i := range 12 {
		k := first.AddDate(0, i, 0).Format("2006-01")
		x := byMonth[k]
		x.Month = k
		sum.Months = append(sum.Months, x)
	}
	return nil
}
