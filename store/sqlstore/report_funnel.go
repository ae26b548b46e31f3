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

func (db *DB) funnelParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := &where{}
	dayRange(w, "l.created_at", q, from, to)
	w.visible(q.Viewer, "l.owner_id")
	scopeOwner(w, q, "l.owner_id")
	w.equal("l.channel", q.Channel)
	key := map[string]string{crm.ByChannel: "l.channel", "form": db.sourceField("form"),
		"utm_campaign": db.sourceField("utm_campaign"), crm.ByPeriod: db.localDay("l.created_at", q.Offset),
		"qr_scene": "CASE WHEN l.channel = 'wechat' THEN " + db.sourceField("campaign") + " ELSE '' END"}[q.By]
	days := "julianday(lc.converted_at) - julianday(l.created_at)"
	if db.dialect.Name() == "postgres" {
		days = "EXTRACT(EPOCH FROM lc.converted_at - l.created_at) / 86400"
	}
	// Only a converted lead looks for its customer's first sale.
	first := `CASE WHEN lc.customer_id IS NOT NULL THEN (SELECT o.amount FROM orders o
		WHERE o.customer_id = lc.customer_id AND o.status IN ('active', 'completed') ORDER BY o.sales_date, o.id LIMIT 1) END`
	sqlText := `SELECT ` + key + `, count(*), count(lc.lead_id), count(` + first + `), sum(` + first + `), sum(` + days + `)
		FROM leads l LEFT JOIN lead_conversions lc ON lc.lead_id = l.id` + w.String() + ` GROUP BY ` + key
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, 7)}
		dest := []any{strKey{&p.key}, fl{&p.vals[0]}, fl{&p.vals[1]}, fl{&p.vals[3]}, fl{&p.vals[4]}, fl{&p.vals[6]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		err := r.Scan(dest...)
		p.label = p.key
		return p, err
	}, sqlText, w.args...)
	return ps, db.wrap(err, "funnel")
}
