package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// salesRollupDim is how one rollup dimension is built from orders o,
// customers c (lines l, products p) and read back from the rollup r.
type salesRollupDim struct {
	dim, keyID, keyText string // built
	lines               bool   // built from the lines, each order once per row
}

const (
	noID   = "CAST(NULL AS BIGINT)"
	noText = "CAST(NULL AS TEXT)"
)

var salesRollupDims = []salesRollupDim{
	{dim: "", keyID: noID, keyText: noText},
	{dim: "region", keyID: noID, keyText: "c.region"},
	{dim: "level", keyID: noID, keyText: "c.level"},
	{dim: "dealer", keyID: "o.dealer_id", keyText: noText},
	{dim: "product", keyID: "l.product_id", keyText: "CASE WHEN l.product_id IS NULL THEN l.product END", lines: true},
	{dim: "category", keyID: noID, keyText: "p.category", lines: true},
}

// rebuildSalesDays writes the rollup rows of days, every dimension, with
// the measures salesParts computes from the records.
func (db *DB) rebuildSalesDays(ctx context.Context, tx *sql.Tx, days []crm.Date) error {
	for _, d := range salesRollupDims {
		w := &where{}
		w.and("o.status IN ('active', 'completed')")
		w.and(inDays(w, "o.sales_date", days))
		measures, from := "sum(o.amount), count(*), sum(o.margin), sum(o.costed)", ""
		if d.lines {
			measures = "sum(l.amount), count(DISTINCT o.id), sum(" + lineMargin + "), sum(" + lineCosted + ")"
			from = " JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id"
		}
		group := " GROUP BY o.sales_date, o.owner_id, c.owner_id"
		for _, k := range []string{d.keyID, d.keyText} {
			if k != noID && k != noText {
				group += ", " + k
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO report_sales_days
			(day, dim, key_id, key_text, owner_id, customer_owner_id, amount, orders, margin, costed)
			SELECT o.sales_date, '`+d.dim+`', `+d.keyID+`, `+d.keyText+`, o.owner_id, c.owner_id, `+measures+`
			FROM orders o JOIN customers c ON c.id = o.customer_id`+from+w.String()+group, w.args...)
		if err != nil {
			return db.wrap(err, "rebuild sales rollup "+d.dim)
		}
	}
	return nil
}

// salesReads are each dimension's rollup rows, key and label, and joins
// over the rollup r (the customer dimension reads the orders: a rollup by
// customer would be as long as the orders).
var salesReads = map[string]struct{ dim, key, label, joins string }{
	crm.ByPeriod: {"", "r.day", "''", ""},
	crm.ByTeam:   {"", "u.team_id", "t.name", " LEFT JOIN users u ON u.id = r.owner_id LEFT JOIN teams t ON t.id = u.team_id"},
	crm.ByRep:    {"", "r.owner_id", "u.name", " LEFT JOIN users u ON u.id = r.owner_id"},
	"region":     {"region", "r.key_text", "r.key_text", ""},
	"level":      {"level", "r.key_text", "r.key_text", ""},
	"dealer":     {"dealer", "r.key_id", "d.name", " LEFT JOIN customers d ON d.id = r.key_id"},
	"product":    {"product", "r.key_id", "COALESCE(p.name, r.key_text)", " LEFT JOIN products p ON p.id = r.key_id"},
	"category":   {"category", "r.key_text", "r.key_text", ""},
}

// salesRollupParts reads the rollup over from…to except the dirty days;
// product and category rows count in their rows only, with the whole
// orders' total beside them, as salesParts does.
func (db *DB) salesRollupParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date, dirty []crm.Date) ([]part, error) {
	rd := salesReads[q.By]
	read := func(dim, key, label, joins string) ([]part, error) {
		w := &where{}
		w.and("r.dim = " + w.arg(dim))
		dateRange(w, "r.day", from, to)
		if len(dirty) > 0 {
			w.and("NOT " + inDays(w, "r.day", dirty))
		}
		w.visibleRollup(q.Viewer)
		scopeOwner(w, q, "r.owner_id")
		sqlText := "SELECT " + key + ", " + label + ", sum(r.amount), sum(r.orders), sum(r.margin), sum(r.costed)" +
			" FROM report_sales_days r" + joins + w.String()
		if key != "''" {
			sqlText += groupBy(key, label)
		}
		return db.salesQuery(ctx, qr, q, sqlText, w.args)
	}
	if rd.dim != "product" && rd.dim != "category" {
		return read(rd.dim, rd.key, rd.label, rd.joins) // whole orders: the rows make the total
	}
	total, err := read("", "''", "''", "")
	if err != nil || len(total) == 0 {
		return nil, err
	}
	total[0].totalOnly = true
	rows, err := read(rd.dim, rd.key, rd.label, rd.joins)
	for i := range rows {
		rows[i].rowOnly = true
	}
	return append(rows, total[0]), err
}

// visibleRollup is visibleOrder on a rollup row: its order owner (or none)
// or its customer's owner.
func (w *where) visibleRollup(v crm.Viewer) {
	if v.SeesAll() {
		return
	}
	w.and("(" + w.owns(v, "r.owner_id", true) + " OR " + w.owns(v, "r.customer_owner_id", false) + ")")
}
