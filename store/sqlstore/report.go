package sqlstore

import (
	"context"
	"slices"
	"sort"
	"strconv"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.ReportStore = (*DB)(nil)

// part is one group as a report's query returns it: a key and label, the
// day it counts on (period dimension), additive values, and samples for
// the percentile columns.
type part struct {
	key, label string
	day        crm.Date
	vals       []float64
	samples    map[int][]float64
	// rowOnly parts count in their row, not the total; totalOnly ones the
	// other way round: an order with two products is in two product rows
	// but once in the total.
	rowOnly, totalOnly bool
}

// reportKind is one report: its columns, its query over one period, and
// how derived columns (averages, rates, percentiles) follow from the rest.
type reportKind struct {
	cols   func(q crm.ReportQuery) []crm.ReportColumn
	run    func(db *DB, ctx context.Context, qr querier, q crm.ReportQuery, from, to crm.Date) ([]part, error)
	derive func(vals []*float64, samples map[int][]float64)
	hidden int // trailing values the derivations use, not shown
	noData []string
}

func (db *DB) reportKinds() map[string]reportKind {
	return map[string]reportKind{
		crm.ReportSales: salesReport, crm.ReportReceivables: receivablesReport, crm.ReportWorkload: workloadReport,
		crm.ReportFunnel: funnelReport, crm.ReportService: serviceReport,
	}
}

// Report runs q over the records q.Viewer may see.
func (db *DB) Report(ctx context.Context, q crm.ReportQuery) (*crm.ReportTable, error) {
	spec, ok := crm.Reports[q.Report]
	kind, ok2 := db.reportKinds()[q.Report]
	if !ok || !ok2 {
		return nil, &crm.Error{Code: crm.EINVALID, Message: "There is no report \"" + q.Report + "\".",
			Fields: map[string]string{"report": "unknown report \"" + q.Report + "\""}}
	}
	if err := q.Check(spec); err != nil {
		return nil, err
	}
	t := &crm.ReportTable{Report: q.Report, By: q.By, Grain: q.Grain, From: q.From, To: q.To, Today: q.Today,
		Columns: kind.cols(q), NoData: append([]string{}, kind.noData...)}
	err := db.query(ctx, func(qr querier) error {
		if err := db.checkReportUser(ctx, qr, q); err != nil {
			return err
		}
		cur, err := kind.run(db, ctx, qr, q, q.From, q.To)
		if err != nil {
			return err
		}
		width := len(t.Columns) + kind.hidden
		t.Rows, t.Total = assemble(q, kind, width, cur, q.From, q.To)
		if pf, pt, ok := q.Comparison(); ok {
			prev, err := kind.run(db, ctx, qr, q, pf, pt)
			if err != nil {
				return err
			}
			t.PrevFrom, t.PrevTo = &pf, &pt
			prows, ptotal := assemble(q, kind, width, prev, pf, pt)
			compare(q, t, prows, ptotal)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// checkReportUser refuses a manager's user_id outside their team.
func (db *DB) checkReportUser(ctx context.Context, qr querier, q crm.ReportQuery) error {
	if q.Viewer.Role != crm.RoleManager || q.UserID == nil || *q.UserID == q.Viewer.UserID {
		return nil
	}
	var n int
	err := qr.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = $1 AND team_id = $2`,
		*q.UserID, q.Viewer.TeamID).Scan(&n)
	if err != nil {
		return db.wrap(err, "check report user")
	}
	if n == 0 {
		return &crm.Error{Code: crm.EFORBIDDEN, Message: "You may not filter reports by user_id.",
			Fields: map[string]string{"user_id": "may only be a member of your team"}}
	}
	return nil
}

// assemble merges parts into rows (by bucket for the period dimension,
// every bucket present), derives, sorts, keeps the top N and totals.
func assemble(q crm.ReportQuery, k reportKind, ncol int, parts []part, from, to crm.Date) ([]crm.ReportRow, crm.ReportRow) {
	byKey := map[string]*part{}
	var order []string
	add := func(key, label string) *part {
		if p := byKey[key]; p != nil {
			return p
		}
		p := &part{key: key, label: label, vals: make([]float64, ncol), samples: map[int][]float64{}}
		byKey[key] = p
		order = append(order, key)
		return p
	}
	if q.By == crm.ByPeriod {
		for d := from; d.String() <= to.String(); d = crm.DateOf(d.Time().AddDate(0, 0, 1)) {
			b := crm.Bucket(q.Grain, d)
			add(b, b)
		}
	}
	total := &part{key: "total", vals: make([]float64, ncol), samples: map[int][]float64{}}
	for _, p := range parts {
		key, label := p.key, p.label
		if q.By == crm.ByPeriod {
			key = crm.Bucket(q.Grain, p.day)
			label = key
		}
		dsts := []*part{total}
		switch {
		case p.totalOnly:
		case p.rowOnly:
			dsts[0] = add(key, label)
		default:
			dsts = append(dsts, add(key, label))
		}
		for _, dst := range dsts {
			for i, v := range p.vals {
				dst.vals[i] += v
			}
			for i, s := range p.samples {
				dst.samples[i] = append(dst.samples[i], s...)
			}
		}
	}
	rows := make([]crm.ReportRow, 0, len(order))
	for _, key := range order {
		rows = append(rows, finish(k, byKey[key]))
	}
	if q.By != crm.ByPeriod && q.By != "aging" { // aging keeps its buckets' order
		// Ties by key, so that a table read from the rollup and one read
		// from the records list their rows in the same order.
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := num(rows[i].Values[0]), num(rows[j].Values[0])
			return a > b || (a == b && rows[i].Key < rows[j].Key)
		})
		if q.Top > 0 && len(rows) > q.Top {
			rows = rows[:q.Top]
		}
	}
	return rows, finish(k, total)
}

func finish(k reportKind, p *part) crm.ReportRow {
	vals := make([]*float64, len(p.vals))
	for i := range p.vals {
		v := p.vals[i]
		vals[i] = &v
	}
	if k.derive != nil {
		k.derive(vals, p.samples)
	}
	return crm.ReportRow{Key: p.key, Label: p.label, Values: vals[:len(vals)-k.hidden]}
}

// compare puts the comparison period's values beside each row: by
// position for the period dimension (March beside February), by key else.
func compare(q crm.ReportQuery, t *crm.ReportTable, prev []crm.ReportRow, ptotal crm.ReportRow) {
	byKey := map[string][]*float64{}
	for _, r := range prev {
		byKey[r.Key] = r.Values
	}
	for i := range t.Rows {
		if q.By == crm.ByPeriod {
			if i < len(prev) {
				t.Rows[i].Previous = prev[i].Values
			}
			continue
		}
		t.Rows[i].Previous = byKey[t.Rows[i].Key]
	}
	t.Total.Previous = ptotal.Values
}

func num(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

// ratio is a/b, nil when b is 0.
func ratio(a, b float64, scale float64) *float64 {
	if b == 0 {
		return nil
	}
	r := a / b * scale
	return &r
}

// percentile is the p-th percentile (nearest rank) of xs; nil for none.
func percentile(xs []float64, p float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(p*float64(len(s))+0.999999) - 1
	i = max(0, min(i, len(s)-1))
	v := s[i]
	return &v
}

func cols(kind string, keys ...string) []crm.ReportColumn {
	out := make([]crm.ReportColumn, len(keys))
	for i, k := range keys {
		out[i] = crm.ReportColumn{Key: k, Kind: kind}
	}
	return out
}

func idKey(id int64) string { return strconv.FormatInt(id, 10) }
