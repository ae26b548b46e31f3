package sqlstore

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// wonOrder is an order that counts as buying: not a draft, not cancelled.
const wonOrder = `o.kind = 'order' AND o.status IN ('active', 'completed')`

func revisitWhere(f crm.RevisitFilter) *where {
	w := &where{}
	w.visible(f.Viewer, "c.owner_id")
	w.equalID("c.owner_id", f.OwnerID)
	w.equal("c.level", f.Level)
	w.equal("c.region", f.Region)
	return w
}

func revisitLimit(f crm.RevisitFilter) int {
	if f.Limit <= 0 || f.Limit > crm.MaxPageLimit {
		return 200
	}
	return f.Limit
}

// LostCustomers returns customers v may see whose status is lost, or who
// ordered before and not since since, longest silent first.
func (db *DB) LostCustomers(ctx context.Context, f crm.RevisitFilter, since time.Time) (cs []*crm.Customer, err error) {
	w := revisitWhere(f)
	s := w.arg(utc(since))
	w.and(`(c.status = 'lost' OR (EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND ` + wonOrder + `)
		AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND ` + wonOrder + ` AND o.created_at >= ` + s + `)))`)
	err = db.query(ctx, func(q querier) error {
		cs, err = queryAll(ctx, q, scanCustomer, `SELECT `+customerCols+` FROM customers c`+w.String()+
			` ORDER BY c.id LIMIT `+itoa(revisitLimit(f)), w.args...)
		return db.wrap(err, "lost customers")
	})
	return cs, err
}

// OrderHistories returns the customers v may see with at least three won
// orders, with the orders' dates oldest first.
func (db *DB) OrderHistories(ctx context.Context, f crm.RevisitFilter) (hs []crm.OrderHistory, err error) {
	w := revisitWhere(f)
	w.and(`(SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND ` + wonOrder + `) >= 3`)
	err = db.query(ctx, func(q querier) error {
		cs, err := queryAll(ctx, q, scanCustomer, `SELECT `+customerCols+` FROM customers c`+w.String()+
			` ORDER BY c.id LIMIT `+itoa(revisitLimit(f)), w.args...)
		if err != nil {
			return db.wrap(err, "order histories")
		}
		for _, c := range cs {
			dates, err := queryAll(ctx, q, func(r scanner) (t time.Time, err error) { return t, r.Scan(tm{&t}) },
				`SELECT o.created_at FROM orders o WHERE o.customer_id = $1 AND `+wonOrder+` ORDER BY o.created_at`, c.ID)
			if err != nil {
				return db.wrap(err, "order dates")
			}
			hs = append(hs, crm.OrderHistory{Customer: c, Orders: dates})
		}
		return nil
	})
	return hs, err
}
