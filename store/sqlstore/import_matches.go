package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// importMatchSQL is each ImportMatches rule's query for one value k.v:
// value, id, label (and row), as the columns, tables and condition of
// Dialect.ForEachKey. Customers match on their name key only where it is
// set (SQLite's partial index).
var importMatchSQL = map[string][3]string{
	"row_key": {`r.row_key, r.job_id, '', r.row_no`, `import_rows r JOIN import_jobs j ON j.id = r.job_id`,
		`r.row_key = k.v AND r.action IN ('created', 'updated') AND j.status <> 'undone'`},
	"customer:name": {`c.name_key, c.id, c.name, 0`, `customers c`, `c.name_key = k.v AND c.name_key <> ''`},
	"contact:email": {`x.email, c.id, c.name, 0`, `contact_emails x JOIN contacts c ON c.id = x.contact_id`, `x.email = k.v`},
	"contact:phone": {`x.phone, c.id, c.name, 0`, `contact_phones x JOIN contacts c ON c.id = x.contact_id`, `x.phone = k.v`},
	"lead:email":    {`l.email, l.id, l.name || ' ' || l.company, 0`, `leads l`, `l.email = k.v`},
	"lead:phone":    {`l.phone, l.id, l.name || ' ' || l.company, 0`, `leads l`, `l.phone = k.v`},
	"product:sku":   {`p.sku, p.id, p.name, 0`, `products p`, `p.sku = k.v`},
	"order:number":  {`o.number, o.id, o.number, 0`, `orders o`, `o.number = k.v`},
}

// ImportMatches looks many values up at once, for a chunk of rows: one
// query per rule instead of one per row. EINVALID for an unknown rule.
func (db *DB) ImportMatches(ctx context.Context, rule string, values []string) (map[string][]crm.ImportMatch, error) {
	q, ok := importMatchSQL[rule]
	if !ok {
		return nil, crm.Errorf(crm.EINVALID, "Unknown import match rule %q.", rule)
	}
	out := map[string][]crm.ImportMatch{}
	if len(values) == 0 {
		return out, nil
	}
	// One query for all the values, each planned as the index lookup it is:
	// an IN list over tables an import is filling is planned from stale
	// statistics on PostgreSQL, as a scan that grows with every chunk.
	sq := db.dialect.ForEachKey("$1", "text", q[0], q[1], q[2]) + ` ORDER BY 2, 4`
	err := db.query(ctx, func(qr querier) error {
		rows, err := qr.QueryContext(ctx, sq, db.dialect.ListArg(values))
		if err != nil {
			return db.wrap(err, "import matches "+rule)
		}
		defer rows.Close()
		for rows.Next() {
			var v string
			var m crm.ImportMatch
			if err := rows.Scan(&v, &m.ID, &m.Label, &m.Row); err != nil {
				return db.wrap(err, "import matches "+rule)
			}
			out[v] = append(out[v], m)
		}
		return db.wrap(rows.Err(), "import matches "+rule)
	})
	return out, err
}
