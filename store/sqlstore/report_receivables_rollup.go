package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// The receivables rollup (migration 0043): instalments by due day and
// payments by UTC hour, per order owner and customer owner. A receivables
// day stands for the instalments due on it and the payments made on that
// UTC day; the sweep rebuilds both together.

// utcHour is the SQL expression of the UTC hour a timestamp falls in, as
// report_payment_hours keys it.
func (db *DB) utcHour(col string) string {
	if db.dialect.Name() == "postgres" {
		return "(date_trunc('hour', " + col + " AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')"
	}
	return "strftime('%Y-%m-%d %H:00:00+00:00', " + col + ")"
}

// utcDays is "col falls on one of the UTC days" for a timestamp column, as
// index ranges.
func utcDays(w *where, col string, days []crm.Date) string {
	ors := make([]string, len(days))
	for i, d := range days {
		start := d.Time().UTC()
		ors[i] = col + " >= " + w.arg(start) + " AND " + col + " < " + w.arg(start.AddDate(0, 0, 1))
	}
	return "(" + strings.Join(ors, " OR ") + ")"
}

// rebuildReceivableDays writes the rollup rows of days: instalments due on
// them and payments made on them (UTC). The caller cleared the day rows.
func (db *DB) rebuildReceivableDays(ctx context.Context, tx *sql.Tx, days []crm.Date) error {
	w := &where{}
	if _, err := tx.ExecContext(ctx, `DELETE FROM report_payment_hours WHERE `+utcDays(w, "hour", days), w.args...); err != nil {
		return db.wrap(err, "clear payment hours")
	}
	w = &where{}
	w.and(inDays(w, "pp.due_date", days))
	_, err := tx.ExecContext(ctx, `INSERT INTO report_receivable_days
		(day, owner_id, customer_owner_id, planned, outstanding, instalments, open_outstanding, open_instalments)
		SELECT pp.due_date, o.owner_id, c.owner_id, sum(pp.amount), sum(pp.amount - pp.paid), count(*),
			sum(CASE WHEN pp.paid < pp.amount THEN pp.amount - pp.paid ELSE 0 END),
			sum(CASE WHEN pp.paid < pp.amount THEN 1 ELSE 0 END)
		FROM payment_plans pp JOIN orders o ON o.id = pp.order_id LEFT JOIN customers c ON c.id = o.customer_id`+
		w.String()+` GROUP BY pp.due_date, o.owner_id, c.owner_id`, w.args...)
	if err != nil {
		return db.wrap(err, "rebuild receivable days")
	}
	w = &where{}
	w.and(utcDays(w, "p.paid_at", days))
	hour := db.utcHour("p.paid_at")
	_, err = tx.ExecContext(ctx, `INSERT INTO report_payment_hours (hour, owner_id, customer_owner_id, received)
		SELECT `+hour+`, o.owner_id, c.owner_id, sum(p.amount)
		FROM payments p JOIN orders o ON o.id = p.order_id LEFT JOIN customers c ON c.id = o.customer_id`+
		w.String()+` GROUP BY `+hour+`, o.owner_id, c.owner_id`, w.args...)
	return db.wrap(err, "rebuild payment hours")
}

// receivablesStale lists every day the receivables rollup has or should
// have (rapport reports rebuild).
func (db *DB) receivablesStale() string {
	utcDay := "date(paid_at)"
	hourDay := "date(hour)"
	if db.dialect.Name() == "postgres" {
		utcDay, hourDay = "(paid_at AT TIME ZONE 'UTC')::date", "(hour AT TIME ZONE 'UTC')::date"
	}
	return `SELECT due_date AS d FROM payment_plans UNION SELECT ` + utcDay + ` FROM payments
		UNION SELECT day FROM report_receivable_days UNION SELECT ` + hourDay + ` FROM report_payment_hours`
}

// rollupRead is how a report's dimension reads a rollup row r: its key,
// label and joins (the period's key is the row's day expression).
func rollupRead(by, day string) (key, label, joins string, ok bool) {
	users := " LEFT JOIN users u ON u.id = r.owner_id"
	switch by {
	case crm.ByPeriod:
		return day, "''", "", true
	case crm.ByRep:
		return "r.owner_id", "u.name", users, true
	case crm.ByTeam:
		return "u.team_id", "t.name", users + " LEFT JOIN teams t ON t.id = u.team_id", true
	}
	return "", "", "", false
}

// receivableDirty are the receivables days a period reads the records for:
// nil, true when it can read the rollup for the others; false when it must
// read the records alone (a rebuild under way, or a time zone the hours do
// not divide).
func (db *DB) receivableDirty(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]crm.Date, bool, error) {
	if q.Offset%60 != 0 {
		return nil, false, nil
	}
	// A local day spans two UTC days: the payments of the day before and
	// after the period may count in it.
	dirty, err := db.dirtyDays(ctx, qr, crm.ReportReceivables, crm.DateOf(from.Time().AddDate(0, 0, -1)),
		crm.DateOf(to.Time().AddDate(0, 0, 1)))
	if err != nil {
		return nil, false, err
	}
	return dirty, len(dirty) <= rollupMaxDirty, nil
}

// planRollup reads sums of report_receivable_days r over from…to but its
// dirty days, by q's dimension; measures are over r.
func (db *DB) planRollup(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date, dirty []crm.Date,
	measures func(w *where) string, scan func(r scanner, p *part) error) ([]part, error) {
	w := &where{}
	dateRange(w, "r.day", from, to)
	return db.rollupQuery(ctx, qr, q, "report_receivable_days", "r.day", w, dirty, measures, scan)
}

// paidRollup reads the payments of report_payment_hours r made on the
// local days from…to but on dirty UTC days, by q's dimension.
func (db *DB) paidRollup(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date, dirty []crm.Date,
	scan func(r scanner, p *part) error) ([]part, error) {
	w := &where{}
	dayRange(w, "r.hour", q, from, to)
	if len(dirty) > 0 {
		w.and("NOT " + utcDays(w, "r.hour", dirty))
		dirty = nil
	}
	return db.rollupQuery(ctx, qr, q, "report_payment_hours", db.localDay("r.hour", q.Offset), w, dirty,
		func(*where) string { return "sum(r.received)" }, scan)
}

func (db *DB) rollupQuery(ctx context.Context, qr querier, q crm.ReportQuery, table, day string, w *where,
	dirty []crm.Date, measures func(w *where) string, scan func(r scanner, p *part) error) ([]part, error) {
	key, label, joins, _ := rollupRead(q.By, day)
	if len(dirty) > 0 {
		w.and("NOT " + inDays(w, "r.day", dirty))
	}
	w.visibleRollup(q.Viewer)
	scopeOwner(w, q, "r.owner_id")
	sqlText := "SELECT " + key + ", " + label + ", " + measures(w) + " FROM " + table + " r" + joins + w.String() +
		groupBy(key, label)
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		var p part
		return p, scan(r, &p)
	}, sqlText, w.args...)
	return ps, db.wrap(err, "read "+table)
}
