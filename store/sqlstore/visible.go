package sqlstore

import "github.com/rapport-crm/rapport/crm"

// visible adds the condition that v may see a record whose owner is in
// ownerCol (see crm.Viewer): admins everything; managers the pool, their own
// and their team's; reps (and any unknown role) the pool and their own.
//
// The owner column is written +col so that no index on it is used for
// this test: without statistics SQLite would otherwise fetch every visible
// row through the owner index and sort them all for one page (60 ms at
// 100k customers), where walking the primary key newest first stops after
// one page. PostgreSQL plans the same either way.
func (w *where) visible(v crm.Viewer, ownerCol string) {
	if v.SeesAll() {
		return
	}
	w.and(w.owns(v, "+"+ownerCol, true))
}

// visibleOrder adds the condition that v may see order o (and what hangs
// on it: payments, plans, deliveries): by the order's own owner, or by its
// customer's: ownership follows the customer, so the rep who owns a
// customer sees its orders and contracts whoever signed them. A pool
// customer opens none of another rep's orders.
func (w *where) visibleOrder(v crm.Viewer) {
	if v.SeesAll() {
		return
	}
	w.and("(" + w.owns(v, "+o.owner_id", true) + " OR (SELECT cu.owner_id FROM customers cu WHERE cu.id = o.customer_id) " +
		w.ownerSet(v) + ")")
}

// ownerSet is "= me" or, for a manager, "IN (me and my team)": the
// customer's owner is looked up per order (one key lookup), where an
// EXISTS let PostgreSQL hash every customer of the team first (70 ms at
// 100k customers for a month's orders).
func (w *where) ownerSet(v crm.Viewer) string {
	if v.Role == crm.RoleManager && v.TeamID != 0 {
		return "IN (SELECT CAST(" + w.arg(v.UserID) + " AS BIGINT) UNION ALL SELECT id FROM users WHERE team_id = " + w.arg(v.TeamID) + ")"
	}
	return "= " + w.arg(v.UserID)
}

// owns is the condition that v owns (a manager: v's team owns) the record
// whose owner is in col; pool: or nobody does.
func (w *where) owns(v crm.Viewer, col string, pool bool) string {
	var cond string
	if v.Role == crm.RoleManager && v.TeamID != 0 {
		u := w.arg(v.UserID)
		cond = col + " = " + u + " OR " + col + " IN (SELECT id FROM users WHERE team_id = " + w.arg(v.TeamID) + ")"
	} else {
		cond = col + " = " + w.arg(v.UserID)
	}
	if pool {
		cond = col + " IS NULL OR " + cond
	}
	return "(" + cond + ")"
}
