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
// on PostgreSQL see pickNewest and pickGrams.
func (db *DB) PickCustomers(ctx context.Context, v crm.Viewer, q string, limit int) (cs []*crm.Customer, err error) {
	q = strings.TrimSpace(q)
	limit = crm.Page{Limit: limit}.Clamp().Limit
	if db.dialect.Name() == "postgres" {
		return db.pickPostgres(ctx, v, q, limit)
	}
	w := &where{}
	from, order := ` FROM customers c`, ` ORDER BY c.id DESC`
	switch {
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
	err = db.query(ctx, func(qr querier) error {
		cs, err = queryAll(ctx, qr, scanCustomer, `SELECT `+customerCols+from+w.String()+order+` LIMIT `+itoa(limit), w.args...)
		return db.wrap(err, "pick customers")
	})
	return cs, err
}

// pickNewest is how many of the newest customers the picker reads first.
const pickNewest = 1000

// pickPostgres reads in two steps, in one snapshot. First the newest
// customers the viewer sees, pickNewest at most, by the id index: a
// fragment most names have ("客户", "有限") fills the page there. Else
// (a rarer fragment, or a miss) the index of each name's characters and
// pairs, customers_pick_grams (migration 0044), finds the candidates for
// any length of q, and ILIKE keeps those with q as one run of characters.
// One query cannot do both: where the planner guesses the fragment rare
// and it is common, it computes the grams of every visible row (0.3 s for
// a rep at 100k customers); the first step leaves the second only
// fragments that are rare, where few rows pass ILIKE to have them
// computed whatever the plan.
func (db *DB) pickPostgres(ctx context.Context, v crm.Viewer, q string, limit int) (cs []*crm.Customer, err error) {
	const name = "(c.name || ' ' || c.short_name)"
	tail := ` ORDER BY c.id DESC LIMIT ` + itoa(limit)
	first := &where{}
	first.visible(v, "c.owner_id")
	newest := `SELECT ` + customerCols + ` FROM (SELECT * FROM customers c` + first.String() +
		` ORDER BY c.id DESC LIMIT ` + itoa(pickNewest) + `) c`
	second := &where{}
	if q != "" {
		newest += ` WHERE ` + name + ` ILIKE ` + first.arg("%"+EscapeLike(q)+"%") + ` ESCAPE '\'`
		second.and("pick_grams(" + name + ") @> pick_query_grams(" + second.arg(q) + ")")
		second.and(name + " ILIKE " + second.arg("%"+EscapeLike(q)+"%") + ` ESCAPE '\'`)
	}
	second.visible(v, "c.owner_id")
	err = db.view(ctx, func(qr querier) error {
		// A cached generic plan cannot see the grams' statistics.
		if _, err := qr.ExecContext(ctx, `SET LOCAL plan_cache_mode = force_custom_plan`); err != nil {
			return db.wrap(err, "pick customers plan")
		}
		if cs, err = queryAll(ctx, qr, scanCustomer, newest+tail, first.args...); err != nil || len(cs) == limit || q == "" {
			return db.wrap(err, "pick customers")
		}
		cs, err = queryAll(ctx, qr, scanCustomer, `SELECT `+customerCols+` FROM customers c`+second.String()+tail, second.args...)
		return db.wrap(err, "pick customers")
	})
	return cs, err
}
