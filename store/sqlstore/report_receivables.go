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

// planParts and paidParts read the rollup for the period's clean days
// and the records for its dirty ones (see report_rollup.go); by customer,
// while many days are dirty, or in a time zone of part hours, the records.
func (db *DB) planParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	dirty, ok, err := db.receivableRollupDays(ctx, qr, q, from, to)
	if err != nil || !ok {
		return db.planPlain(ctx, qr, q, from, to, nil, err)
	}
	parts, err := db.planRollup(ctx, qr, q, from, to, dirty, func(w *where) string {
		return "sum(r.planned), sum(r.outstanding), sum(CASE WHEN r.day < " + w.arg(q.Today.String()) +
			" THEN r.outstanding ELSE 0 END), sum(r.instalments)"
	}, planScan(q))
	if err != nil || len(dirty) == 0 {
		return parts, err
	}
	more, err := db.planPlain(ctx, qr, q, from, to, dirty, nil)
	return append(parts, more...), err
}

func (db *DB) paidParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	dirty, ok, err := db.receivableRollupDays(ctx, qr, q, from, to)
	if err != nil || !ok {
		return db.paidPlain(ctx, qr, q, from, to, nil, err)
	}
	parts, err := db.paidRollup(ctx, qr, q, from, to, dirty, paidScan(q))
	if err != nil || len(dirty) == 0 {
		return parts, err
	}
	more, err := db.paidPlain(ctx, qr, q, from, to, dirty, nil)
	return append(parts, more...), err
}

// receivableRollupDays is receivableDirty for the dimensions the rollup
// keys (the period and the rep); false for the others.
func (db *DB) receivableRollupDays(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]crm.Date, bool, error) {
	if q.By != crm.ByPeriod && q.By != crm.ByRep && q.By != crm.ByTeam {
		return nil, false, nil
	}
	return db.receivableDirty(ctx, qr, q, from, to)
}

// planScan reads planned, outstanding, overdue and instalments.
func planScan(q crm.ReportQuery) func(r scanner, p *part) error {
	return func(r scanner, p *part) error {
		p.vals = make([]float64, 5)
		dest := []any{strKey{&p.key}, strKey{&p.label}, fl{&p.vals[0]}, fl{&p.vals[2]}, fl{&p.vals[3]}, fl{&p.vals[4]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		return r.Scan(dest...)
	}
}

// paidScan reads the money received.
func paidScan(q crm.ReportQuery) func(r scanner, p *part) error {
	return func(r scanner, p *part) error {
		p.vals = make([]float64, 5)
		dest := []any{strKey{&p.key}, strKey{&p.label}, fl{&p.vals[1]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		return r.Scan(dest...)
	}
}

// planPlain sums the instalments due over from…to, or only on days when
// days is not nil; err passes an earlier error through.
func (db *DB) planPlain(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date, days []crm.Date, err error) ([]part, error) {
	if err != nil {
		return nil, err
	}
	w := &where{}
	dateRange(w, "pp.due_date", from, to)
	if days != nil {
		w.and(inDays(w, "pp.due_date", days))
	}
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
	scan := planScan(q)
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		var p part
		return p, scan(r, &p)
	}, sqlText, w.args...)
	return ps, db.wrap(err, "receivables plans")
}

// paidPlain sums the payments made over from…to (local days), or only on
// the UTC days when days is not nil; err passes an earlier error through.
func (db *DB) paidPlain(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date, days []crm.Date, err error) ([]part, error) {
	if err != nil {
		return nil, err
	}
	w := &where{}
	dayRange(w, "pp.paid_at", q, from, to)
	if days != nil {
		w.and(utcDays(w, "pp.paid_at", days))
	}
	w.visibleOrder(q.Viewer)
	scopeOwner(w, q, "o.owner_id")
	key, label := db.localDay("pp.paid_at", q.Offset), "''"
	if d, ok := receivableDims[q.By]; ok {
		key, label = d[0], d[1]
	}
	sqlText := `SELECT ` + key + `, ` + label + `, sum(pp.amount) FROM payments pp` + receivableFrom(q.By) + w.String() +
		groupBy(key, label)
	scan := paidScan(q)
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		var p part
		return p, scan(r, &p)
	}, sqlText, w.args...)
	return ps, db.wrap(err, "receivables payments")
}

// agingParts sums the overdue instalments by due day, then into buckets:
// from the rollup but for its dirty days, read from the instalments.
func (db *DB) agingParts(ctx context.Context, qr querier, q crm.ReportQuery) ([]part, error) {
	yesterday := crm.DateOf(q.Today.Time().AddDate(0, 0, -1))
	dirty, err := db.dirtyDays(ctx, qr, crm.ReportReceivables, crm.Date{Year: 1, Month: 1, Day: 1}, yesterday)
	if err != nil {
		return nil, err
	}
	var dues []due
	if len(dirty) > rollupMaxDirty {
		dues, err = db.agingPlain(ctx, qr, q, nil)
	} else {
		w := &where{}
		w.and("r.day < " + w.arg(q.Today.String()) + " AND r.open_instalments > 0")
		if len(dirty) > 0 {
			w.and("NOT " + inDays(w, "r.day", dirty))
		}
		w.visibleRollup(q.Viewer)
		scopeOwner(w, q, "r.owner_id")
		dues, err = queryAll(ctx, qr, scanDue, `SELECT r.day, sum(r.open_outstanding), sum(r.open_instalments)
			FROM report_receivable_days r`+w.String()+` GROUP BY r.day`, w.args...)
		if err == nil && len(dirty) > 0 {
			var more []due
			more, err = db.agingPlain(ctx, qr, q, dirty)
			dues = append(dues, more...)
		}
	}
	if err != nil {
		return nil, db.wrap(err, "aging")
	}
	return agingBucketParts(q, dues), nil
}

// due is the unpaid rest of the instalments due on one day.
type due struct {
	day crm.Date
	sum float64
	n   float64
}

func scanDue(r scanner) (due, error) {
	var d due
	return d, r.Scan(dtv{&d.day}, fl{&d.sum}, fl{&d.n})
}

// agingPlain reads the overdue instalments, only those due on days when
// days is not nil.
func (db *DB) agingPlain(ctx context.Context, qr querier, q crm.ReportQuery, days []crm.Date) ([]due, error) {
	w := &where{}
	w.and("pp.due_date < " + w.arg(q.Today.String()) + " AND pp.paid < pp.amount")
	if days != nil {
		w.and(inDays(w, "pp.due_date", days))
	}
	w.visibleOrder(q.Viewer)
	scopeOwner(w, q, "o.owner_id")
	return queryAll(ctx, qr, scanDue, `SELECT pp.due_date, sum(pp.amount - pp.paid), count(*) FROM payment_plans pp`+
		receivableFrom(q.By)+w.String()+` GROUP BY pp.due_date`, w.args...)
}

func agingBucketParts(q crm.ReportQuery, dues []due) []part {
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
	return parts
}
