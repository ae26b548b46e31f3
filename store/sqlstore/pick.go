package sqlstore

import (
	"cmp"
	"context"
	"slices"
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
// The owner test is written +owner_id (see visible), so PostgreSQL cannot
// estimate what share a rep sees and guesses it small: at 1000 it chose a
// sequential scan and a sort of every visible row (24 ms for a rep at 100k
// customers); at 200 it walks the id index newest first and stops (5 ms).
// 200 still fills a page for the fragments most names share.
const pickNewest = 200

// pickPostgres reads in two steps, in one statement. First the newest
// customers the viewer sees, pickNewest at most, by the id index: a
// fragment most names have ("客户", "有限") fills the page there. Only
// when it does not (a rarer fragment, or a miss) the index of each
// name's characters and pairs, customers_pick_grams (migration 0044),
// finds the candidates for any length of q, and ILIKE keeps those with q
// as one run of characters. One query cannot do both: where the planner
// guesses a fragment rare that is common, it computes the grams of every
// visible row (0.3 s for a rep at 100k customers); after the first step
// only rare fragments are left, and few rows pass ILIKE to have their
// grams computed whatever the plan. The second step's answer holds the
// first's, so the rows are merged here.
func (db *DB) pickPostgres(ctx context.Context, v crm.Viewer, q string, limit int) (cs []*crm.Customer, err error) {
	const name = "(c.name || ' ' || c.short_name)"
	tail := ` ORDER BY c.id DESC LIMIT ` + itoa(limit)
	w := &where{}
	w.visible(v, "c.owner_id")
	newest := `SELECT ` + customerCols + ` FROM (SELECT * FROM customers c` + w.String() +
		` ORDER BY c.id DESC LIMIT ` + itoa(pickNewest) + `) c`
	query := newest + tail
	if q != "" {
		vis := w.String()
		like := w.arg("%" + EscapeLike(q) + "%")
		ilike := name + ` ILIKE ` + like + ` ESCAPE '\'`
		query = `WITH newest AS MATERIALIZED (` + newest + ` WHERE ` + ilike + tail + `)
			SELECT * FROM newest UNION ALL
			SELECT * FROM (SELECT ` + customerCols + ` FROM customers c` + vis + ` AND pick_grams(` + name +
			`) @> pick_query_grams(` + w.arg(q) + `) AND ` + ilike + tail + `) g
			WHERE (SELECT count(*) FROM newest) < ` + itoa(limit)
		if vis == "" {
			query = strings.Replace(query, "customers c AND pick_grams", "customers c WHERE pick_grams", 1)
		}
	}
	err = db.view(ctx, func(qr querier) error {
		// A cached generic plan cannot see the grams' statistics.
		if _, err := qr.ExecContext(ctx, `SET LOCAL plan_cache_mode = force_custom_plan`); err != nil {
			return db.wrap(err, "pick customers plan")
		}
		cs, err = queryAll(ctx, qr, scanCustomer, query, w.args...)
		return db.wrap(err, "pick customers")
	})
	seen := map[int64]bool{}
	out := cs[:0]
	for _, c := range cs {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *crm.Customer) int { return cmp.Compare(b.ID, a.ID) })
	return out[:min(len(out), limit)], err
}
