package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

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

// salesRollupParts reads the rollup over from…to except the dirty days:
// whole clean months from the months table, the other days from the days.
func (db *DB) salesRollupParts(ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date, dirty []crm.Date) ([]part, error) {
	months := cleanMonths(q, from, to, dirty)
	var parts []part
	// The days outside those months, one index range each (no more than
	// the period's two ends, unless a dirty month lies between).
	for _, seg := range outside(from, to, months) {
		ps, err := db.salesRollupRead(ctx, qr, q, "report_sales_days", func(w *where) {
			dateRange(w, "r.day", seg[0], seg[1])
			if len(dirty) > 0 {
				w.and("NOT " + inDays(w, "r.day", dirty))
			}
		})
		if err != nil {
			return nil, err
		}
		parts = append(parts, ps...)
	}
	if len(months) == 0 {
		return parts, nil
	}
	more, err := db.salesRollupRead(ctx, qr, q, "report_sales_months", func(w *where) { w.and(inDays(w, "r.day", months)) })
	return append(parts, more...), err
}

// outside are the runs of days of from…to not in the months (ascending).
func outside(from, to crm.Date, months []crm.Date) [][2]crm.Date {
	var out [][2]crm.Date
	start := from
	for _, m := range months {
		if start.String() < m.String() {
			out = append(out, [2]crm.Date{start, crm.DateOf(m.Time().AddDate(0, 0, -1))})
		}
		start = nextMonth(m)
	}
	if start.String() <= to.String() {
		out = append(out, [2]crm.Date{start, to})
	}
	return out
}

// cleanMonths are the first days of the months wholly inside from…to with
// no dirty day; none when the report is by day or week.
func cleanMonths(q crm.ReportQuery, from, to crm.Date, dirty []crm.Date) []crm.Date {
	if q.By == crm.ByPeriod && (q.Grain == crm.GrainDay || q.Grain == crm.GrainWeek) {
		return nil
	}
	var out []crm.Date
	for m := (crm.Date{Year: from.Year, Month: from.Month, Day: 1}); m.String() <= to.String(); m = nextMonth(m) {
		last := crm.DateOf(nextMonth(m).Time().AddDate(0, 0, -1))
		if m.String() < from.String() || last.String() > to.String() {
			continue
		}
		clean := true
		for _, d := range dirty {
			clean = clean && (d.String() < m.String() || d.String() > last.String())
		}
		if clean {
			out = append(out, m)
		}
	}
	return out
}

func nextMonth(m crm.Date) crm.Date { return crm.DateOf(m.Time().AddDate(0, 1, 0)) }

// salesRollupRead reads a rollup table r where cond says; product and
// category rows count in their rows only, with the whole orders' total
// beside them, as salesPlain does.
func (db *DB) salesRollupRead(ctx context.Context, qr querier, q crm.ReportQuery, table string, cond func(*where)) ([]part, error) {
	rd := salesReads[q.By]
	read := func(dim, key, label, joins string) ([]part, error) {
		w := &where{}
		w.and("r.dim = " + w.arg(dim))
		cond(w)
		w.visibleRollup(q.Viewer)
		scopeOwner(w, q, "r.owner_id")
		sqlText := "SELECT " + key + ", " + label + ", sum(r.amount), sum(r.orders), sum(r.margin), sum(r.costed)" +
			" FROM " + table + " r" + joins + w.String()
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
