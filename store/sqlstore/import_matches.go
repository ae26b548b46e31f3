package sqlstore

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// importMatchSQL is each ImportMatches rule's query: value, id, label (and
// row), for the values in its IN list. Customers match on their name key
// only where it is set (SQLite's partial index).
var importMatchSQL = map[string]string{
	"row_key": `SELECT r.row_key, r.job_id, '', r.row_no FROM import_rows r JOIN import_jobs j ON j.id = r.job_id
		WHERE r.action IN ('created', 'updated') AND j.status <> 'undone' AND r.row_key IN (%s)`,
	"customer:name": `SELECT c.name_key, c.id, c.name, 0 FROM customers c WHERE c.name_key <> '' AND c.name_key IN (%s)`,
	"contact:email": `SELECT x.email, c.id, c.name, 0 FROM contact_emails x JOIN contacts c ON c.id = x.contact_id
		WHERE x.email IN (%s)`,
	"contact:phone": `SELECT x.phone, c.id, c.name, 0 FROM contact_phones x JOIN contacts c ON c.id = x.contact_id
		WHERE x.phone IN (%s)`,
	"lead:email":   `SELECT l.email, l.id, l.name || ' ' || l.company, 0 FROM leads l WHERE l.email IN (%s)`,
	"lead:phone":   `SELECT l.phone, l.id, l.name || ' ' || l.company, 0 FROM leads l WHERE l.phone IN (%s)`,
	"product:sku":  `SELECT p.sku, p.id, p.name, 0 FROM products p WHERE p.sku IN (%s)`,
	"order:number": `SELECT o.number, o.id, o.number, 0 FROM orders o WHERE o.number IN (%s)`,
}

// ImportMatches looks many values up at once, for a chunk of rows: one
// query per rule instead of one per row. EINVALID for an unknown rule.
func (db *DB) ImportMatches(ctx context.Context, rule string, values []string) (map[string][]crm.ImportMatch, error) {
	q, ok := importMatchSQL[rule]
	if !ok {
		return nil, crm.Errorf(crm.EINVALID, "Unknown import match rule %q.", rule)
	}
	out := map[string][]crm.ImportMatch{}
	for len(values) > 0 {
		n := min(len(values), 100) // see AddImportRows on parameters
		if err := db.importMatches(ctx, rule, q, values[:n], out); err != nil {
			return nil, err
		}
		values = values[n:]
	}
	return out, nil
}

func (db *DB) importMatches(ctx context.Context, rule, q string, values []string, out map[string][]crm.ImportMatch) error {
	marks := make([]string, len(values))
	args := make([]any, len(values))
	for i, v := range values {
		marks[i], args[i] = "$"+itoa(i+1), v
	}
	return db.query(ctx, func(qr querier) error {
		rows, err := qr.QueryContext(ctx, strings.Replace(q, "%s", strings.Join(marks, ", "), 1)+` ORDER BY 2, 4`, args...)
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
}
