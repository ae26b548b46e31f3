package sqlstore

import "github.com/rapport-crm/rapport/crm"

// visible adds the condition that v may see a record whose owner is in
// ownerCol (see crm.Viewer): admins everything; managers the pool, their own
// and their team's; reps (and any unknown role) the pool and their own.
func (w *where) visible(v crm.Viewer, ownerCol string) {
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
