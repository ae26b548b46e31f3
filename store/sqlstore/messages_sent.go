package sqlstore

import (
	"context"

	"github.com/rapport-crm/rapport/crm"
)

var _ crm.DrillStore = (*DB)(nil)

// sentWhere is the messages people sent that f selects, as the workload
// report counts them: outbound with an author, seen by the author's
// visibility (a rep their own, a manager their team's), sent in the window.
func sentWhere(f crm.SentFilter) *where {
	w := &where{}
	w.and("m.direction = 'out' AND m.author_id IS NOT NULL")
	w.visible(f.Viewer, "m.author_id")
	w.equalID("m.author_id", f.AuthorID)
	w.inTeam("m.author_id", f.TeamID)
	w.within("m.sent_at", f.From, f.To)
	return w
}

// SentMessages returns a page of the messages people sent, newest first,
// with the start of their text (a list, not a reader: each opens its
// conversation).
func (db *DB) SentMessages(ctx context.Context, f crm.SentFilter) (l crm.List[*crm.SentMessage], err error) {
	pg := f.Page.Clamp()
	w := sentWhere(f)
	tail := w.page("m.id", pg.After, pg.Limit)
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, func(r scanner) (*crm.SentMessage, error) {
			m := &crm.SentMessage{}
			return m, r.Scan(&m.ID, &m.ConversationID, &m.Channel, &m.AuthorID, tm{&m.SentAt}, &m.Subject, &m.Snippet)
		}, `SELECT m.id, m.conversation_id, m.channel, m.author_id, m.sent_at, m.subject, substr(m.text, 1, 200)
			FROM messages m`+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(m *crm.SentMessage) int64 { return m.ID })
		return db.wrap(err, "sent messages")
	})
	return l, err
}

// CountSentMessages counts what f selects, ignoring its page.
func (db *DB) CountSentMessages(ctx context.Context, f crm.SentFilter) (int64, error) {
	return db.count(ctx, "sent messages", "messages m", sentWhere(f))
}
