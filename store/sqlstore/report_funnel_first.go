package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// firstOrder is a converted lead's row and its customer's first sale.
type firstOrder struct {
	key    string
	day    crm.Date
	id     int64
	amount float64
}

// funnelFirst reads the first sale of each converted lead's customer, the
// orders the viewer may see, and counts each order once per row and once
// in the total (two leads of one customer lead to one first order), so
// that the order list behind a figure (OrderFilter.FirstOf) holds as many
// orders as it counts.
func (db *DB) funnelFirst(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := funnelLeads(q, from, to)
	inner := `SELECT ` + db.funnelKey(q) + ` AS k, ` + firstSale("lc.customer_id") +
		` AS fid FROM leads l JOIN lead_conversions lc ON lc.lead_id = l.id` + w.String()
	ow := &where{args: w.args}
	ow.visibleOrder(q.Viewer)
	rows, err := queryAll(ctx, qr, func(r scanner) (firstOrder, error) {
		var f firstOrder
		dest := []any{strKey{&f.key}, &f.id, fl{&f.amount}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&f.day}
		}
		return f, r.Scan(dest...)
	}, `SELECT f.k, o.id, o.amount FROM (`+inner+`) f JOIN orders o ON o.id = f.fid`+ow.String(), ow.args...)
	if err != nil {
		return nil, db.wrap(err, "funnel first orders")
	}
	return firstOrderParts(q, rows), nil
}

// firstOrderParts counts and sums distinct orders per row (per bucket for
// the period dimension) and in the total.
func firstOrderParts(q crm.ReportQuery, rows []firstOrder) []part {
	byRow := map[string]*part{}
	var order []*part
	seen := map[[2]string]bool{}
	total := part{totalOnly: true, vals: make([]float64, 7)}
	counted := map[int64]bool{}
	for _, f := range rows {
		row := f.key
		if q.By == crm.ByPeriod {
			row = crm.Bucket(q.Grain, f.day)
		}
		p := byRow[row]
		if p == nil {
			p = &part{key: f.key, label: f.key, day: f.day, rowOnly: true, vals: make([]float64, 7)}
			order = append(order, p)
			byRow[row] = p
		}
		if k := [2]string{row, idKey(f.id)}; !seen[k] {
			seen[k] = true
			p.vals[3]++
			p.vals[4] += f.amount
		}
		if !counted[f.id] {
			counted[f.id] = true
			total.vals[3]++
			total.vals[4] += f.amount
		}
	}
	parts := make([]part, 0, len(order)+1)
	for _, p := range order {
		parts = append(parts, *p)
	}
	return append(parts, total)
}
