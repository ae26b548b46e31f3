package sqlstore

import (
	"context"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// workloadReport (工作量): per rep, team or period, what was done: follow-ups
// by method, messages sent, tasks done and overdue (as of today), new
// leads and customers, orders and amounts, money received against plan.
var workloadReport = reportKind{
	cols: func(crm.ReportQuery) []crm.ReportColumn {
		c := cols("count", crm.Reports[crm.ReportWorkload].Measures...)
		for i := len(c) - 3; i < len(c); i++ {
			c[i].Kind = "money" // amount, received, planned
		}
		return c
	},
	run: func(db *DB, ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error) {
		var out []part
		for _, s := range workloadSources(db, q) {
			ps, err := db.workloadSource(ctx, qr, q, s, from, to)
			if err != nil {
				return nil, err
			}
			out = append(out, ps...)
		}
		return out, nil
	},
}

// wlSource is one kind of record the workload counts: its table (alias
// x), the user responsible, the time it counts on, and its measures, each
// written to the value at its index.
type wlSource struct {
	table, user, when string
	date              bool // when is a date column, not a timestamp
	asOfToday         bool // when is compared with today, not the period (overdue)
	cond              string
	exprs             []string
	idx               []int
	order             bool // visibility by the order (o)
	// rollup: "plans" or "paid" when the receivables rollup holds the
	// figure, "sales" when the sales rollup does (see workloadSource)
	rollup string
}

func workloadSources(db *DB, q crm.ReportQuery) []wlSource {
	methods := make([]string, 0, len(crm.FollowUpMethods)+1)
	idx := []int{0}
	methods = append(methods, "count(*)")
	for i, m := range crm.FollowUpMethods {
		methods = append(methods, "sum(CASE WHEN x.method = '"+m+"' THEN 1 ELSE 0 END)")
		idx = append(idx, i+1)
	}
	n := len(crm.FollowUpMethods) + 1
	return []wlSource{
		{table: "followups x", user: "x.user_id", when: "x.at", exprs: methods, idx: idx},
		{table: "messages x", user: "x.author_id", when: "x.sent_at", cond: "x.direction = 'out' AND x.author_id IS NOT NULL",
			exprs: []string{"count(*)"}, idx: []int{n}},
		{table: "tasks x", user: "x.assignee_id", when: "x.completed_at", cond: "x.status = 'done'",
			exprs: []string{"count(*)"}, idx: []int{n + 1}},
		{table: "tasks x", user: "x.assignee_id", when: "x.due_at", asOfToday: true, cond: "x.status = 'open'",
			exprs: []string{"count(*)"}, idx: []int{n + 2}},
		{table: "leads x", user: "x.owner_id", when: "x.created_at", exprs: []string{"count(*)"}, idx: []int{n + 3}},
		{table: "customers x", user: "x.owner_id", when: "x.created_at", cond: "x.kind = 'customer'",
			exprs: []string{"count(*)"}, idx: []int{n + 4}},
		{table: "orders o", user: "o.owner_id", when: "o.sales_date", date: true, order: true,
			cond: "o.status IN ('active', 'completed')", exprs: []string{"count(*)", "sum(o.amount)"}, idx: []int{n + 5, n + 6},
			rollup: "sales"},
		{table: "payments x JOIN orders o ON o.id = x.order_id", user: "o.owner_id", when: "x.paid_at", order: true,
			exprs: []string{"sum(x.amount)"}, idx: []int{n + 7}, rollup: "paid"},
		{table: "payment_plans x JOIN orders o ON o.id = x.order_id", user: "o.owner_id", when: "x.due_date", date: true,
			order: true, exprs: []string{"sum(x.amount)"}, idx: []int{n + 8}, rollup: "plans"},
	}
}

// workloadSource reads money received and planned from the receivables
// rollup for the period's clean days and the records for its dirty ones,
// everything else from the records.
func (db *DB) workloadSource(ctx context.Context, qr querier, q crm.ReportQuery, s wlSource, from, to crm.Date) ([]part, error) {
	if s.rollup == "" {
		return db.workloadParts(ctx, qr, q, s, from, to, nil)
	}
	if s.rollup == "sales" {
		return db.workloadSales(ctx, qr, q, s, from, to)
	}
	dirty, ok, err := db.receivableDirty(ctx, qr, q, from, to)
	if err != nil || !ok {
		return db.workloadParts(ctx, qr, q, s, from, to, nil)
	}
	width := len(crm.Reports[crm.ReportWorkload].Measures)
	scan := func(r scanner, p *part) error {
		p.vals = make([]float64, width)
		dest := []any{strKey{&p.key}, strKey{&p.label}, fl{&p.vals[s.idx[0]]}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		return r.Scan(dest...)
	}
	var parts []part
	only := func(w *where) { w.and(inDays(w, s.when, dirty)) }
	if s.rollup == "paid" {
		parts, err = db.paidRollup(ctx, qr, q, from, to, dirty, scan)
		only = func(w *where) { w.and(utcDays(w, s.when, dirty)) }
	} else {
		parts, err = db.planRollup(ctx, qr, q, from, to, dirty, func(*where) string { return "sum(r.planned)" }, scan)
	}
	if err != nil || len(dirty) == 0 {
		return parts, err
	}
	more, err := db.workloadParts(ctx, qr, q, s, from, to, only)
	return append(parts, more...), err
}

// workloadSales reads the orders and their amount from the sales rollup's
// whole-order rows for clean days, from the orders for dirty ones.
func (db *DB) workloadSales(ctx context.Context, qr querier, q crm.ReportQuery, s wlSource, from, to crm.Date) ([]part, error) {
	dirty, err := db.dirtyDays(ctx, qr, crm.ReportSales, from, to)
	if err != nil || len(dirty) > rollupMaxDirty {
		if err != nil {
			return nil, err
		}
		return db.workloadParts(ctx, qr, q, s, from, to, nil)
	}
	width := len(crm.Reports[crm.ReportWorkload].Measures)
	w := &where{}
	w.and("r.dim = ''")
	dateRange(w, "r.day", from, to)
	parts, err := db.rollupQuery(ctx, qr, q, "report_sales_days", "r.day", w, dirty,
		func(*where) string { return "sum(r.orders), sum(r.amount)" }, func(r scanner, p *part) error {
			p.vals = make([]float64, width)
			dest := []any{strKey{&p.key}, strKey{&p.label}, fl{&p.vals[s.idx[0]]}, fl{&p.vals[s.idx[1]]}}
			if q.By == crm.ByPeriod {
				dest[0] = dtv{&p.day}
			}
			return r.Scan(dest...)
		})
	if err != nil || len(dirty) == 0 {
		return parts, err
	}
	more, err := db.workloadParts(ctx, qr, q, s, from, to, func(w *where) { w.and(inDays(w, s.when, dirty)) })
	return append(parts, more...), err
}

// workloadParts reads one source from the records; only, when not nil,
// narrows it further (to the rollup's dirty days).
func (db *DB) workloadParts(ctx context.Context, qr querier, q crm.ReportQuery, s wlSource, from, to crm.Date,
	only func(w *where)) ([]part, error) {
	w := &where{}
	if s.cond != "" {
		w.and(s.cond)
	}
	if only != nil {
		only(w)
	}
	switch {
	case s.asOfToday:
		w.and(s.when + " < " + w.arg(q.Today.Time().Add(-time.Duration(q.Offset)*time.Minute).UTC()))
		if q.By == crm.ByPeriod {
			return nil, nil // a state of today, not of a day in the period
		}
	case s.date:
		dateRange(w, s.when, from, to)
	default:
		dayRange(w, s.when, q, from, to)
	}
	if s.order {
		w.visibleOrder(q.Viewer)
	} else {
		w.visible(q.Viewer, s.user)
	}
	scopeOwner(w, q, s.user)
	key, label := s.user, "u.name"
	switch q.By {
	case crm.ByTeam:
		key, label = "u.team_id", "t.name"
	case crm.ByPeriod:
		key, label = s.when, "''"
		if !s.date {
			key = db.localDay(s.when, q.Offset)
		}
	}
	sqlText := "SELECT " + key + ", " + label + ", " + strings.Join(s.exprs, ", ") + " FROM " + s.table +
		" LEFT JOIN users u ON u.id = " + s.user + " LEFT JOIN teams t ON t.id = u.team_id" + w.String() +
		groupBy(key, label)
	width := len(crm.Reports[crm.ReportWorkload].Measures)
	ps, err := queryAll(ctx, qr, func(r scanner) (part, error) {
		p := part{vals: make([]float64, width)}
		dest := []any{strKey{&p.key}, strKey{&p.label}}
		if q.By == crm.ByPeriod {
			dest[0] = dtv{&p.day}
		}
		for _, i := range s.idx {
			dest = append(dest, fl{&p.vals[i]})
		}
		return p, r.Scan(dest...)
	}, sqlText, w.args...)
	return ps, db.wrap(err, "workload "+s.table)
}
