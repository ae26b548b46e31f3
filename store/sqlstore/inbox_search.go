package sqlstore

import (
	"context"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// searchDoc is the text a message is found by; PostgreSQL's trigram index
// is built on exactly this expression (migrations/postgres/0007_inbox.sql).
const searchDoc = `(subject || ' ' || from_name || ' ' || from_address || ' ' || text)`

// searchWindow bounds a search to the newest matching messages: a common
// word matches a tenth of all messages, and collecting every conversation
// they belong to costs seconds at a million messages, while the newest
// thousand find the conversations a rep is after. Older matches of a
// common word need a more precise query (docs/inbox.md says so).
const searchWindow = 1000

// searchMessages keeps conversations with one of the newest searchWindow
// messages that contain every word of q, in any case for Latin letters.
// Both engines index trigrams, so Chinese needs no word segmentation; a
// word shorter than three characters cannot use the index and is checked
// by LIKE on the rows the longer words found (or, alone, on every row:
// slower). With a MessageIndex (SQLite) the index names the messages.
func (db *DB) searchMessages(ctx context.Context, w *where, q string) error {
	words := strings.Fields(q)
	if len(words) == 0 {
		return nil
	}
	if db.search != nil {
		ids, err := db.search.Newest(ctx, words, searchWindow)
		if err != nil {
			return db.wrap(err, "inbox search")
		}
		w.and("v.id IN (" + db.dialect.ForEachKey(w.arg(db.dialect.ListArg(ids)), "bigint",
			"m.conversation_id", "messages m", "m.id = k.v") + ")")
		return nil
	}
	conds := make([]string, len(words))
	for i, word := range words {
		conds[i] = searchDoc + " ILIKE " + w.arg("%"+EscapeLike(word)+"%") + ` ESCAPE '\'`
	}
	w.and("v.id IN (SELECT conversation_id FROM messages WHERE " + strings.Join(conds, " AND ") +
		" ORDER BY id DESC LIMIT " + itoa(searchWindow) + ")")
	return nil
}

// previews fills each item's preview (its last message) and From (the
// customer's latest name or address), two small index lookups per page.
func (db *DB) previews(ctx context.Context, q querier, items []*crm.InboxItem) error {
	if len(items) == 0 {
		return nil
	}
	byID := make(map[int64]*crm.InboxItem, len(items))
	w := &where{}
	ph := make([]string, len(items))
	for i, it := range items {
		byID[it.ID] = it
		ph[i] = w.arg(it.ID)
	}
	in := strings.Join(ph, ", ")
	rows, err := q.QueryContext(ctx, `SELECT m.conversation_id, m.id, m.direction, m.from_name, m.from_address,
		substr(m.text, 1, 160) FROM messages m WHERE m.id IN (
		SELECT max(id) FROM messages WHERE conversation_id IN (`+in+`) GROUP BY conversation_id
		UNION SELECT max(id) FROM messages WHERE conversation_id IN (`+in+`) AND direction = 'in'
		GROUP BY conversation_id) ORDER BY m.id`, w.args...)
	if err != nil {
		return db.wrap(err, "inbox previews")
	}
	defer rows.Close()
	for rows.Next() {
		var cid, id int64
		var dir, name, addr, text string
		if err := rows.Scan(&cid, &id, &dir, &name, &addr, &text); err != nil {
			return db.wrap(err, "inbox previews")
		}
		it := byID[cid]
		it.Preview, it.LastIsOut = strings.TrimSpace(text), dir == crm.DirectionOut
		if dir == crm.DirectionIn {
			it.From = name
			if it.From == "" {
				it.From = addr
			}
		}
	}
	return db.wrap(rows.Err(), "inbox previews")
}
