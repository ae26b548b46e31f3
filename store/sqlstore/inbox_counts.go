package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

// InboxCounts counts, in one pass over the filtered conversations, what
// each view and each status would show.
func (db *DB) InboxCounts(ctx context.Context, q crm.InboxQuery) (*crm.InboxCounts, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := db.wakeSnoozed(ctx); err != nil {
		return nil, err
	}
	all := q
	all.View, all.Status = crm.ViewAll, ""
	w := &where{}
	from := db.inboxFilters(w, all, w.visibleByIndex)
	out := &crm.InboxCounts{Views: map[string]int{crm.ViewAll: 0, crm.ViewMine: 0, crm.ViewUnassigned: 0},
		Statuses: map[string]int{crm.ConvOpen: 0, crm.ConvPending: 0, crm.ConvSnoozed: 0, crm.ConvResolved: 0}}
	// Grouped by the raw columns, so that SQLite counts in the
	// (assignee_id, status, …) index alone, without a sort.
	err := db.query(ctx, func(qr querier) error {
		rows, err := qr.QueryContext(ctx, `SELECT v.assignee_id, v.status, count(*)`+from+
			w.String()+` GROUP BY v.assignee_id, v.status`, w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var assignee *int64
			var status string
			var n int
			if err := rows.Scan(nid{&assignee}, &status, &n); err != nil {
				return err
			}
			addCount(out, q, status, bucket(assignee, q.Viewer.UserID), n)
		}
		return rows.Err()
	})
	return out, db.wrap(err, "inbox counts")
}

// visibleByIndex is where.visible written for the assignee index: counts
// read every visible row, and for a rep the pool and their own are two
// short ranges of that index rather than a walk of the whole table.
func (w *where) visibleByIndex(v crm.Viewer, col string) {
	switch {
	case v.SeesAll():
	case v.Role == crm.RoleManager && v.TeamID != 0:
		w.and("(" + col + " IS NULL OR " + col + " = " + w.arg(v.UserID) + " OR " + col +
			" IN (SELECT id FROM users WHERE team_id = " + w.arg(v.TeamID) + "))")
	default:
		w.and("(" + col + " IS NULL OR " + col + " = " + w.arg(v.UserID) + ")")
	}
}

// bucket sorts an assignee: 0 none, 1 the viewer, 2 someone else.
func bucket(assignee *int64, me int64) int {
	switch {
	case assignee == nil:
		return 0
	case *assignee == me:
		return 1
	}
	return 2
}

// addCount counts n conversations of one status and assignee bucket (0: none,
// 1: the viewer, 2: someone else).
func addCount(c *crm.InboxCounts, q crm.InboxQuery, status string, bucket, n int) {
	inView := q.View == crm.ViewAll || (q.View == crm.ViewMine && bucket == 1) ||
		(q.View == crm.ViewUnassigned && bucket == 0)
	if inView {
		c.Statuses[status] += n
	}
	if q.Status != "" && q.Status != status {
		return
	}
	c.Views[crm.ViewAll] += n
	switch bucket {
	case 0:
		c.Views[crm.ViewUnassigned] += n
	case 1:
		c.Views[crm.ViewMine] += n
	}
}
