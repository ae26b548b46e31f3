package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// salesReport: orders that count as sales (active or completed, by their
// sales date), their amount, count, average and gross margin where the
// lines carry a cost. Product and category split orders into their lines.
var salesReport = reportKind{
	cols: func(crm.ReportQuery) []crm.ReportColumn {
		return []crm.ReportColumn{{Key: "amount", Kind: "money"}, {Key: "orders", Kind: "count"},
			{Key: "avg_order", Kind: "money"}, {Key: "margin", Kind: "money"}, {Key: "margin_pct", Kind: "percent"}}
	},
	hidden: 1, // the amount of the lines with a cost: margin_pct's base
	derive: func(v []*float64, _ map[int][]float64) {
		v[2] = ratio(num(v[0]), num(v[1]), 1)
		if num(v[5]) == 0 {
			v[3], v[4] = nil, nil
			return
		}
		v[4] = ratio(num(v[3]), num(v[5]), 100)
	},
	run: func(db *DB, ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
		return db.salesParts(ctx, qr, q, from, to)
	},
}

// salesDims are each dimension's key and label, over orders o, customers
// c, owner u, team t, dealer d; lines l and products p for the line ones.
var salesDims = map[string][2]string{
	crm.ByPeriod:   {"o.sales_date", "''"},
	crm.ByCustomer: {"o.customer_id", "c.name"},
	crm.ByTeam:     {"u.team_id", "t.name"},
	crm.ByRep:      {"o.owner_id", "u.name"},
	"region":       {"c.region", "c.region"},
	"level":        {"c.level", "c.level"},
	"dealer":       {"o.dealer_id", "d.name"},
	"product":      {"l.product_id", "COALESCE(p.name, l.product)"},
	"category":     {"p.category", "p.category"},
}

// salesJoins are the joins a dimension needs: none for the period, so
// that a long period reads orders alone.
var salesJoins = map[string]string{
	crm.ByCustomer: " JOIN customers c ON c.id = o.customer_id",
	"region":       " JOIN customers c ON c.id = o.customer_id",
	"level":        " JOIN customers c ON c.id = o.customer_id",
	crm.ByRep:      " LEFT JOIN users u ON u.id = o.owner_id",
	crm.ByTeam:     " LEFT JOIN users u ON u.id = o.owner_id LEFT JOIN teams t ON t.id = u.team_id",
	"dealer":       " LEFT JOIN customers d ON d.id = o.dealer_id",
}

const (
	lineMargin = `CASE WHEN l.unit_cost IS NOT NULL THEN l.amount - l.quantity * l.unit_cost END`
	lineCosted = `CASE WHEN l.unit_cost IS NOT NULL THEN l.amount END`
)

// salesParts reads the rollup for the period's clean days and the orders
// for its dirty ones (see report_rollup.go); by customer, or while many
// days are dirty (a rebuild under way), the orders alone.
func (db *DB) salesParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	if _, ok := salesReads[q.By]; !ok {
		return db.salesPlain(ctx, qr, q, from, to, nil)
	}
	dirty, err := db.dirtyDays(ctx, qr, crm.ReportSales, from, to)
	if err != nil {
		return nil, err
	}
	if len(dirty) > rollupMaxDirty {
		return db.salesPlain(ctx, qr, q, from, to, nil)
	}
	parts, err := db.salesRollupParts(ctx, qr, q, from, to, dirty)
	if err != nil || len(dirty) == 0 {
		return parts, err
	}
	more, err := db.salesPlain(ctx, qr, q, from, to, dirty)
	return append(parts, more...), err
}

// salesPlain computes the figures from the orders over from…to, or only
// over the days given.
func (db *DB) salesPlain(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date, days []crm.Date) ([]part, error) {
	w := &where{}
	w.and("o.status IN ('active', 'completed')")
	dateRange(w, "o.sales_date", from, to)
	if days != nil {
		w.and(inDays(w, "o.sales_date", days))
	}
	w.visibleOrder(q.Viewer)
	scopeOwner(w, q, "o.owner_id")
	dim := salesDims[q.By]
	measures := "sum(o.amount), count(*), sum(o.margin), sum(o.costed)"
	from2 := " FROM orders o" + salesJoins[q.By]
	if q.By != "product" && q.By != "category" {
		return db.salesQuery(ctx, qr, q, "SELECT "+dim[0]+", "+dim[1]+", "+measures+from2+w.String()+
			groupBy(dim[0], dim[1]), w.args)
	}
	// Lines: each product's row; the total counts every order once.
	total, err := db.salesQuery(ctx, qr, q, "SELECT '', '', "+measures+from2+w.String(), w.args)
	if err != nil || len(total) == 0 {
		return nil, err
	}
	total[0].totalOnly = true
	measures = "sum(l.amount), count(DISTINCT o.id), sum(" + lineMargin + "), sum(" + lineCosted + ")"
	from2 += " JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id"
	rows, err := db.salesQuery(ctx, qr, q, "SELECT "+dim[0]+", "+dim[1]+", "+measures+from2+w.String()+
		groupBy(dim[0], dim[1]), w.args)
	for i := range rows {
		rows[i].rowOnly = true
	}
	return append(rows, total[0]), err
}

func (db *DB) salesQuery(ctx context.Context, qr querier, q crm.ReportQuery, sqlText string, args []any) ([]part, error) {
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, 6)}
		var label string
		dest := []any{strKey{&p.key}, strKey{&label}, fl{&p.vals[0]}, fl{&p.vals[1]}, fl{&p.vals[3]}, fl{&p.vals[5]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		err := r.Scan(dest...)
		p.label = label
		return p, err
	}, sqlText, args...)
	return ps, db.wrap(err, "sales")
}
