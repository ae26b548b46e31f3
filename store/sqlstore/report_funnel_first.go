package sqlstore

import (
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// funnelRow is the leads of one row (day, source) whose customers share a
// first sale (none: not converted, or no sale yet): how many, how many
// converted, their days to convert, that order and its amount.
type funnelRow struct {
	key                    string
	day                    crm.Date
	leads, converted, days float64
	first                  *int64
	amount                 sql.NullFloat64 // NULL: no first sale, or one the viewer may not see
}

// funnelRowParts sums the leads per row, and counts and sums each first
// order once per row (per bucket for the period dimension) and once in
// the total: two leads of one customer lead to one first order, so that
// the order list behind the figure (OrderFilter.FirstOf) holds as many
// orders as it counts.
func funnelRowParts(q crm.ReportQuery, rows []funnelRow) []part {
	parts := make([]part, 0, 2*len(rows)+1)
	total := part{totalOnly: true, vals: make([]float64, 7)}
	seen, counted := map[[2]string]bool{}, map[int64]bool{}
	for _, f := range rows {
		p := part{key: f.key, label: f.key, day: f.day, vals: make([]float64, 7)}
		p.vals[0], p.vals[1], p.vals[6] = f.leads, f.converted, f.days
		parts = append(parts, p)
		if f.first == nil || !f.amount.Valid {
			continue
		}
		row := f.key
		if q.By == crm.ByPeriod {
			row = crm.Bucket(q.Grain, f.day)
		}
		if k := [2]string{row, idKey(*f.first)}; !seen[k] {
			seen[k] = true
			first := part{key: f.key, label: f.key, day: f.day, vals: make([]float64, 7), rowOnly: true}
			first.vals[3], first.vals[4] = 1, f.amount.Float64
			parts = append(parts, first)
		}
		if !counted[*f.first] {
			counted[*f.first] = true
			total.vals[3]++
			total.vals[4] += f.amount.Float64
		}
	}
	return append(parts, total)
}
