package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// instalmentWhere is the instalments f selects over payment_plans pl and
// their orders o, as the receivables and workload reports count them:
// seen through the order, by due day, by the order's owner.
func instalmentWhere(f crm.InstalmentFilter) *where {
	w := &where{}
	w.visibleOrder(f.Viewer)
	if f.DueFrom != nil {
		w.and("pl.due_date >= " + w.arg(f.DueFrom.String()))
	}
	if f.DueTo != nil {
		w.and("pl.due_date <= " + w.arg(f.DueTo.String()))
	}
	w.equalID("o.owner_id", f.OwnerID)
	w.inTeam("o.owner_id", f.TeamID)
	w.equalID("o.customer_id", f.CustomerID)
	if f.Open || f.OverdueOn != nil {
		w.and("pl.paid < pl.amount")
	}
	if f.OverdueOn != nil {
		w.and("pl.due_date < " + w.arg(f.OverdueOn.String()))
	}
	return w
}

const instalmentFrom = " FROM payment_plans pl JOIN orders o ON o.id = pl.order_id"

// Instalments returns a page of the instalments f selects, newest first.
func (db *DB) Instalments(ctx context.Context, f crm.InstalmentFilter) (l crm.List[*crm.PaymentPlan], err error) {
	pg := f.Page.Clamp()
	w := instalmentWhere(f)
	tail := w.page("pl.id", pg.After, pg.Limit)
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanPlan, `SELECT `+planCols+instalmentFrom+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(p *crm.PaymentPlan) int64 { return p.ID })
		return db.wrap(err, "list instalments")
	})
	return l, err
}

// SumInstalments counts and sums what f selects, ignoring its page.
func (db *DB) SumInstalments(ctx context.Context, f crm.InstalmentFilter) (t crm.InstalmentTotals, err error) {
	w := instalmentWhere(f)
	err = db.query(ctx, func(q querier) error {
		var planned, outstanding float64
		err := q.QueryRowContext(ctx, `SELECT count(*), sum(pl.amount), sum(pl.amount - pl.paid)`+instalmentFrom+
			w.String(), w.args...).Scan(&t.Count, fl{&planned}, fl{&outstanding})
		t.Planned, t.Outstanding = crm.Money(planned), crm.Money(outstanding)
		return db.wrap(err, "sum instalments")
	})
	return t, err
}
