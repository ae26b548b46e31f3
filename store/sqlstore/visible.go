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
	ownerCol = "+" + ownerCol
	switch {
	case v.SeesAll():
		return
	case v.Role == crm.RoleManager && v.TeamID != 0:
		u := w.arg(v.UserID)
		w.and("(" + ownerCol + " IS NULL OR " + ownerCol + " = " + u + " OR " + ownerCol +
			" IN (SELECT id FROM users WHERE team_id = " + w.arg(v.TeamID) + "))")
	default:
		w.and("(" + ownerCol + " IS NULL OR " + ownerCol + " = " + w.arg(v.UserID) + ")")
	}
}
