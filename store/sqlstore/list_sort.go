package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// sorted adds the keyset condition of pg and returns the ORDER/LIMIT tail
// of a list of kind (table, aliased a): newest first, or by one of the
// kind's crm.SortKeys with the id breaking ties in the same direction. The
// page after a cursor starts past the cursor's own (key, id), read from
// the table, so a sorted list pages as steadily as the newest-first one.
// Sort keys are NOT NULL columns: a row comparison with NULL is unknown.
func (w *where) sorted(kind, a, table string, pg crm.Page) (string, error) {
	key, desc, err := crm.ParseSort(kind, pg.Sort)
	if err != nil || key == "" {
		return w.page(a+".id", pg.After, pg.Limit), err
	}
	col, op, dir := a+"."+key, " > ", ""
	if desc {
		op, dir = " < ", " DESC"
	}
	if pg.After > 0 {
		w.and("(" + col + ", " + a + ".id)" + op + "(SELECT " + key + ", id FROM " + table +
			" WHERE id = " + w.arg(pg.After) + ")")
	}
	return " ORDER BY " + col + dir + ", " + a + ".id" + dir + " LIMIT " + itoa(pg.Limit+1), nil
}

// count runs SELECT COUNT(*) over from and w: a list's total.
func (db *DB) count(ctx context.Context, what, from string, w *where) (n int64, err error) {
	err = db.query(ctx, func(q querier) error {
		return db.wrap(q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+w.String(), w.args...).Scan(&n), "count "+what)
	})
	return n, err
}

// poolSorted is sorted for a list with the pool's filters (leads,
// customers): the reclaim order when the filter asks for it, else pg's.
func (w *where) poolSorted(v crm.Viewer, a, table string, f crm.PoolFilter, pg crm.Page) (string, error) {
	if f.Sort == crm.SortReclaim {
		return poolList(w, v, a, table, f, pg), nil
	}
	poolList(w, v, a, table, f, crm.Page{Limit: pg.Limit}) // its filters, without its page
	return w.sorted(table, a, table, pg)
}
