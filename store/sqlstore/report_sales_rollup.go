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
	return db.rebuildSalesMonths(ctx, tx, days)
}

// rebuildSalesMonths sums the months of days again from their days' rows.
func (db *DB) rebuildSalesMonths(ctx context.Context, tx *sql.Tx, days []crm.Date) error {
	seen := map[crm.Date]bool{}
	month := "$1"
	if db.dialect.Name() == "postgres" {
		month = "CAST($1 AS DATE)"
	}
	for _, d := range days {
		m := crm.Date{Year: d.Year, Month: d.Month, Day: 1}
		if seen[m] {
			continue
		}
		seen[m] = true
		if _, err := tx.ExecContext(ctx, `DELETE FROM report_sales_months WHERE day = $1`, m.String()); err != nil {
			return db.wrap(err, "clear sales month")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO report_sales_months
			(day, dim, key_id, key_text, owner_id, customer_owner_id, amount, orders, margin, costed)
			SELECT `+month+`, dim, key_id, key_text, owner_id, customer_owner_id, sum(amount), sum(orders), sum(margin), sum(costed)
			FROM report_sales_days WHERE day >= $1 AND day < $2
			GROUP BY dim, key_id, key_text, owner_id, customer_owner_id`, m.String(), nextMonth(m).String())
		if err != nil {
			return db.wrap(err, "rebuild sales month")
		}
	}
	return nil
}
