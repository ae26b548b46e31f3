package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.InboxStore = (*DB)(nil)

// Inbox returns a page of the conversations q.Viewer may see, newest first
// or longest waiting first, by keyset on (sort time, id).
func (db *DB) Inbox(ctx context.Context, q crm.InboxQuery) (crm.InboxPage, error) {
	if err := q.Validate(); err != nil {
		return crm.InboxPage{}, err
	}
	if err := db.wakeSnoozed(ctx); err != nil {
		return crm.InboxPage{}, err
	}
	w := &where{}
	from := db.inboxFilters(w, q, w.visible)
	if err := db.searchMessages(ctx, w, q.Search); err != nil {
		return crm.InboxPage{}, err
	}
	tail, err := db.inboxOrder(w, q)
	if err != nil {
		return crm.InboxPage{}, err
	}
	var items []*crm.InboxItem
	err = db.view(ctx, func(qr querier) error {
		items, err = queryAll(ctx, qr, func(r scanner) (*crm.InboxItem, error) {
			c, err := scanConversation(r)
			if err != nil {
				return nil, err
			}
			return &crm.InboxItem{Conversation: *c}, nil
		}, `SELECT `+conversationCols+from+w.String()+tail, w.args...)
		if err != nil {
			return db.wrap(err, "inbox")
		}
		if err := db.previews(ctx, qr, items); err != nil {
			return err
		}
		return db.recordNames(ctx, qr, items)
	})
	if err != nil {
		return crm.InboxPage{}, err
	}
	return inboxPage(items, q), nil
}

// inboxFilters adds the query's conditions but the search (which the
// counts ignore), and returns the FROM clause. A label is a join, not
// a semi-join: the planner may then start from the label's rows, where
// walking every open conversation to find a rare label costs 100 ms.
func (db *DB) inboxFilters(w *where, q crm.InboxQuery, visible func(crm.Viewer, string)) string {
	from := " FROM conversations v"
	if q.Label != "" {
		from += " JOIN conversation_labels l ON l.conversation_id = v.id AND l.label_id = (SELECT id FROM labels WHERE name = " +
			w.arg(q.Label) + ")"
	}
	// Mine and unassigned are visible to anyone by definition; leaving
	// the visibility test out lets both engines use the assignee index.
	switch q.View {
	case crm.ViewMine:
		w.and("v.assignee_id = " + w.arg(q.Viewer.UserID))
	case crm.ViewUnassigned:
		w.and("v.assignee_id IS NULL")
	default:
		visible(q.Viewer, "v.assignee_id")
	}
	w.equal("v.status", q.Status)
	w.equal("v.channel", q.Channel)
	w.equalID("v.team_id", q.TeamID)
	drillFilters(w, q.Drill)
	if q.HandedOff {
		w.and(`EXISTS (SELECT 1 FROM bot_decisions d WHERE d.conversation_id = v.id AND d.action = 'handoff'
			AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = v.id AND r.direction = 'out'
				AND r.author_id IS NOT NULL AND r.created_at >= d.decided_at))`)
	}
	return from
}

// inboxOrder adds the sort's own condition and the keyset, and returns the
// ORDER BY and LIMIT.
func (db *DB) inboxOrder(w *where, q crm.InboxQuery) (string, error) {
	col, op, dir := "v.last_message_at", "<", "DESC"
	if q.Sort == crm.SortWaiting {
		// Waiting: the customer wrote last, and nobody has answered since.
		w.and("v.last_inbound_at IS NOT NULL AND v.last_inbound_at >= v.last_message_at")
		col, op, dir = "v.last_inbound_at", ">", "ASC"
	}
	if q.Label != "" {
		// Sort a label's conversations rather than walk the time index
		// hoping to meet them: labels mark few, and a label none of whose
		// conversations has the status asked for costs a full walk.
		col = db.unindexed(col)
	}
	if q.Cursor != "" {
		t, id, err := parseCursor(q.Cursor)
		if err != nil {
			return "", err
		}
		ta, ia := w.arg(t), w.arg(id)
		w.and("(" + col + " " + op + " " + ta + " OR (" + col + " = " + ta + " AND v.id " + op + " " + ia + "))")
	}
	return fmt.Sprintf(" ORDER BY %s %s, v.id %s LIMIT %d", col, dir, dir, q.Limit+1), nil
}

func inboxPage(items []*crm.InboxItem, q crm.InboxQuery) crm.InboxPage {
	if items == nil {
		items = []*crm.InboxItem{}
	}
	if len(items) <= q.Limit {
		return crm.InboxPage{Items: items}
	}
	items = items[:q.Limit]
	last := items[len(items)-1]
	t := last.LastMessageAt
	if q.Sort == crm.SortWaiting && last.LastInboundAt != nil {
		t = *last.LastInboundAt
	}
	return crm.InboxPage{Items: items, Next: strconv.FormatInt(t.UnixMicro(), 10) + "." + strconv.FormatInt(last.ID, 10)}
}

func parseCursor(s string) (time.Time, int64, error) {
	bad := crm.Errorf(crm.EINVALID, "The page cursor is not valid.")
	ts, ids, ok := strings.Cut(s, ".")
	if !ok {
		return time.Time{}, 0, bad
	}
	us, err1 := strconv.ParseInt(ts, 10, 64)
	id, err2 := strconv.ParseInt(ids, 10, 64)
	if err1 != nil || err2 != nil {
		return time.Time{}, 0, bad
	}
	return utc(time.UnixMicro(us)), id, nil
}

// wakeSnoozed reopens conversations whose snooze has run out. It looks on
// the read pool first, so that lists do not take the write lock for nothing.
func (db *DB) wakeSnoozed(ctx context.Context) error {
	now := db.now()
	var n int
	err := db.query(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM conversations
			WHERE status = 'snoozed' AND snoozed_until <= $1 LIMIT 1) s`, now).Scan(&n)
	})
	if err != nil || n == 0 {
		return db.wrap(err, "find snoozed")
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE conversations SET status = 'open', snoozed_until = NULL
			WHERE status = 'snoozed' AND snoozed_until <= $1`, now)
		return db.wrap(err, "wake snoozed")
	})
}

// unindexed returns an expression equal to col that no index serves.
func (db *DB) unindexed(col string) string {
	if db.dialect.Name() == "sqlite" {
		return "+" + col
	}
	return "(" + col + " + interval '0 seconds')"
}
