package sqlstore

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.CustomerPicker = (*DB)(nil)

// PickCustomers implements crm.CustomerPicker: on SQLite through the FTS5
// trigram table customer_names (migration 0025), a q shorter than a
// trigram by LIKE, which stops at the first limit matches, newest first;
// on PostgreSQL through the index of each name's characters and pairs,
// customers_pick_grams (migration 0044), for any length of q.
func (db *DB) PickCustomers(ctx context.Context, v crm.Viewer, q string, limit int) (cs []*crm.Customer, err error) {
	q = strings.TrimSpace(q)
	w := &where{}
	from, order := ` FROM customers c`, ` ORDER BY c.id DESC`
	switch {
	case q == "":
	case db.dialect.Name() == "postgres":
		// The grams find the candidates (the index), ILIKE keeps those
		// with q as one run of characters.
		name := "(c.name || ' ' || c.short_name)"
		w.and("pick_grams(" + name + ") @> pick_query_grams(" + w.arg(q) + ")")
		w.and(name + " ILIKE " + w.arg("%"+EscapeLike(q)+"%") + ` ESCAPE '\'`)
	case utf8.RuneCountInString(q) < 3:
		w.search(db.dialect.ILike(), q, "c.name", "c.short_name")
	default:
		// Joined, not "id IN (…)": FTS5 then walks its matches newest
		// first and the LIMIT stops it, where IN would read them all
		// (every customer, for "有限公司").
		from = ` FROM customer_names JOIN customers c ON c.id = customer_names.rowid`
		order = ` ORDER BY customer_names.rowid DESC`
		w.and("customer_names MATCH " + w.arg(`"`+strings.ReplaceAll(q, `"`, `""`)+`"`))
	}
	w.visible(v, "c.owner_id")
	limit = crm.Page{Limit: limit}.Clamp().Limit
	read := db.query
	custom := db.dialect.Name() == "postgres"
	if custom {
		read = db.view
	}
	err = read(ctx, func(qr querier) error {
		// A cached generic plan walks the id index and filters every row
		// for a name that matches nothing (0.4–0.9 s at 100k customers):
		// the plan must see the pattern to use the trigram index.
		if custom {
			if _, err := qr.ExecContext(ctx, `SET LOCAL plan_cache_mode = force_custom_plan`); err != nil {
				return db.wrap(err, "pick customers plan")
			}
		}
		cs, err = queryAll(ctx, qr, scanCustomer, `SELECT `+customerCols+from+w.String()+order+` LIMIT `+itoa(limit), w.args...)
		return db.wrap(err, "pick customers")
	})
	return cs, err
}
