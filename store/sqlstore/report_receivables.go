package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// Aging buckets of overdue instalments, by days past due.
var agingBuckets = []struct {
	key      string
	min, max int
}{{"0-30", 1, 30}, {"31-60", 31, 60}, {"61-90", 61, 90}, {"90+", 91, 1 << 30}}

// receivablesReport (回款): instalments planned against money received,
// what is outstanding and overdue; by aging, the overdue instalments as of
// today in buckets of days past due, whatever the period.
var receivablesReport = reportKind{
	cols: func(q crm.ReportQuery) []crm.ReportColumn {
		if q.By == "aging" {
			return []crm.ReportColumn{{Key: "outstanding", Kind: "money"}, {Key: "instalments", Kind: "count"}}
		}
		return append(cols("money", "planned", "received", "outstanding", "overdue"),
			crm.ReportColumn{Key: "instalments", Kind: "count"})
	},
	run: func(db *DB, ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
		if q.By == "aging" {
			return db.agingParts(ctx, qr, q)
		}
		plans, err := db.planParts(ctx, qr, q, from, to)
		if err != nil {
			return nil, err
		}
		pays, err := db.paidParts(ctx, qr, q, from, to)
		return append(plans, pays...), err
	},
}

// receivableDims are each dimension's key and label over orders o and
// customers c and owners u.
var receivableDims = map[string][2]string{
	crm.ByCustomer: {"o.customer_id", "c.name"},
	crm.ByRep:      {"o.owner_id", "u.name"},
}

// receivableFrom joins the order (for visibility and the owner) and what
// the dimension names: nothing more, so that a period reads few tables.
func receivableFrom(by string) string {
	from := ` JOIN orders o ON o.id = pp.order_id`
	switch by {
	case crm.ByCustomer:
		from += ` JOIN customers c ON c.id = o.customer_id`
	case crm.ByRep:
		from += ` LEFT JOIN users u ON u.id = o.owner_id`
	}
	return from
}

func (db *DB) planParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := &where{}
	dateRange(w, "pp.due_date", from, to)
	w.visibleOrder(q.Viewer)
	scopeOwner(w, q, "o.owner_id")
	key, label := "pp.due_date", "''"
	if d, ok := receivableDims[q.By]; ok {
		key, label = d[0], d[1]
	}
	today := w.arg(q.Today.String())
	sqlText := `SELECT ` + key + `, ` + label + `, sum(pp.amount), sum(pp.amount - pp.paid),
		sum(CASE WHEN pp.due_date < ` + today + ` THEN pp.amount - pp.paid ELSE 0 END), count(*)
		FROM payment_plans pp` + receivableFrom(q.By) + w.String() + groupBy(key, label)
	return queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, 5)}
		dest := []any{strKey{&p.key}, strKey{&p.label}, fl{&p.vals[0]}, fl{&p.vals[2]}, fl{&p.vals[3]}, fl{&p.vals[4]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		return p, r.Scan(dest...)
	}, sqlText, w.args...)
}

func (db *DB) paidParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := &where{}
	dayRange(w, "pp.paid_at", q, from, to)
	w.visibleOrder(q.Viewer)
	scopeOwner(w, q, "o.owner_id")
	key, label := db.localDay("pp.paid_at", q.Offset), "''"
	if d, ok := receivableDims[q.By]; ok {
		key, label = d[0], d[1]
	}
	sqlText := `SELECT ` + key + `, ` + label + `, sum(pp.amount) FROM payments pp` + receivableFrom(q.By) + w.String() +
		groupBy(key, label)
	return queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, 5)}
		dest := []any{strKey{&p.key}, strKey{&p.label}, fl{&p.vals[1]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		return p, r.Scan(dest...)
	}, sqlText, w.args...)
}

// agingParts sums the overdue instalments by due day, then into buckets.
func (db *DB) agingParts(ctx context.Context, qr querier, q crm.ReportQuery) ([]part, error) {
	w := &where{}
	w.and("pp.due_date < " + w.arg(q.Today.String()) + " AND pp.paid < pp.amount")
	w.visibleOrder(q.Viewer)
	scopeOwner(w, q, "o.owner_id")
	type due struct {
		day crm.Date
		sum float64
		n   float64
	}
	dues, err := queryAll(ctx, qr, func(r scanner) (due, error) {
		var d due
		return d, r.Scan(dtv{&d.day}, fl{&d.sum}, fl{&d.n})
	}, `SELECT pp.due_date, sum(pp.amount - pp.paid), count(*) FROM payment_plans pp`+receivableFrom(q.By)+w.String()+
		` GROUP BY pp.due_date`, w.args...)
	if err != nil {
		return nil, db.wrap(err, "aging")
	}
	parts := make([]part, len(agingBuckets))
	for i, b := range agingBuckets {
		parts[i] = part{key: b.key, label: b.key, vals: make([]float64, 2)}
	}
	for _, d := range dues {
		late := int(q.Today.Time().Sub(d.day.Time()).Hours() / 24)
		for i, b := range agingBuckets {
			if late >= b.min && late <= b.max {
				parts[i].vals[0] += d.sum
				parts[i].vals[1] += d.n
			}
		}
	}
	return parts, nil
}
