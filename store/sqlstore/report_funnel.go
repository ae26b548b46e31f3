package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// funnelReport: leads created in the period by their source, how many were
// converted into customers, those customers' first orders (their first
// sale ever, active or completed) and the days from lead to conversion.
var funnelReport = reportKind{
	cols: func(crm.ReportQuery) []crm.ReportColumn {
		return []crm.ReportColumn{{Key: "leads", Kind: "count"}, {Key: "converted", Kind: "count"},
			{Key: "conversion_rate", Kind: "percent"}, {Key: "first_orders", Kind: "count"},
			{Key: "first_order_amount", Kind: "money"}, {Key: "days_to_convert", Kind: "days"}}
	},
	hidden: 1, // the days to convert, summed
	derive: func(v []*float64, _ map[int][]float64) {
		v[2] = ratio(num(v[1]), num(v[0]), 100)
		v[5] = ratio(num(v[6]), num(v[1]), 1)
	},
	run: func(db *DB, ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
		return db.funnelParts(ctx, qr, q, from, to)
	},
}

// sourceField is the SQL expression of a field of a lead's source (JSON).
func (db *DB) sourceField(field string) string {
	if db.dialect.Name() == "postgres" {
		return "COALESCE(l.source::jsonb ->> '" + field + "', '')"
	}
	return "COALESCE(json_extract(l.source, '$." + field + "'), '')"
}

// funnelLeads is the funnel's leads: created in the period, visible,
// narrowed to the report's user or team and channel.
func funnelLeads(q crm.ReportQuery, from, to crm.Date) *where {
	w := &where{}
	dayRange(w, "l.created_at", q, from, to)
	w.visible(q.Viewer, "l.owner_id")
	scopeOwner(w, q, "l.owner_id")
	w.equal("l.channel", q.Channel)
	return w
}

// funnelKey is the SQL of a lead's row: its source field or local day.
func (db *DB) funnelKey(q crm.ReportQuery) string {
	return map[string]string{crm.ByChannel: "l.channel", "form": db.sourceField("form"),
		"utm_campaign": db.sourceField("utm_campaign"), crm.ByPeriod: db.localDay("l.created_at", q.Offset),
		"qr_scene": "CASE WHEN l.channel = 'wechat' THEN " + db.sourceField("campaign") + " ELSE '' END"}[q.By]
}

// funnelParts reads the period's leads once, grouped by row and by the
// first sale of the customer a lead was converted into (see funnelRow).
func (db *DB) funnelParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := funnelLeads(q, from, to)
	days := "julianday(lc.converted_at) - julianday(l.created_at)"
	if db.dialect.Name() == "postgres" {
		days = "EXTRACT(EPOCH FROM lc.converted_at - l.created_at) / 86400"
	}
	// Only a converted lead looks for its customer's first sale.
	leads := `SELECT ` + db.funnelKey(q) + ` AS k, lc.lead_id AS conv, ` + days + ` AS d,
		CASE WHEN lc.customer_id IS NOT NULL THEN ` + firstSale("lc.customer_id") + ` END AS fid
		FROM leads l LEFT JOIN lead_conversions lc ON lc.lead_id = l.id` + w.String()
	// The first sale's amount when the viewer sees it, looked up per group
	// (a join let PostgreSQL, not knowing how few groups there are, hash
	// every order).
	ow := &where{args: w.args}
	ow.visibleOrder(q.Viewer)
	amount := "o.amount"
	if len(ow.conds) > 0 {
		amount = "CASE WHEN " + ow.conds[0] + " THEN o.amount END"
	}
	sqlText := `SELECT g.k, g.n, g.conv, g.d, g.fid, (SELECT ` + amount + ` FROM orders o WHERE o.id = g.fid)
		FROM (SELECT k, fid, count(*) AS n, count(conv) AS conv, sum(d) AS d FROM (` + leads + `) x GROUP BY k, fid) g`
	rows, err := queryAll(ctx, qr, func(r scanner) (funnelRow, error) {
		var f funnelRow
		dest := []any{strKey{&f.key}, fl{&f.leads}, fl{&f.converted}, fl{&f.days}, nid{&f.first}, &f.amount}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&f.day}
		}
		return f, r.Scan(dest...)
	}, sqlText, ow.args...)
	if err != nil {
		return nil, db.wrap(err, "funnel")
	}
	return funnelRowParts(q, rows), nil
}
