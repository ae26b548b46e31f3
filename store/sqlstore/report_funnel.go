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

func (db *DB) funnelParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
	w := funnelLeads(q, from, to)
	key := db.funnelKey(q)
	days := "julianday(lc.converted_at) - julianday(l.created_at)"
	if db.dialect.Name() == "postgres" {
		days = "EXTRACT(EPOCH FROM lc.converted_at - l.created_at) / 86400"
	}
	sqlText := `SELECT ` + key + `, count(*), count(lc.lead_id), sum(` + days + `)
		FROM leads l LEFT JOIN lead_conversions lc ON lc.lead_id = l.id` + w.String() + ` GROUP BY ` + key
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, 7)}
		dest := []any{strKey{&p.key}, fl{&p.vals[0]}, fl{&p.vals[1]}, fl{&p.vals[6]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		err := r.Scan(dest...)
		p.label = p.key
		return p, err
	}, sqlText, w.args...)
	if err != nil {
		return nil, db.wrap(err, "funnel")
	}
	first, err := db.funnelFirst(ctx, qr, q, from, to)
	return append(ps, first...), err
}
